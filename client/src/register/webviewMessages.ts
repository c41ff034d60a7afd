/**
 * What the register metrics webview may ask of the extension, checked before anything is done with it
 * (the page is the server's HTML; its one script only posts these two shapes, and anything else is
 * dropped): `{ type: 'trace', key }`, a number's trace key (server/src/engine/site/siteTrace.ts), and
 * `{ type: 'open', href: 'reports/<name>.html#L<n>' }`, a report link of the page. No VS Code API here.
 */

/** The longest trace key a page writes (siteTrace.ts, MAX_TRACE_KEY). */
export const MAX_TRACE_KEY = 400;

export type WebviewRequest = { type: 'trace'; key: string } | { type: 'open'; page: string; line: number };

export function parseWebviewMessage(message: unknown): WebviewRequest | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const { type, key, href } = message as { type?: unknown; key?: unknown; href?: unknown };
  if (type === 'trace') {
    if (typeof key !== 'string' || key.length === 0 || key.length > MAX_TRACE_KEY || /[\u0000-\u001f\u007f]/.test(key)) return undefined;
    return { type, key };
  }
  if (type === 'open' && typeof href === 'string') {
    const match = /^reports\/([a-z0-9-]+\.html)(?:#L(\d{1,9}))?$/.exec(href);
    return match ? { type, page: match[1], line: Math.max(1, Number(match[2] ?? 1)) } : undefined;
  }
  return undefined;
}

/**
 * Whether a location the server sent names a file inside one of the workspace folders: a file: URI whose
 * decoded path (VS Code's `Uri.path`, '/'-separated) has no '.' or '..' segment and lies under a folder's
 * path at a '/' boundary (a Windows drive letter compared without case). The extension opens a location only
 * when this holds and VS Code's own getWorkspaceFolder agrees.
 */
export function isWorkspaceFile(location: { scheme: string; path: string }, folderPaths: readonly string[]): boolean {
  if (location.scheme !== 'file' || location.path.split('/').some((segment) => segment === '.' || segment === '..')) return false;
  const path = withLowerDrive(location.path);
  return folderPaths.some((folder) => {
    const base = withLowerDrive(folder.endsWith('/') ? folder : `${folder}/`);
    return path.startsWith(base) && path.length > base.length;
  });
}

const withLowerDrive = (path: string): string => path.replace(/^\/[A-Za-z]:/, (drive) => drive.toLowerCase());
