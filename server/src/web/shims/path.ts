/** node:path (posix) in the browser bundle: the paths the web client gives the server are posix paths of URIs. */
export const sep = '/';
export const delimiter = ':';

export function normalize(path: string): string {
  const absolute = path.startsWith('/');
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
    else if (part !== '..' || !absolute) parts.push(part);
  }
  const joined = parts.join('/');
  return absolute ? `/${joined}` : joined || '.';
}

export const isAbsolute = (path: string): boolean => path.startsWith('/');
export const join = (...paths: string[]): string => normalize(paths.filter((path) => path !== '').join('/') || '.');

export function resolve(...paths: string[]): string {
  let resolved = '';
  for (let index = paths.length - 1; index >= 0 && !resolved.startsWith('/'); index--) {
    if (paths[index]) resolved = resolved ? `${paths[index]}/${resolved}` : paths[index];
  }
  return normalize(resolved.startsWith('/') ? resolved : `/${resolved}`);
}

/** The path without trailing slashes (a linear scan; "/" stays "/"). */
function trimSlashes(path: string): string {
  let end = path.length;
  while (end > 1 && path[end - 1] === '/') end--;
  return path.slice(0, end);
}

export function dirname(path: string): string {
  const trimmed = trimSlashes(path);
  const index = trimmed.lastIndexOf('/');
  if (index < 0) return '.';
  return index === 0 ? '/' : trimmed.slice(0, index);
}

export function basename(path: string, extension?: string): string {
  const base = trimSlashes(path).split('/').pop() ?? '';
  return extension && base.endsWith(extension) && base !== extension ? base.slice(0, -extension.length) : base;
}

export function extname(path: string): string {
  const base = basename(path);
  const index = base.lastIndexOf('.');
  return index <= 0 ? '' : base.slice(index);
}

export function relative(from: string, to: string): string {
  const fromParts = resolve(from).split('/').filter(Boolean);
  const toParts = resolve(to).split('/').filter(Boolean);
  let common = 0;
  while (common < fromParts.length && common < toParts.length && fromParts[common] === toParts[common]) common++;
  return [...fromParts.slice(common).map(() => '..'), ...toParts.slice(common)].join('/');
}

export const posix = { sep, delimiter, normalize, isAbsolute, join, resolve, dirname, basename, extname, relative };
export default posix;
