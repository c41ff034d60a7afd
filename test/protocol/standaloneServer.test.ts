import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, test } from 'node:test';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic, InitializeResult, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { cleanReportText, projectRoot, TEST_NOW } from '../helpers';
import { SERVER_REPLY_TIMEOUT_MS } from './lspHarness';

/*
 * The language server as editors other than VS Code start it (docs/editors.md): `increport lsp --stdio` and
 * the `increport-language-server` bin, with settings from initializationOptions and workspace/configuration.
 */

interface Started {
  connection: MessageConnection;
  child: ChildProcess;
  published: PublishDiagnosticsParams[];
  waitFor(uri: string, accept: (diagnostics: Diagnostic[]) => boolean): Promise<Diagnostic[]>;
}
const started: Started[] = [];
after(async () => {
  for (const { connection, child } of started) {
    await Promise.race([connection.sendRequest('shutdown'), delay(2000)]).catch(() => undefined);
    connection.dispose();
    child.kill();
  }
});

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function start(args: string[], configuration?: (section: string | undefined) => unknown): Started {
  const child = spawn(process.execPath, args, {
    cwd: projectRoot(),
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, INCREPORT_NOW: TEST_NOW.toISOString() },
  });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const published: PublishDiagnosticsParams[] = [];
  const waiters: (() => void)[] = [];
  connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
    published.push(params);
    for (const wake of waiters.splice(0)) wake();
  });
  connection.onRequest('client/registerCapability', () => null);
  if (configuration)
    connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) => params.items.map((item) => configuration(item.section)));
  connection.listen();
  const waitFor = async (uri: string, accept: (diagnostics: Diagnostic[]) => boolean): Promise<Diagnostic[]> => {
    const deadline = Date.now() + SERVER_REPLY_TIMEOUT_MS;
    for (;;) {
      const match = published.filter((params) => params.uri === uri).find((params) => accept(params.diagnostics));
      if (match) return match.diagnostics;
      if (Date.now() > deadline) throw new Error(`timed out waiting for diagnostics of ${uri}; got ${JSON.stringify(published)}`);
      await Promise.race([new Promise<void>((resolve) => waiters.push(resolve)), delay(200)]);
    }
  };
  const session = { connection, child, published, waitFor };
  started.push(session);
  return session;
}

async function initialize(session: Started, initializationOptions: unknown, configuration: boolean): Promise<InitializeResult> {
  const root = pathToFileURL(projectRoot()).href;
  const result = await session.connection.sendRequest<InitializeResult>('initialize', {
    processId: process.pid,
    rootUri: root,
    workspaceFolders: [{ uri: root, name: 'root' }],
    capabilities: configuration ? { workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: false } } } : {},
    initializationOptions,
  });
  await session.connection.sendNotification('initialized', {});
  return result;
}

const reportMissingDate = () => cleanReportText().replace('- **Incident Date:** June 1, 2026\n', '');
const uriOf = (name: string) => pathToFileURL(join(projectRoot(), 'examples', name)).href;
const missingDate = (severity: number) => (diagnostics: Diagnostic[]) =>
  diagnostics.some((diagnostic) => diagnostic.code === 'field-missing' && diagnostic.severity === severity);

async function open(session: Started, uri: string, text: string): Promise<void> {
  await session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
}

test('standalone: `increport lsp --stdio` answers initialize and publishes diagnostics', async () => {
  const session = start([join('bin', 'increport.js'), 'lsp', '--stdio']);
  const result = await initialize(session, {}, false);
  assert.equal(result.serverInfo?.name, 'increport-language-server');
  assert.ok(result.capabilities.completionProvider && result.capabilities.hoverProvider && result.capabilities.codeActionProvider);
  const uri = uriOf('standalone-lsp.md');
  await open(session, uri, reportMissingDate());
  const diagnostics = await session.waitFor(uri, missingDate(1));
  assert.equal(diagnostics.find((diagnostic) => diagnostic.code === 'field-missing')?.source, 'increport');
});

test('standalone: `increport-language-server` (stdio by default) takes settings from workspace/configuration', async () => {
  const sections: (string | undefined)[] = [];
  const session = start([join('bin', 'increport-language-server.js')], (section) => {
    sections.push(section);
    return section === 'incidentReport' ? { rules: { 'field-missing': 'warning' } } : null;
  });
  await initialize(session, { settings: { rules: { 'field-missing': 'info' } } }, true);
  const uri = uriOf('standalone-configuration.md');
  await open(session, uri, reportMissingDate());
  await session.waitFor(uri, missingDate(2));
  assert.ok(sections.includes('incidentReport'), `asked for ${JSON.stringify(sections)}`);
});

test('standalone: initializationOptions settings stay when the client has no incidentReport section (null)', async () => {
  const session = start([join('bin', 'increport-language-server.js'), '--stdio'], () => null);
  await initialize(session, { settings: { rules: { 'field-missing': 'info' } } }, true);
  const uri = uriOf('standalone-init-options.md');
  await open(session, uri, reportMissingDate());
  await session.waitFor(uri, missingDate(3));
  // A client that pushes its settings in the notification (as Neovim does for `settings = {…}`) is heard too.
  await session.connection.sendNotification('workspace/didChangeConfiguration', { settings: { incidentReport: { rules: { 'field-missing': 'off' } } } });
  await session.waitFor(uri, (diagnostics) => !diagnostics.some((diagnostic) => diagnostic.code === 'field-missing'));
});

test('standalone: `increport lsp --help` says how to start it', async () => {
  const child = spawn(process.execPath, [join('bin', 'increport.js'), 'lsp', '--help'], { cwd: projectRoot() });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  assert.equal(code, 0);
  assert.match(output, /increport lsp \[--stdio\]/);
});
