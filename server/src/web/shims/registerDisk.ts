import type { Message } from 'vscode-languageserver/browser';
import { fileURLToPath } from './url';

/**
 * server/src/lsp/register/registerDisk.ts in the browser bundle: VS Code for the Web gives the server no
 * folder to walk or stat, so the Incident Register holds the reports that are open (see the README). The
 * connection (shims/languageServer.ts) reports every document the editor opens or closes here, so that the
 * index's folder scan, which runs when the register is first shown, finds the reports that are already open
 * (the index itself only hears of documents opened or changed after that). A closed report has no file stamp
 * here: the index drops it.
 */
const openUris = new Set<string>();

/** Notes textDocument/didOpen and didClose, before the server handles them. */
export function noteOpenDocuments(message: Message): void {
  const { method, params } = message as { method?: unknown; params?: { textDocument?: { uri?: unknown } } };
  const uri = params?.textDocument?.uri;
  if (typeof uri !== 'string') return;
  if (method === 'textDocument/didOpen') openUris.add(uri);
  else if (method === 'textDocument/didClose') openUris.delete(uri);
}

export function toPosix(path: string): string {
  return path;
}

/** The open Markdown files under `root`, as file: URIs: what the index would touch (registerIndex.ts, touch). */
export function reportFileUris(root: string): string[] {
  const base = root.endsWith('/') ? root : `${root}/`;
  return [...openUris].filter((uri) => uri.startsWith('file:') && uri.toLowerCase().endsWith('.md') && fileURLToPath(uri).startsWith(base));
}

export function fileStamp(): string | undefined {
  return undefined;
}
