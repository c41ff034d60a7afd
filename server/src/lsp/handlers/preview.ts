import { ResponseError, type Connection, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { renderReportBody, renderReportDocument, renderReportTitle } from '../../engine/render/renderReport';
import { escapeHtml } from '../../engine/render/escape';
import { PREVIEW_REQUEST, type PreviewParams, type PreviewResult } from '../protocol';
import type { ReportSession } from '../reportSession';

/** Renders the preview from the document's current analysis: the same model the diagnostics come from. */
export function registerPreview(connection: Connection, documents: TextDocuments<TextDocument>, session: () => ReportSession): void {
  connection.onRequest(PREVIEW_REQUEST, (params: PreviewParams): PreviewResult => {
    const document = documents.get(params.uri);
    if (!document) throw new ResponseError(-32602, `The document ${params.uri} is not open`);
    const analysis = session().analyze(document);
    if (!analysis.report) {
      const reason = analysis.configError
        ? `Invalid increport configuration: ${analysis.configError.toString()}`
        : 'This Markdown file is not an incident report.';
      const body = `<p class="preview-message">${escapeHtml(reason)}</p>`;
      return { body, html: renderReportDocument(body, { title: 'Report Preview', target: 'webview', ...params.webview }), version: document.version };
    }
    const body = renderReportBody(analysis.report);
    const title = renderReportTitle(analysis.report);
    return { body, html: renderReportDocument(body, { title, target: 'webview', ...params.webview }), version: document.version };
  });
}
