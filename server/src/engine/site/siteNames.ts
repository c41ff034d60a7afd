import { sha256, utf8Bytes } from '../text/sha';

/** The folder of the report pages inside the site. */
export const REPORTS_FOLDER = 'reports';

const MAX_SLUG = 60;

/**
 * The file name of a report's page: `<slug>-<hash>.html`. The slug is the report's path lower-cased, every
 * run of characters other than a–z and 0–9 one '-', cut to 60 characters; the hash (8 hex digits of the
 * path's SHA-256) keeps two paths that slugify alike apart. Only [a-z0-9-.] ever reaches a file name or a
 * link, so no path, title or ID can name a folder, a parent ('..'), a scheme or a reserved device.
 */
export function reportPageName(path: string): string {
  let name = pageNames.get(path);
  if (name === undefined) {
    // A register page links each report many times (every technique, indicator and number): hash each path once.
    if (pageNames.size >= MAX_CACHED_NAMES) pageNames.clear();
    pageNames.set(path, (name = computePageName(path)));
  }
  return name;
}

const pageNames = new Map<string, string>();
const MAX_CACHED_NAMES = 100_000;

function computePageName(path: string): string {
  const dashed = path
    .normalize('NFKD')
    .toLowerCase()
    .replace(/\.md$/, '')
    .replace(/[^a-z0-9]+/g, '-');
  const slug = withoutEdgeDashes(withoutEdgeDashes(dashed).slice(0, MAX_SLUG)) || 'report';
  const hash = [...sha256(utf8Bytes(path)).slice(0, 4)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${slug}-${hash}.html`;
}

/** `text` without the dashes at its start and end (a scan: a pattern for them retries from every dash). */
function withoutEdgeDashes(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && text[start] === '-') start++;
  while (end > start && text[end - 1] === '-') end--;
  return text.slice(start, end);
}

/** The link from a top-level page to a report's page, at a 1-based line when given (`#L12`, see siteReport.ts). */
export function reportHref(path: string, line?: number): string {
  const anchor = line !== undefined && Number.isInteger(line) && line > 0 ? `#L${line}` : '';
  return `${REPORTS_FOLDER}/${reportPageName(path)}${anchor}`;
}
