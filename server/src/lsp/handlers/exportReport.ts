import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ResponseError, type Connection, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { exportReportText } from '../../engine/export';
import { EXPORT_REQUEST, type ExportParams, type ExportResult } from '../protocol';
import type { ReportSession } from '../reportSession';

/** Export as JSON, STIX 2.1 or an ATT&CK Navigator layer: the same functions as `increport export`. */
export function registerExport(
  connection: Connection,
  documents: TextDocuments<TextDocument>,
  session: () => ReportSession,
  rootPath: () => string | undefined,
): void {
  connection.onRequest(EXPORT_REQUEST, (params: ExportParams): ExportResult => {
    const document = documents.get(params.uri);
    if (!document) throw new ResponseError(-32602, `The document ${params.uri} is not open`);
    const analysis = session().analyze(document);
    if (!analysis.report)
      throw new ResponseError(
        -32602,
        analysis.configError ? `Invalid increport configuration: ${analysis.configError.toString()}` : 'This Markdown file is not an incident report',
      );
    const errors = analysis.findings.filter((finding) => finding.severity === 'error').length;
    if (errors > 0 && !params.force) return { errors };
    const root = rootPath();
    const path = params.uri.startsWith('file:') ? fileURLToPath(params.uri) : params.uri;
    const sourcePath = root && path.startsWith(root) ? relative(root, path).split('\\').join('/') : path;
    return { errors, text: exportReportText(params.format, { ...analysis.report, sourcePath }) };
  });
}
