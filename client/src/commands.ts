import { folderForNewReport } from './newReportFolder';
import { languages, ProgressLocation, Uri, window, workspace, type DiagnosticCollection, type Disposable } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  CHECK_FILES_REQUEST,
  NEW_REPORT_REQUEST,
  type CheckFilesParams,
  type CheckFilesResult,
  type NewReportParams,
  type NewReportResult,
} from '../../server/src/lsp/protocol';

/** Files sent to the server per request during Check Workspace: small enough to show steady progress. */
const CHECK_BATCH_SIZE = 25;
const MARKDOWN_GLOB = '**/*.{md,markdown}';
const EXCLUDED_FOLDERS = '**/{node_modules,.git}/**';

/** The commands that talk to the language server: New Incident Report and Check Workspace. */
export class ReportCommands implements Disposable {
  /** Findings for reports that are not open; open ones get live diagnostics from the server. */
  private readonly workspaceDiagnostics: DiagnosticCollection = languages.createDiagnosticCollection('increport-workspace');
  private readonly subscriptions: Disposable[] = [];

  constructor(private readonly client: () => Promise<LanguageClient>) {
    this.subscriptions.push(workspace.onDidOpenTextDocument((document) => this.workspaceDiagnostics.delete(document.uri)));
  }

  /** A new untitled report (its URI is returned), for the folder of the active report (else the first workspace folder): its configuration chooses the ATT&CK version and the template style. */
  async newReport(): Promise<Uri> {
    const client = await this.client();
    const folder = folderForNewReport(
      window.activeTextEditor?.document.uri,
      (uri) => workspace.getWorkspaceFolder(uri)?.uri,
      (uri) => Uri.joinPath(uri, '..'),
      workspace.workspaceFolders?.[0]?.uri,
    );
    // As the server names documents: in a browser workbench, a file: URI of the path (web/originalUris.ts).
    const params: NewReportParams = folder ? { folderUri: client.code2ProtocolConverter.asUri(folder) } : {};
    const { text } = await client.sendRequest<NewReportResult>(NEW_REPORT_REQUEST, params);
    const document = await workspace.openTextDocument({ language: 'markdown', content: text });
    await window.showTextDocument(document);
    // Returned so that a caller (a test, another extension) addresses this document, not whichever editor is active by then.
    return document.uri;
  }

  async checkWorkspace(): Promise<{ checked: number; reports: number; problems: number }> {
    const client = await this.client();
    const uris = await workspace.findFiles(MARKDOWN_GLOB, EXCLUDED_FOLDERS);
    const open = new Set(workspace.textDocuments.map((document) => document.uri.toString()));
    const closed = uris.filter((uri) => !open.has(uri.toString()));
    let reports = 0;
    let problems = 0;
    await window.withProgress({ location: ProgressLocation.Notification, title: 'Checking incident reports', cancellable: true }, async (progress, token) => {
      this.workspaceDiagnostics.clear();
      for (let start = 0; start < closed.length && !token.isCancellationRequested; start += CHECK_BATCH_SIZE) {
        const batch = closed.slice(start, start + CHECK_BATCH_SIZE);
        progress.report({ message: `${start + batch.length} of ${closed.length} files`, increment: (batch.length / Math.max(closed.length, 1)) * 100 });
        // Both ways through the language client's converters, as its own messages: in a browser workbench the
        // server knows files by file: URIs of their paths, and only the converter maps them back.
        const params: CheckFilesParams = { uris: batch.map((uri) => client.code2ProtocolConverter.asUri(uri)) };
        const result = await client.sendRequest<CheckFilesResult>(CHECK_FILES_REQUEST, params, token);
        for (const file of result.files) {
          if (!file.isReport) continue;
          reports++;
          const diagnostics = await client.protocol2CodeConverter.asDiagnostics(file.diagnostics);
          problems += diagnostics.length;
          this.workspaceDiagnostics.set(client.protocol2CodeConverter.asUri(file.uri), diagnostics);
        }
      }
    });
    void window.showInformationMessage(
      `Incident reports: ${reports} checked (${closed.length} Markdown files not open), ${problems} problems — see the Problems panel.`,
    );
    return { checked: closed.length, reports, problems };
  }

  dispose(): void {
    this.workspaceDiagnostics.dispose();
    this.subscriptions.forEach((subscription) => subscription.dispose());
  }
}
