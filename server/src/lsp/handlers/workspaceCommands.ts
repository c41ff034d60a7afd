import { fileURLToPath } from 'node:url';
import { ErrorCodes, ResponseError, type Connection, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { ConfigError } from '../../engine/config/configTypes';
import { readReportFile } from '../../node/readReport';
import { CHECK_FILES_REQUEST, NEW_REPORT_REQUEST, type CheckFilesParams, type CheckFilesResult, type NewReportParams, type NewReportResult } from '../protocol';
import type { ReportSession } from '../reportSession';
import { diagnosticsOf } from './diagnostics';

/** Requests behind the extension's commands: Check Workspace and New Incident Report. */
export function registerWorkspaceCommands(
  connection: Connection,
  documents: TextDocuments<TextDocument>,
  session: () => ReportSession,
  docsBaseUrl: string,
): void {
  connection.onRequest(CHECK_FILES_REQUEST, (params: CheckFilesParams, token): CheckFilesResult => {
    const files: CheckFilesResult['files'] = [];
    for (const uri of params.uris) {
      if (token.isCancellationRequested) break;
      // Open documents are checked live, from their unsaved text.
      const open = documents.get(uri);
      if (open) {
        const analysis = session().analyze(open);
        files.push({ uri, isReport: analysis.isReport, diagnostics: diagnosticsOf(analysis, docsBaseUrl) });
        continue;
      }
      const read = uri.startsWith('file:') ? readReportFile(fileURLToPath(uri)) : { error: 'Not a file on disk' };
      if ('error' in read) {
        files.push({ uri, isReport: false, diagnostics: [], error: read.error });
        continue;
      }
      const analysis = session().analyze({ uri, version: -1, getText: () => read.text });
      session().forget(uri);
      files.push({ uri, isReport: analysis.isReport, diagnostics: diagnosticsOf(analysis, docsBaseUrl) });
    }
    return { files };
  });

  connection.onRequest(NEW_REPORT_REQUEST, (params: NewReportParams | null | undefined): NewReportResult => {
    // The folder the new report is meant for: its configuration chooses the schema and the ATT&CK version.
    const folder = typeof params?.folderUri === 'string' && params.folderUri.startsWith('file:') ? params.folderUri : undefined;
    const uri = folder && `${folder.replace(/\/+$/, '')}/new-report.md`;
    try {
      return { text: session().newReport(uri) };
    } catch (error) {
      if (error instanceof ConfigError) throw new ResponseError(ErrorCodes.InvalidParams, `Invalid increport configuration: ${error.toString()}`);
      throw error;
    }
  });
}
