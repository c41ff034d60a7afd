import { commands, Uri, window, workspace, type Disposable, type TextDocument } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { ExportParams, ExportResult } from '../../server/src/lsp/protocol';

type ExportFormat = ExportParams['format'];

const FORMATS: Record<ExportFormat, { command: string; label: string; suffix: string; filter: string }> = {
  stix: { command: 'incidentReport.exportStix', label: 'STIX 2.1 bundle', suffix: '.stix.json', filter: 'STIX 2.1 bundle' },
  navigator: { command: 'incidentReport.exportNavigator', label: 'ATT&CK Navigator layer', suffix: '.layer.json', filter: 'ATT&CK Navigator layer' },
  json: { command: 'incidentReport.exportJson', label: 'JSON', suffix: '.report.json', filter: 'Report JSON' },
};

/** Export commands: the language server builds the file (same code as `increport export`); the user picks where. */
export function registerExportCommands(client: () => Promise<LanguageClient>, isReport: (document: TextDocument) => boolean): Disposable[] {
  return (Object.keys(FORMATS) as ExportFormat[]).map((format) => commands.registerCommand(FORMATS[format].command, () => exportActiveReport(format, client, isReport)));
}

async function exportActiveReport(format: ExportFormat, client: () => Promise<LanguageClient>, isReport: (document: TextDocument) => boolean): Promise<Uri | undefined> {
  const document = window.activeTextEditor?.document;
  if (!document || !isReport(document)) {
    void window.showInformationMessage('Open an incident report to export it.');
    return undefined;
  }
  const { label, suffix, filter } = FORMATS[format];
  const languageClient = await client();
  const params: ExportParams = { uri: document.uri.toString(), format };
  let result = await languageClient.sendRequest<ExportResult>('incidentReport/export', params);
  if (result.text === undefined) {
    const choice = await window.showWarningMessage(`The report has ${result.errors} error${result.errors === 1 ? '' : 's'}. Export the ${label} anyway?`, { modal: true }, 'Export Anyway');
    if (choice !== 'Export Anyway') return undefined;
    result = await languageClient.sendRequest<ExportResult>('incidentReport/export', { ...params, force: true });
  }
  const base = document.uri.scheme === 'file' ? document.uri.with({ path: document.uri.path.replace(/\.(md|markdown)$/i, '') + suffix }) : undefined;
  const target = await window.showSaveDialog({ defaultUri: base, filters: { [filter]: ['json'] }, saveLabel: `Export ${label}` });
  if (!target || result.text === undefined) return undefined;
  await workspace.fs.writeFile(target, Buffer.from(result.text, 'utf8'));
  void window.showInformationMessage(`Exported the ${label} to ${workspace.asRelativePath(target)}.`, 'Open').then(async (open) => {
    if (open) await window.showTextDocument(await workspace.openTextDocument(target));
  });
  return target;
}
