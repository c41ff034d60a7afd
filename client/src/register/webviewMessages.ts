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

/** The parts of a URI (VS Code's Uri, or a workspace folder's) that place it. */
export type Location = { scheme: string; authority: string; path: string };

/**
 * Whether a location the server sent, converted to the editor's URI, names a file inside one of the workspace
 * folders: the folder's scheme and authority (a host name, compared without case), and a decoded path
 * (VS Code's `Uri.path`, '/'-separated) with no '.' or '..' segment that lies under the folder's path at a '/'
 * boundary (a Windows drive letter compared without case). On the desktop both are file: URIs; in a browser
 * workbench both are the workbench's own (vscode-remote:, vscode-vfs:). The extension opens a location only
 * when this holds and VS Code's own getWorkspaceFolder agrees.
 */
export function isWorkspaceFile(location: Location, folders: readonly Location[]): boolean {
  if (location.path.split('/').some((segment) => segment === '.' || segment === '..')) return false;
  const path = withLowerDrive(location.path);
  return folders.some((folder) => {
    if (folder.scheme !== location.scheme || folder.authority.toLowerCase() !== location.authority.toLowerCase()) return false;
    const base = withLowerDrive(folder.path.endsWith('/') ? folder.path : `${folder.path}/`);
    return path.startsWith(base) && path.length > base.length;
  });
}

const withLowerDrive = (path: string): string => path.replace(/^\/[A-Za-z]:/, (drive) => drive.toLowerCase());
