import { pathToFileURL, fileURLToPath } from 'node:url';
import {
  createConnection,
  DiagnosticSeverity,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type Diagnostic,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ConfigError } from '../engine/config/configTypes';
import { nodeFileSystem } from '../engine/config/nodeFileSystem';
import { packageRoot } from '../engine/resources';
import { ReportWorkspace } from '../engine/workspace';
import { toDiagnostic } from './toDiagnostic';

/** Pause after the last keystroke before re-checking, so typing stays smooth. */
const DIAGNOSTICS_DEBOUNCE_MS = 200;

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const docsBaseUrl = pathToFileURL(`${packageRoot()}/docs/rules/`).href;
let workspace = new ReportWorkspace({ fileSystem: nodeFileSystem, baseDirectory: process.cwd() });
const pending = new Map<string, NodeJS.Timeout>();

connection.onInitialize((params) => {
  const folder = params.workspaceFolders?.[0]?.uri ?? params.rootUri;
  if (folder?.startsWith('file:')) {
    workspace = new ReportWorkspace({ fileSystem: nodeFileSystem, baseDirectory: fileURLToPath(folder) });
  }
  return { capabilities: { textDocumentSync: TextDocumentSyncKind.Incremental } };
});

function diagnose(document: TextDocument): Diagnostic[] {
  const path = document.uri.startsWith('file:') ? fileURLToPath(document.uri) : `${process.cwd()}/untitled.md`;
  try {
    const result = workspace.checkFile(path, document.getText());
    return result.isReport ? result.findings.map((finding) => toDiagnostic(finding, docsBaseUrl)) : [];
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return [{
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      severity: DiagnosticSeverity.Error,
      source: 'increport',
      code: 'config-invalid',
      message: `Invalid increport configuration: ${error.toString()}`,
    }];
  }
}

function schedule(document: TextDocument): void {
  clearTimeout(pending.get(document.uri));
  pending.set(document.uri, setTimeout(() => {
    pending.delete(document.uri);
    const current = documents.get(document.uri);
    // A document closed or changed meanwhile is skipped: its newer version has its own timer.
    if (!current || current.version !== document.version) return;
    try {
      void connection.sendDiagnostics({ uri: current.uri, version: current.version, diagnostics: diagnose(current) });
    } catch (error) {
      connection.console.error(`increport: checking ${current.uri} failed: ${(error as Error).stack ?? String(error)}`);
    }
  }, DIAGNOSTICS_DEBOUNCE_MS));
}

documents.onDidChangeContent((change) => schedule(change.document));
documents.onDidClose((event) => {
  clearTimeout(pending.get(event.document.uri));
  void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
});
connection.onDidChangeWatchedFiles(() => {
  workspace.reset();
  documents.all().forEach(schedule);
});

documents.listen(connection);
connection.listen();
