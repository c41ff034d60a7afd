/**
 * Where an editor export may go, without the vscode module (unit-tested in test/unit/client). The save
 * dialog already asks before replacing an existing file; what it does not stop is choosing the report
 * itself, which the export would destroy.
 */

/** The parts of a vscode.Uri that say which resource it names. */
export interface ResourceName {
  scheme: string;
  authority: string;
  path: string;
}

/** Platforms whose usual file systems ignore case in names (NTFS, APFS/HFS+ by default). */
const CASE_INSENSITIVE_PLATFORMS: readonly string[] = ['win32', 'darwin'];

/**
 * Whether two URIs name the same resource: same scheme and authority, and the same path, compared without
 * case for `file:` URIs on Windows and macOS (`Report.md` and `report.md` are one file there).
 */
export function isSameResource(a: ResourceName, b: ResourceName, platform: string): boolean {
  if (a.scheme.toLowerCase() !== b.scheme.toLowerCase() || a.authority.toLowerCase() !== b.authority.toLowerCase()) return false;
  const path = (uri: ResourceName) => uri.path.replace(/\/+$/, '') || '/';
  if (a.scheme.toLowerCase() === 'file' && CASE_INSENSITIVE_PLATFORMS.includes(platform)) return path(a).toLowerCase() === path(b).toLowerCase();
  return path(a) === path(b);
}

/**
 * The path of a temporary file beside `path` (a URI path, '/'-separated): hidden, recognisable, in the same
 * folder so that renaming it over the target is one step on the same file system.
 */
export function temporarySiblingPath(path: string, random: string): string {
  const slash = path.lastIndexOf('/');
  return `${path.slice(0, slash + 1)}.${path.slice(slash + 1).slice(0, 100)}.increport-${random}.tmp`;
}
