import { commands, type Uri, window, workspace, type Disposable, type TextDocument } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { EXPORT_REQUEST, type ExportParams, type ExportResult } from '../../server/src/lsp/protocol';
import { isSameResource, temporarySiblingPath } from './exportTarget';

type ExportFormat = ExportParams['format'];

const FORMATS: Record<ExportFormat, { command: string; label: string; suffix: string; filter: string }> = {
  stix: { command: 'incidentReport.exportStix', label: 'STIX 2.1 bundle', suffix: '.stix.json', filter: 'STIX 2.1 bundle' },
  navigator: { command: 'incidentReport.exportNavigator', label: 'ATT&CK Navigator layer', suffix: '.layer.json', filter: 'ATT&CK Navigator layer' },
  json: { command: 'incidentReport.exportJson', label: 'JSON', suffix: '.report.json', filter: 'Report JSON' },
};

/** Export commands: the language server builds the file (same code as `increport export`); the user picks where. */
export function registerExportCommands(client: () => Promise<LanguageClient>, isReport: (document: TextDocument) => boolean): Disposable[] {
  return (Object.keys(FORMATS) as ExportFormat[]).map((format) =>
    commands.registerCommand(FORMATS[format].command, () => exportActiveReport(format, client, isReport)),
  );
}

async function exportActiveReport(
  format: ExportFormat,
  client: () => Promise<LanguageClient>,
  isReport: (document: TextDocument) => boolean,
): Promise<Uri | undefined> {
  const document = window.activeTextEditor?.document;
  if (!document || !isReport(document)) {
    void window.showInformationMessage('Open an incident report to export it.');
    return undefined;
  }
  const { label, suffix, filter } = FORMATS[format];
  const languageClient = await client();
  // As the language client names the document to the server (the web client maps any scheme to file:).
  const params: ExportParams = { uri: languageClient.code2ProtocolConverter.asUri(document.uri), format };
  let result = await languageClient.sendRequest<ExportResult>(EXPORT_REQUEST, params);
  if (result.text === undefined) {
    const choice = await window.showWarningMessage(
      `The report has ${result.errors} error${result.errors === 1 ? '' : 's'}. Export the ${label} anyway?`,
      { modal: true },
      'Export Anyway',
    );
    if (choice !== 'Export Anyway') return undefined;
    result = await languageClient.sendRequest<ExportResult>(EXPORT_REQUEST, { ...params, force: true });
  }
  const base = document.uri.scheme === 'file' ? document.uri.with({ path: document.uri.path.replace(/\.(md|markdown)$/i, '') + suffix }) : undefined;
  const target = await window.showSaveDialog({ defaultUri: base, filters: { [filter]: ['json'] }, saveLabel: `Export ${label}` });
  if (!target || result.text === undefined) return undefined;
  if (isSameResource(target, document.uri, process.platform)) {
    void window.showErrorMessage(
      `Not exported: ${workspace.asRelativePath(target)} is the report itself, and the ${label} would replace it. Choose another file.`,
    );
    return undefined;
  }
  try {
    await writeWhole(target, Buffer.from(result.text, 'utf8'));
  } catch (error) {
    void window.showErrorMessage(`Could not export the ${label} to ${workspace.asRelativePath(target)}: ${(error as Error).message}`);
    return undefined;
  }
  void window.showInformationMessage(`Exported the ${label} to ${workspace.asRelativePath(target)}.`, 'Open').then(async (open) => {
    if (open) await window.showTextDocument(await workspace.openTextDocument(target));
  });
  return target;
}

/**
 * Writes `bytes` to `target` so that it is never left half-written: for files, into a temporary file beside
 * it, then renamed over it (a rename replaces the name in one step, and replaces a link rather than
 * writing through it). The temporary file is removed when anything fails.
 */
async function writeWhole(target: Uri, bytes: Uint8Array): Promise<void> {
  if (target.scheme !== 'file') {
    await workspace.fs.writeFile(target, bytes);
    return;
  }
  const temporary = target.with({ path: temporarySiblingPath(target.path, Math.random().toString(16).slice(2, 14)) });
  try {
    await workspace.fs.writeFile(temporary, bytes);
    await workspace.fs.rename(temporary, target, { overwrite: true });
  } catch (error) {
    await Promise.resolve(workspace.fs.delete(temporary, { useTrash: false })).catch(() => undefined);
    throw error;
  }
}
