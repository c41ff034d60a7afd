/**
 * server/src/lsp/register/registerDisk.ts in the browser bundle: VS Code for the Web gives the server no
 * folder to walk or stat, so the Incident Register holds the reports that are open (see the README).
 */
export function toPosix(path: string): string {
  return path;
}

export function reportFileUris(): string[] {
  return [];
}

export function fileStamp(): string | undefined {
  return undefined;
}
