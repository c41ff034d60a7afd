import { fileURLToPath } from 'node:url';
import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { renderText, reportTemplate } from '../../engine/templates/skeleton';
import { readReportFile } from '../../node/readReport';
import { CHECK_FILES_REQUEST, NEW_REPORT_REQUEST, type CheckFilesParams, type CheckFilesResult, type NewReportResult } from '../protocol';
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

  connection.onRequest(NEW_REPORT_REQUEST, (): NewReportResult => {
    const probe = session().analyze({ uri: 'untitled:new-report.md', version: -1, getText: () => '# Incident Report: New\n' });
    session().forget('untitled:new-report.md');
    const report = probe.report;
    if (!report) throw new Error('The report schema could not be loaded');
    const today = session().now().toISOString().slice(0, 10);
    return { text: renderText(reportTemplate(report.spec, report.catalog.tactics), today) };
  });
}
