/** node:url in the browser bundle: file URLs of posix paths, as the web client hands them to the server. */
export function fileURLToPath(url: string | URL): string {
  const parsed = typeof url === 'string' ? new URL(url) : url;
  if (parsed.protocol !== 'file:') throw new TypeError(`not a file URL: ${parsed.href}`);
  return decodeURIComponent(parsed.pathname);
}

export function pathToFileURL(path: string): URL {
  const encoded = path.split('/').map(encodeURIComponent).join('/');
  return new URL(`file://${encoded.startsWith('/') ? '' : '/'}${encoded}${path.endsWith('/') && !encoded.endsWith('/') ? '/' : ''}`);
}
