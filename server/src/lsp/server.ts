import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  createConnection,
  DidChangeConfigurationNotification,
  LSPErrorCodes,
  ProposedFeatures,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  type CancellationToken,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CLOCK_VARIABLE, clockFromSetting, systemClock } from '../engine/clock';
import { packageRoot } from '../node/packageRoot';
import { DiagnosticsScheduler } from './diagnosticsScheduler';
import { FramingGuard } from './framingGuard';
import { diagnosticsOf } from './handlers/diagnostics';
import { LazyHandlers } from './lazyHandlers';
import {
  CHECK_FILES_REQUEST,
  EXPORT_REQUEST,
  NEW_REPORT_REQUEST,
  PREVIEW_REQUEST,
  STATUS_NOTIFICATION,
  type InitializationOptions,
  type StatusParams,
} from './protocol';
import { ReportSession, type Analysis } from './reportSession';
import { DEFAULT_SETTINGS, normalizeSettings, SETTINGS_SECTION } from './settings';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const docsBaseUrl = pathToFileURL(`${packageRoot()}/docs/rules/`).href;
// INCREPORT_NOW fixes "now" for the date rules, as in the CLI; an unusable value is said once and ignored.
const clockSetting = clockFromSetting(process.env[CLOCK_VARIABLE]);
const clock = 'clock' in clockSetting ? clockSetting.clock : systemClock;
let session = new ReportSession(DEFAULT_SETTINGS, undefined, true, clock);
let pullDiagnostics = false;
let workspaceRoot: string | undefined;
let configurationRequests = false;

const scheduler = new DiagnosticsScheduler(
  () => session.currentSettings.debounceMs,
  (uri) => {
    const document = documents.get(uri);
    if (!document) return;
    const analysis = safeAnalyze(document);
    // A newer version arrived while checking: its own timer will publish it.
    if (!analysis || documents.get(uri)?.version !== analysis.version) return;
    void connection.sendDiagnostics({ uri, version: analysis.version, diagnostics: diagnosticsOf(analysis, docsBaseUrl) });
    sendStatus(uri, analysis);
    lazyHandlers.loadSoon();
  },
);

connection.onInitialize((params): InitializeResult => {
  const options = (params.initializationOptions ?? {}) as InitializationOptions;
  const folder = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
  const rootPath = folder?.startsWith('file:') ? fileURLToPath(folder) : undefined;
  workspaceRoot = rootPath;
  session = new ReportSession(normalizeSettings(options.settings), rootPath, options.trusted !== false, clock);
  pullDiagnostics = Boolean(params.capabilities.textDocument?.diagnostic);
  configurationRequests = Boolean(params.capabilities.workspace?.configuration);
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      ...(pullDiagnostics ? { diagnosticProvider: { interFileDependencies: false, workspaceDiagnostics: false } } : {}),
      completionProvider: { triggerCharacters: ['#', '*', '_', ' ', ':', ',', '"', 'T', '-'] },
      hoverProvider: true,
      codeActionProvider: { codeActionKinds: ['quickfix', 'source.fixAll.increport'] },
      documentSymbolProvider: true,
      foldingRangeProvider: true,
      documentLinkProvider: { resolveProvider: false },
    },
    serverInfo: { name: 'increport-language-server' },
  };
});

connection.onInitialized(() => {
  if ('error' in clockSetting) connection.console.warn(`increport: ${clockSetting.error}; using the system clock`);
  // An unreadable incidentReport.schema is said at startup too, not only after a settings change.
  for (const problem of session.settingsProblems) void connection.window.showWarningMessage(problem);
  if (configurationRequests) void connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION });
});

connection.onDidChangeConfiguration(async (change) => {
  const settings = configurationRequests
    ? await connection.workspace.getConfiguration(SETTINGS_SECTION)
    : (change.settings as Record<string, unknown> | undefined)?.[SETTINGS_SECTION];
  session.reconfigure(normalizeSettings(settings));
  recheckAll();
});

connection.onDidChangeWatchedFiles(() => {
  session.reconfigure();
  recheckAll();
});

function recheckAll(): void {
  for (const problem of session.settingsProblems) void connection.window.showWarningMessage(problem);
  if (pullDiagnostics) void connection.languages.diagnostics.refresh();
  else for (const document of documents.all()) scheduler.schedule(document.uri, true);
}

/** A bug in a rule must cost one check, never the server. */
function safeAnalyze(document: TextDocument): Analysis | undefined {
  try {
    return session.analyze(document);
  } catch (error) {
    connection.console.error(`increport: checking ${document.uri} failed: ${(error as Error).stack ?? String(error)}`);
    return undefined;
  }
}

function sendStatus(uri: string, analysis: Analysis): void {
  const count = (severity: string) => analysis.findings.filter((finding) => finding.severity === severity).length;
  const status: StatusParams = {
    uri,
    isReport: analysis.isReport,
    errors: count('error') + (analysis.configError ? 1 : 0),
    warnings: count('warning'),
    infos: count('info'),
    attackVersion: session.attackVersion(uri, analysis),
    trusted: session.isTrusted,
  };
  void connection.sendNotification(STATUS_NOTIFICATION, status);
}

connection.languages.diagnostics.on(async (params, token) => {
  const document = documents.get(params.textDocument.uri);
  if (!document) return { kind: 'full', items: [] };
  let analysis = session.currentSettings.run === 'onSave' ? session.lastAnalysis(document.uri) : undefined;
  if (!analysis) {
    await delay(session.currentSettings.debounceMs, token);
    analysis = safeAnalyze(document);
  }
  if (!analysis) return { kind: 'full', items: [] };
  sendStatus(document.uri, analysis);
  lazyHandlers.loadSoon();
  return { kind: 'full', items: diagnosticsOf(analysis, docsBaseUrl) };
});

/** Waits, but gives up as soon as the client cancels (a newer edit makes this pull stale). */
function delay(ms: number, token: CancellationToken): Promise<void> {
  return new Promise((resolve, reject) => {
    if (token.isCancellationRequested) {
      reject(new ResponseError(LSPErrorCodes.RequestCancelled, 'superseded by a newer edit'));
      return;
    }
    const timer = setTimeout(() => {
      listener.dispose();
      resolve();
    }, ms);
    const listener = token.onCancellationRequested(() => {
      clearTimeout(timer);
      reject(new ResponseError(LSPErrorCodes.RequestCancelled, 'superseded by a newer edit'));
    });
  });
}

documents.onDidOpen((event) => {
  if (!pullDiagnostics) scheduler.schedule(event.document.uri, true);
});
documents.onDidChangeContent((change) => {
  if (!pullDiagnostics && session.currentSettings.run === 'onType') scheduler.schedule(change.document.uri);
});
documents.onDidSave((event) => {
  if (session.currentSettings.run !== 'onSave') return;
  session.forget(event.document.uri);
  safeAnalyze(event.document);
  if (pullDiagnostics) void connection.languages.diagnostics.refresh();
  else scheduler.schedule(event.document.uri, true);
});
documents.onDidClose((event) => {
  scheduler.cancel(event.document.uri);
  session.forget(event.document.uri);
  if (!pullDiagnostics) void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
});

// Completion, hover, quick fixes, the preview and the exports are loaded after the first diagnostics
// (or by their first request): a cold start does not load or run their modules (see lazyHandlers.ts).
const lazyHandlers = new LazyHandlers(connection, [PREVIEW_REQUEST, EXPORT_REQUEST, CHECK_FILES_REQUEST, NEW_REPORT_REQUEST], async () => {
  const [features, workspaceCommands, preview, exportReport] = await Promise.all([
    import('./handlers/features.js'),
    import('./handlers/workspaceCommands.js'),
    import('./handlers/preview.js'),
    import('./handlers/exportReport.js'),
  ]);
  return [
    (lazy) => features.registerFeatureHandlers(lazy, documents, () => session),
    (lazy) => workspaceCommands.registerWorkspaceCommands(lazy, documents, () => session, docsBaseUrl),
    (lazy) => preview.registerPreview(lazy, documents, () => session),
    (lazy) =>
      exportReport.registerExport(
        lazy,
        documents,
        () => session,
        () => workspaceRoot,
      ),
  ];
});
process.on('uncaughtException', (error) => connection.console.error(`increport: unexpected error: ${error.stack ?? String(error)}`));
documents.listen(connection);
connection.listen();

// Over stdio, bytes are framed by headers: a malformed frame ends the server, with a message, before the
// JSON-RPC reader sees it (see framingGuard.ts; VS Code itself uses IPC, where there is no framing).
if (process.argv.includes('--stdio')) {
  const guard = new FramingGuard();
  process.stdin.prependListener('data', (chunk: Buffer) => {
    const problem = guard.push(chunk);
    if (problem === undefined) return;
    process.stderr.write(
      `increport language server: malformed LSP message framing: ${problem}. Exiting with status 1 so that the client restarts the server.\n`,
    );
    process.exit(1);
  });
}
