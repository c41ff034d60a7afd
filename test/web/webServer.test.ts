import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { MessageChannel } from 'node:worker_threads';
import { runInNewContext } from 'node:vm';
import { build } from 'esbuild';
import { createMessageConnection, PortMessageReader, PortMessageWriter, type Disposable } from 'vscode-jsonrpc/node';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { REGISTER_CHANGED_NOTIFICATION, REGISTER_REQUEST, type RegisterResult } from '../../server/src/lsp/protocol';
import { cleanReportText, defaultVersionEngine, projectRoot } from '../helpers';

/*
 * The language server of the web extension, bundled for the browser as scripts/bundle-web.mjs bundles it
 * (same substitutes, same checks), run in a bare V8 context with browser globals only (no require, no
 * process, no Buffer) and spoken to over a MessageChannel, as the web client does in the extension host worker.
 */
test('web: the browser build of the server publishes the engine findings over a MessagePort, with no Node at hand, and registers the open report', async () => {
  const root = projectRoot();
  const { webEntry } = (await import(join(root, 'scripts', 'bundle-web.mjs'))) as { webEntry: Record<string, unknown> };
  const result = await build({
    ...webEntry,
    absWorkingDir: root,
    entryPoints: [join(root, 'test', 'web', 'serverEntry.ts')],
    outfile: undefined,
    write: false,
    sourcemap: false,
    external: [],
    metafile: true,
  });
  assert.deepEqual(
    Object.keys(result.metafile.inputs).filter((input) => input.startsWith('node:')),
    [],
  );
  const module = { exports: {} as { startServer?: (port: unknown, resources: unknown) => Promise<void> } };
  const globals = {
    module,
    exports: module.exports,
    URL,
    TextEncoder,
    TextDecoder,
    setTimeout,
    clearTimeout,
    setInterval,
    clearInterval,
    queueMicrotask,
    performance,
    console,
    crypto: globalThis.crypto,
  };
  runInNewContext(result.outputFiles[0].text, globals);
  const json = (...segments: string[]) => JSON.parse(readFileSync(join(root, ...segments), 'utf8')) as unknown;
  const channel = new MessageChannel();
  await module.exports.startServer!(channel.port2, {
    extensionRoot: '/extension',
    reportSchema: json('schemas', 'incident-report.schema.json'),
    configSchema: json('schemas', 'increport-config.schema.json'),
    catalogs: {
      '19.2': json('server', 'data', 'attack', 'enterprise-attack-19.2.catalog.json'),
      '18.1': json('server', 'data', 'attack', 'enterprise-attack-18.1.catalog.json'),
    },
  });
  // Node's end of the channel: vscode-jsonrpc's port reader and writer post the same messages as the browser ones.
  const connection = createMessageConnection(new PortMessageReader(channel.port1), new PortMessageWriter(channel.port1));
  const published = new Promise<Diagnostic[]>((resolve) =>
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => resolve(params.diagnostics)),
  );
  connection.listen();
  try {
    await connection.sendRequest('initialize', { processId: null, rootUri: 'file:///workspace', capabilities: {}, initializationOptions: {} });
    await connection.sendNotification('initialized', {});
    const text = cleanReportText().replace('- **Incident Date:** June 1, 2026\n', '');
    await connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri: 'file:///workspace/report.md', languageId: 'markdown', version: 1, text },
    });
    const diagnostics = await published;
    // The web server's clock is the system clock (no INCREPORT_NOW in a browser): compare the rule codes and ranges.
    const expected = defaultVersionEngine().check(text).findings;
    assert.ok(diagnostics.some((diagnostic) => diagnostic.code === 'field-missing'));
    assert.deepEqual(
      diagnostics.filter((diagnostic) => diagnostic.code === 'field-missing').map((diagnostic) => diagnostic.range),
      expected.filter((finding) => finding.ruleId === 'field-missing').map((finding) => finding.range),
    );

    // The register holds the open reports (shims/registerDisk.ts): the one opened before the register was first
    // asked for is found by its first scan, with its counts; closed, it leaves the register.
    const register = () => connection.sendRequest<RegisterResult>(REGISTER_REQUEST, {});
    // Asked again at each change, and every POLL_MS besides: a register that never changes fails in polls, not a hang.
    const POLL_MS = 50;
    const untilRegister = async (done: (result: RegisterResult) => boolean): Promise<RegisterResult> => {
      let result = await register();
      for (let poll = 0; poll < 200 && !done(result); poll++) {
        let listener: Disposable | undefined;
        await new Promise<void>((resolve) => {
          listener = connection.onNotification(REGISTER_CHANGED_NOTIFICATION, () => resolve());
          setTimeout(resolve, POLL_MS);
        });
        listener?.dispose();
        result = await register();
      }
      assert.ok(done(result), JSON.stringify(result));
      return result;
    };
    const listed = await untilRegister((result) => result.items.length > 0);
    assert.deepEqual(
      listed.items.map((item) => [item.uri, item.path, item.findings.error > 0]),
      [['file:///workspace/report.md', 'report.md', true]],
    );
    await connection.sendNotification('textDocument/didClose', { textDocument: { uri: 'file:///workspace/report.md' } });
    assert.deepEqual((await untilRegister((result) => result.items.length === 0)).notChecked, []);
  } finally {
    connection.dispose();
    channel.port1.close();
    channel.port2.close();
  }
});
