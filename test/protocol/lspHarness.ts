import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { projectRoot, TEST_NOW } from '../helpers';

/** How long a test waits for the server before failing, instead of hanging the suite. */
export const SERVER_REPLY_TIMEOUT_MS = 10_000;

/** The real language server as a child process, spoken to over JSON-RPC on stdio. */
export class LspSession {
  readonly connection: MessageConnection;
  private readonly process: ChildProcess;
  private readonly diagnosticWaiters: { uri: string; resolve: (params: PublishDiagnosticsParams) => void }[] = [];

  constructor() {
    // The bundle the extension ships, not the compiled sources: what users run is what is tested.
    const serverModule = join(projectRoot(), 'dist', 'server.js');
    this.process = spawn(process.execPath, [serverModule, '--stdio'], {
      stdio: ['pipe', 'pipe', 'inherit'],
      env: { ...process.env, INCREPORT_NOW: TEST_NOW.toISOString() },
    });
    this.connection = createMessageConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      const index = this.diagnosticWaiters.findIndex((waiter) => waiter.uri === params.uri);
      if (index >= 0) this.diagnosticWaiters.splice(index, 1)[0].resolve(params);
    });
    this.connection.listen();
  }

  get pid(): number | undefined {
    return this.process.pid;
  }

  async initialize(rootPath = projectRoot(), initializationOptions: unknown = {}): Promise<void> {
    await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(rootPath).href,
      workspaceFolders: [{ uri: pathToFileURL(rootPath).href, name: 'root' }],
      capabilities: {},
      initializationOptions,
    });
    await this.connection.sendNotification('initialized', {});
  }

  /** The next diagnostics published for `uri`. */
  nextDiagnostics(uri: string): Promise<PublishDiagnosticsParams> {
    return withTimeout(new Promise((resolve) => this.diagnosticWaiters.push({ uri, resolve })), `diagnostics for ${uri}`);
  }

  /** Sends a request with a timeout, so that a hung server fails the test instead of the suite. */
  request<R>(method: string, params: unknown): Promise<R> {
    return withTimeout(this.connection.sendRequest<R>(method, params), method);
  }

  async open(uri: string, text: string, version = 1): Promise<void> {
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version, text } });
  }

  async dispose(): Promise<void> {
    try {
      await withTimeout(this.connection.sendRequest('shutdown'), 'shutdown');
      await this.connection.sendNotification('exit');
    } finally {
      this.connection.dispose();
      this.process.kill();
    }
  }
}

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), SERVER_REPLY_TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
