/** A URI as far as choosing a folder needs it (vscode.Uri fits). */
export interface SchemedUri {
  readonly scheme: string;
}

/**
 * The folder a new report is meant for (its configuration chooses the ATT&CK version and the template
 * style): the active document's, when it is a file of the workspace — `file:` on the desktop, the
 * workbench's own scheme in a browser (`vscode-remote:`, `vscode-vfs:`) — else the first workspace folder.
 * An untitled or virtual document (output, git) has no folder of its own.
 */
export function folderForNewReport<U extends SchemedUri>(
  active: U | undefined,
  workspaceFolderOf: (uri: U) => U | undefined,
  parentOf: (uri: U) => U,
  firstFolder: U | undefined,
): U | undefined {
  if (active && (active.scheme === 'file' || workspaceFolderOf(active) !== undefined)) return parentOf(active);
  return firstFolder;
}
