import * as path from 'node:path';
import picomatch from 'picomatch';
import { commands, window, workspace, type ExtensionContext, type TextDocument } from 'vscode';
import type { LanguageClient, LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';
import { ReportCommands } from './commands';
import { registerExportCommands } from './exportCommands';
import { ReportPreview } from './preview/previewPanel';
import { registerIncidentRegister } from './register';
import { looksLikeReport } from './reportDetection';
import { RESTART_COMMAND, RestartPolicy } from './restartPolicy';
import { STATUS_NOTIFICATION, type InitializationOptions, type StatusParams } from '../../server/src/lsp/protocol';
import { DEFAULT_SETTINGS, SETTINGS_SECTION } from '../../server/src/lsp/settings';
import { serverErrorHandler } from './serverErrorHandler';
import { ReportStatusBar } from './statusBar';

let client: LanguageClient | undefined;
let starting: Promise<LanguageClient> | undefined;

/**
 * Activated for Markdown; the language server starts when the first incident report is open (or a
 * command needs it), so other Markdown costs nothing.
 */
export async function activate(context: ExtensionContext): Promise<{ client: () => Promise<LanguageClient>; activationMs: number }> {
  const started = performance.now();
  const statusBar = new ReportStatusBar();
  const ensureClient = () => (starting ??= startClient(context, statusBar));
  const reportCommands = new ReportCommands(ensureClient);
  const preview = new ReportPreview(context, ensureClient, isReportDocument);
  const updateReportContext = () =>
    void commands.executeCommand(
      'setContext',
      'incidentReport.activeIsReport',
      window.activeTextEditor ? isReportDocument(window.activeTextEditor.document) : false,
    );
  context.subscriptions.push(
    statusBar,
    reportCommands,
    preview,
    commands.registerCommand('incidentReport.openPreview', () => preview.open(false)),
    commands.registerCommand('incidentReport.openPreviewToSide', () => preview.open(true)),
    ...registerExportCommands(ensureClient, isReportDocument),
    ...registerIncidentRegister(context, ensureClient),
    window.onDidChangeActiveTextEditor(updateReportContext),
    commands.registerCommand('incidentReport.newReport', () => reportCommands.newReport()),
    commands.registerCommand('incidentReport.checkWorkspace', () => reportCommands.checkWorkspace()),
    window.onDidChangeActiveTextEditor(() => statusBar.render()),
    workspace.onDidOpenTextDocument((document) => startIfReport(document, ensureClient)),
    // Trust changes what the server may read: restart it with the new state.
    workspace.onDidGrantWorkspaceTrust(async () => {
      if (starting) await restartClient(ensureClient);
    }),
    // Also after the server stopped for good (too many crashes): a fresh client, with a fresh restart count.
    commands.registerCommand(RESTART_COMMAND, () => restartClient(ensureClient)),
  );
  workspace.textDocuments.forEach((document) => startIfReport(document, ensureClient));
  updateReportContext();
  return { client: ensureClient, activationMs: performance.now() - started };
}

async function restartClient(ensureClient: () => Promise<LanguageClient>): Promise<void> {
  const previous = starting;
  starting = undefined;
  try {
    await (await previous)?.stop();
  } catch {
    // It failed to start or has already stopped: a new one is started all the same.
  }
  await ensureClient();
}

function startIfReport(document: TextDocument, ensureClient: () => Promise<LanguageClient>): void {
  if (starting || !workspace.getConfiguration(SETTINGS_SECTION).get<boolean>('enable', DEFAULT_SETTINGS.enable)) return;
  if (isReportDocument(document)) void ensureClient();
}

/** The client's quick look (title, front matter, `files` globs); the server decides with the full model. */
function isReportDocument(document: TextDocument): boolean {
  const globs = workspace.getConfiguration(SETTINGS_SECTION).get<string[]>('files', DEFAULT_SETTINGS.files);
  const root = workspace.getWorkspaceFolder(document.uri)?.uri.fsPath;
  return looksLikeReport(document, picomatch(globs, { dot: true }), root);
}

async function startClient(context: ExtensionContext, statusBar: ReportStatusBar): Promise<LanguageClient> {
  // Loaded on first use, not at activation: the language client bundle is the larger part of the extension.
  // The separately bundled language client (scripts/bundle.mjs), next to this file in dist/; a literal path,
  // so that the web build (scripts/bundle-web.mjs) can swap it for client/src/web/webLanguageClient.ts.
  // eslint-disable-next-line @typescript-eslint/no-require-imports, @typescript-eslint/consistent-type-imports
  const { LanguageClient, TransportKind, CloseAction, ErrorAction } = require('./lsp-client.js') as typeof import('./languageClient');
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'markdown' },
      { scheme: 'untitled', language: 'markdown' },
    ],
    synchronize: {
      configurationSection: SETTINGS_SECTION,
      fileEvents: workspace.createFileSystemWatcher('**/{.increport.yaml,.increport.yml,.increport.json,*.schema.json}'),
    },
    // A plain copy: the configuration object itself carries functions that do not serialize.
    initializationOptions: {
      settings: JSON.parse(JSON.stringify(workspace.getConfiguration(SETTINGS_SECTION))) as unknown,
      trusted: workspace.isTrusted,
    } satisfies InitializationOptions,
    // Restarts a crashed server up to 4 times in 3 minutes, then stops and says how to restart it.
    errorHandler: serverErrorHandler(new RestartPolicy(), { CloseAction, ErrorAction }, () => client?.outputChannel.show(true)),
  };
  client = new LanguageClient('incidentReport', 'Incident Report Studio', serverOptions, clientOptions);
  client.onNotification(STATUS_NOTIFICATION, (status: StatusParams) => statusBar.update(status));
  await client.start();
  return client;
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
