/**
 * Where a row of the Incident Register opens (the openRegisterReport command: the row's server URI and
 * 0-based line). No VS Code API here, so that it is unit-tested: `asUri` is the language client's
 * protocol2CodeConverter.asUri, which turns the server's URI into the editor's own. On the desktop that is
 * the same file: URI; in a browser workbench the server sees documents as file: URIs of their paths, and only
 * the converter knows the vscode-remote: or vscode-vfs: URI the editor can open.
 */
export function registerTarget<U>(asUri: (value: string) => U, uri: unknown, line: unknown): { uri: U; line: number } | undefined {
  if (typeof uri !== 'string') return undefined;
  return { uri: asUri(uri), line: typeof line === 'number' && Number.isInteger(line) && line >= 0 ? line : 0 };
}
