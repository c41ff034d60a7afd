/*
 * The public address of the rule pages, for SARIF's `helpUri`: derived from package.json's `repository`
 * (or, failing that, a `homepage` on the same forges) when it names a repository on GitHub, GitLab or
 * Bitbucket. The page is the file docs/rules/<id>.md on the repository's default branch (`HEAD`, which
 * each forge resolves to it), below `repository.directory` for a package inside a monorepo:
 *
 *   "repository": "github:o/r"                   → https://github.com/o/r/blob/HEAD/docs/rules/<id>.md
 *   "repository": { "url": "git+https://gitlab.com/g/sub/r.git", "directory": "pkg" }
 *                                                → https://gitlab.com/g/sub/r/-/blob/HEAD/pkg/docs/rules/<id>.md
 *   "homepage": "https://github.com/o/r#readme"  → https://github.com/o/r/blob/HEAD/docs/rules/<id>.md
 *
 * Anything else (no such field, another host, a file: or private URL) gives no address: '' here, and
 * SARIF then carries no helpUri, never a path into the install folder. The help text itself is always
 * inline (rule.help), so nothing is lost.
 */

/** The fields of package.json that matter here, as read (so of unknown shape). */
export interface PackageLinks {
  homepage?: unknown;
  repository?: unknown;
}

interface RepositoryLocation {
  host: 'github.com' | 'gitlab.com' | 'bitbucket.org';
  /** `owner/name` (GitLab: `group/subgroup/name`), without `.git`. */
  path: string;
}

const SHORTHAND_HOSTS: Record<string, RepositoryLocation['host']> = { github: 'github.com', gitlab: 'gitlab.com', bitbucket: 'bitbucket.org' };
const SEGMENT = /^[A-Za-z0-9_.-]+$/;

function isForge(host: string): host is RepositoryLocation['host'] {
  return host === 'github.com' || host === 'gitlab.com' || host === 'bitbucket.org';
}

/** `owner/name` for GitHub and Bitbucket; GitLab keeps its subgroups up to the first `-` segment. */
function repositoryPath(host: RepositoryLocation['host'], segments: readonly string[]): string | undefined {
  const cleaned = segments.filter((segment) => segment !== '');
  const end = cleaned.indexOf('-');
  const parts = host === 'gitlab.com' ? cleaned.slice(0, end < 0 ? undefined : end) : cleaned.slice(0, 2);
  if (parts.length < 2) return undefined;
  parts[parts.length - 1] = parts[parts.length - 1].replace(/\.git$/, '');
  return parts.every((part) => SEGMENT.test(part) && part !== '.' && part !== '..') ? parts.join('/') : undefined;
}

/** A repository or homepage string in any form npm accepts for a public forge, or undefined. */
export function parseRepositoryUrl(value: string): RepositoryLocation | undefined {
  const text = value.trim();
  const shorthand = /^(?:(github|gitlab|bitbucket):)?([A-Za-z0-9_.-]+\/[A-Za-z0-9_./-]+)$/.exec(text);
  if (shorthand && !text.includes('//')) {
    const host = SHORTHAND_HOSTS[shorthand[1] ?? 'github'];
    const path = repositoryPath(host, shorthand[2].split('/'));
    return path === undefined ? undefined : { host, path };
  }
  const scp = /^git@([^:/]+):(.+)$/.exec(text);
  const urlText = scp ? `ssh://git@${scp[1]}/${scp[2]}` : text.replace(/^git\+/, '');
  let url: URL;
  try {
    url = new URL(urlText);
  } catch {
    return undefined;
  }
  if (!['https:', 'http:', 'git:', 'ssh:'].includes(url.protocol)) return undefined;
  const host = url.hostname.toLowerCase().replace(/^www\./, '');
  if (!isForge(host)) return undefined;
  const path = repositoryPath(
    host,
    url.pathname.split('/').map((segment) => decodeURIComponent(segment)),
  );
  return path === undefined ? undefined : { host, path };
}

/** `repository.directory` as safe path segments ('' when absent or unusable). */
function directoryPrefix(repository: unknown): string {
  if (typeof repository !== 'object' || repository === null) return '';
  const directory = (repository as { directory?: unknown }).directory;
  if (typeof directory !== 'string') return '';
  const segments = directory.split(/[\\/]/).filter((segment) => segment !== '' && segment !== '.');
  if (segments.some((segment) => segment === '..' || !SEGMENT.test(segment))) return '';
  return segments.map((segment) => `${segment}/`).join('');
}

function repositoryString(repository: unknown): string | undefined {
  if (typeof repository === 'string') return repository;
  if (typeof repository === 'object' && repository !== null) {
    const url = (repository as { url?: unknown }).url;
    if (typeof url === 'string') return url;
  }
  return undefined;
}

function blobBase({ host, path }: RepositoryLocation): string {
  if (host === 'gitlab.com') return `https://gitlab.com/${path}/-/blob/HEAD/`;
  if (host === 'bitbucket.org') return `https://bitbucket.org/${path}/src/HEAD/`;
  return `https://github.com/${path}/blob/HEAD/`;
}

/** The URL the rule pages live under (ending in '/', so the page is `${base}${ruleId}.md`), or '' when none is public. */
export function ruleDocsBaseUrl(links: PackageLinks): string {
  const repositoryText = repositoryString(links.repository);
  const repository = repositoryText === undefined ? undefined : parseRepositoryUrl(repositoryText);
  if (repository) return `${blobBase(repository)}${directoryPrefix(links.repository)}docs/rules/`;
  const homepage = typeof links.homepage === 'string' && /^https?:\/\//i.test(links.homepage.trim()) ? parseRepositoryUrl(links.homepage) : undefined;
  return homepage ? `${blobBase(homepage)}docs/rules/` : '';
}
