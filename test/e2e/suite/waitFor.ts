import * as vscode from 'vscode';

/** How long to wait for the language server's diagnostics before failing: no fixed sleeps anywhere. */
export const DIAGNOSTICS_TIMEOUT_MS = 30_000;

/** Resolves with the document's diagnostics once `accept` holds, waiting on change events. */
export function waitForDiagnostics(
  uri: vscode.Uri,
  accept: (diagnostics: readonly vscode.Diagnostic[]) => boolean,
  what: string,
): Promise<readonly vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const diagnostics = vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === 'increport');
      if (!accept(diagnostics)) return false;
      cleanup();
      resolve(diagnostics);
      return true;
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((changed) => changed.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      cleanup();
      const current = vscode.languages.getDiagnostics(uri).map((diagnostic) => `${diagnostic.code as string}: ${diagnostic.message}`);
      reject(new Error(`Timed out waiting for ${what} on ${uri.fsPath}; current: ${JSON.stringify(current)}`));
    }, DIAGNOSTICS_TIMEOUT_MS);
    const cleanup = () => {
      clearTimeout(timer);
      subscription.dispose();
    };
    check();
  });
}

export const codesOf = (diagnostics: readonly vscode.Diagnostic[]) =>
  diagnostics.map((diagnostic) => (typeof diagnostic.code === 'object' ? String(diagnostic.code.value) : String(diagnostic.code)));

/** Resolves with the first tab for which `accept` holds, waiting on tab events (tabs appear asynchronously). */
export function waitForTab(accept: (tab: vscode.Tab) => boolean, what: string): Promise<vscode.Tab> {
  return new Promise((resolve, reject) => {
    const find = () => vscode.window.tabGroups.all.flatMap((group) => group.tabs).find(accept);
    const found = find();
    if (found) {
      resolve(found);
      return;
    }
    const subscription = vscode.window.tabGroups.onDidChangeTabs(() => {
      const tab = find();
      if (!tab) return;
      cleanup();
      resolve(tab);
    });
    const timer = setTimeout(() => {
      cleanup();
      const labels = vscode.window.tabGroups.all.flatMap((group) => group.tabs).map((tab) => `${tab.label} (${tab.input?.constructor.name ?? 'no input'})`);
      reject(new Error(`Timed out waiting for ${what}; tabs: ${labels.join(', ')}`));
    }, DIAGNOSTICS_TIMEOUT_MS);
    const cleanup = () => {
      clearTimeout(timer);
      subscription.dispose();
    };
  });
}
