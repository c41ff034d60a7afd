import { relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { toPosix } from './registerDisk';
import { quarterOf, reportName, type RegisterRow } from '../../engine/register';
import type { RegisterItem } from '../protocol';

/** A workspace folder the register indexes: its name (shown before paths when there are several) and its path. */
export interface RegisterFolder {
  name: string;
  path: string;
}

/**
 * The path users see: relative to the report's workspace folder (the innermost that holds it), after the
 * folder's name when the workspace has several folders; the whole path outside every folder.
 */
export function displayPath(folders: readonly RegisterFolder[], uri: string): string {
  if (!uri.startsWith('file:')) return uri;
  const path = fileURLToPath(uri);
  let best: RegisterFolder | undefined;
  for (const folder of folders) {
    const inside = path === folder.path || path.startsWith(folder.path.endsWith(sep) ? folder.path : folder.path + sep);
    if (inside && (!best || folder.path.length > best.path.length)) best = folder;
  }
  if (!best) return toPosix(path);
  const relativePath = toPosix(relative(best.path, path));
  return folders.length > 1 ? `${best.name}/${relativePath}` : relativePath;
}

/** The workspace folder a path the index shows is in, when the workspace has several. */
export function folderOf(folders: readonly RegisterFolder[], shownPath: string): string | undefined {
  return folders.length > 1 ? folders.find((folder) => shownPath.startsWith(`${folder.name}/`))?.name : undefined;
}

/** As the CLI's folder search: nothing outside the folders, nothing in dependency folders. */
export function isUnderRoot(shownPath: string): boolean {
  return !shownPath.startsWith('../') && !/^[a-zA-Z]:|^\//.test(shownPath) && !/(^|\/)(node_modules|\.git)\//.test(shownPath);
}

/** A row as the view lists it. */
export function toItem(uri: string, row: RegisterRow, folder: string | undefined): RegisterItem {
  const first = row.id && row.title ? Math.min(row.id.line, row.title.line) : (row.title?.line ?? row.id?.line ?? 1);
  return {
    uri,
    path: row.path,
    ...(folder ? { folder } : {}),
    name: reportName(row),
    ...(row.title ? { title: row.title.value } : {}),
    ...(row.status ? { status: row.status.value } : {}),
    ...(row.severity ? { severity: row.severity.value } : {}),
    ...(quarterOf(row) ? { quarter: quarterOf(row) } : {}),
    findings: row.findings,
    line: Math.max(0, first - 1),
  };
}
