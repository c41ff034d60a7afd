import { fileURLToPath, pathToFileURL } from 'node:url';
import { basename } from 'node:path';
import {
  createConnection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
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
import { LazyRegister } from './lazyRegister';
import { signalWarm } from './warmSignal';
import type { RegisterFolder } from './register/registerIndex';
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
/** Every folder of the workspace, for the register (a multi-root workspace has several; settings and configuration follow the first). */
let workspaceFolders: RegisterFolder[] = [];
let workspaceFolderEvents = false;
let configurationRequests = false;
/** The settings from initializationOptions: kept when a client's workspace/configuration has nothing for the section (null). */
let initialSettings: unknown;
let watchedFilesRegistration = false;
// The workspace's register rows (the Incident Register view, hover's "also in"): indexed from the first register
// request on, which also loads the index and the register's handlers (lazyRegister.ts).
const registerIndex = new LazyRegister(
  connection,
  {
    session: () => session,
    folders: () => workspaceFolders,
    openDocument: (uri) => documents.get(uri),
    onError: (message) => connection.console.error(message),
  },
  () => session,
);

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
    signalWarm();
  },
);

connection.onInitialize((params): InitializeResult => {
  const options = (params.initializationOptions ?? {}) as InitializationOptions;
  const folder = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
  const rootPath = folder?.startsWith('file:') ? fileURLToPath(folder) : undefined;
  workspaceRoot = rootPath;
  workspaceFolders = foldersOf(params.workspaceFolders ?? (rootPath ? [{ uri: folder!, name: basename(rootPath) }] : []));
  workspaceFolderEvents = Boolean(params.capabilities.workspace?.workspaceFolders);
  initialSettings = options.settings;
  session = new ReportSession(normalizeSettings(options.settings), rootPath, options.trusted !== false, clock);
  pullDiagnostics = Boolean(params.capabilities.textDocument?.diagnostic);
  configurationRequests = Boolean(params.capabilities.workspace?.configuration);
  watchedFilesRegistration = Boolean(params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration);
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
      ...(workspaceFolderEvents ? { workspace: { workspaceFolders: { supported: true, changeNotifications: true } } } : {}),
    },
    serverInfo: { name: 'increport-language-server' },
  };
});

connection.onInitialized(() => {
  if ('error' in clockSetting) connection.console.warn(`increport: ${clockSetting.error}; using the system clock`);
  // An unreadable incidentReport.schema is said at startup too, not only after a settings change.
  for (const problem of session.settingsProblems) void connection.window.showWarningMessage(problem);
  if (configurationRequests) void connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION });
  // Editors other than VS Code (see docs/editors.md) may never send didChangeConfiguration: ask once.
  if (configurationRequests) void applyConfiguration(undefined);
  // Reports changed, created or deleted on disk (git pull, another editor): the register re-checks each one alone.
  if (watchedFilesRegistration) void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.md' }] });
  // A folder added to or removed from the workspace: the register indexes the new set.
  if (workspaceFolderEvents)
    connection.workspace.onDidChangeWorkspaceFolders((event) => {
      const removed = new Set(event.removed.map((folder) => folder.uri));
      const kept = workspaceFolders.filter((folder) => !removed.has(pathToFileURL(folder.path).href));
      workspaceFolders = [...kept, ...foldersOf(event.added)];
      registerIndex.rescanAll();
    });
});

/** The file: folders of the workspace as the register names them. */
function foldersOf(folders: readonly { uri: string; name: string }[]): RegisterFolder[] {
  return folders.filter((folder) => folder.uri.startsWith('file:')).map((folder) => ({ name: folder.name, path: fileURLToPath(folder.uri) }));
}

connection.onDidChangeConfiguration((change) => applyConfiguration(change.settings));

/**
 * The `incidentReport` section pulled with workspace/configuration, else pushed in the notification, else
 * the initializationOptions' settings (an LSP client answers null for a section it holds nothing for).
 * Re-checks only when the settings changed.
 */
async function applyConfiguration(pushed: unknown): Promise<void> {
  const pulled: unknown = configurationRequests ? await connection.workspace.getConfiguration(SETTINGS_SECTION).catch(() => undefined) : undefined;
  const settings = normalizeSettings(pulled ?? (pushed as Record<string, unknown> | undefined)?.[SETTINGS_SECTION] ?? initialSettings);
  if (pushed === undefined && JSON.stringify(settings) === JSON.stringify(session.currentSettings)) return;
  session.reconfigure(settings);
  recheckAll();
  registerIndex.rescanAll();
}

connection.onDidChangeWatchedFiles(({ changes }) => {
  // Markdown files are reports (or not) for the register; anything else watched is configuration.
  const reports = changes.filter((change) => change.uri.toLowerCase().endsWith('.md'));
  for (const change of reports) {
    if (change.type === FileChangeType.Deleted && !documents.get(change.uri)) registerIndex.remove(change.uri);
    else registerIndex.touch(change.uri);
  }
  if (reports.length === changes.length) return;
  session.reconfigure();
  recheckAll();
  registerIndex.rescanAll();
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
  signalWarm();
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
  if (session.currentSettings.run === 'onType') registerIndex.touchSoon(change.document.uri, session.currentSettings.debounceMs + 300);
});
documents.onDidSave((event) => {
  registerIndex.touch(event.document.uri);
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
  registerIndex.touch(event.document.uri); // back to the text on disk
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
    (lazy) =>
      features.registerFeatureHandlers(
        lazy,
        documents,
        () => session,
        (uri) => registerIndex.indicatorReports(uri),
      ),
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

// Every message from the editor pauses the register's background indexing briefly (registerIndex.ts).
process.on('message', () => registerIndex.noteActivity());
if (process.argv.includes('--stdio')) process.stdin.on('data', () => registerIndex.noteActivity());
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
