import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import fc from 'fast-check';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import type { Diagnostic, DocumentDiagnosticReport } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { defaultVersionEngine as engine, projectRoot, cleanReportText } from '../helpers';
import { LspSession } from './lspHarness';

/** Edits in the stress test: enough to expose leaks and drift, bounded to keep the suite fast. */
const STRESS_EDITS = 10_000;
/** Requests that force an analysis of an intermediate version during the stress test. */
const STRESS_PROBE_EVERY = 500;
/** Allowed growth of the server's resident memory between the first probe and the end. */
const STRESS_MAX_RSS_GROWTH_MB = 40;

const uriOf = (name: string) => pathToFileURL(join(projectRoot(), 'examples', name)).href;
const codes = (diagnostics: Diagnostic[]) =>
  diagnostics.map((diagnostic) => `${diagnostic.range.start.line}:${diagnostic.range.start.character} ${diagnostic.code}`);
const TBD_SEED = () => cleanReportText().replace('Global (Impact reported across multiple regions)', 'TBD');

test('protocol: a settings change re-checks open reports (rule severities, enable)', async () => {
  const session = new LspSession();
  await session.initialize();
  try {
    const uri = uriOf('protocol-settings.md');
    const opened = session.nextDiagnostics(uri);
    await session.open(uri, TBD_SEED());
    assert.deepEqual(
      (await opened).diagnostics.map((diagnostic) => diagnostic.severity),
      [2],
    );
    const rechecked = session.nextDiagnostics(uri);
    await session.connection.sendNotification('workspace/didChangeConfiguration', { settings: { incidentReport: { rules: { placeholder: 'error' } } } });
    assert.deepEqual(
      (await rechecked).diagnostics.map((diagnostic) => diagnostic.severity),
      [1],
    );
    const disabled = session.nextDiagnostics(uri);
    await session.connection.sendNotification('workspace/didChangeConfiguration', { settings: { incidentReport: { enable: false } } });
    assert.deepEqual((await disabled).diagnostics, []);
  } finally {
    await session.dispose();
  }
});

test('protocol: pull diagnostics when the client supports them, and a superseded pull is cancelled', async () => {
  const session = new LspSession();
  await session.connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(projectRoot()).href,
    capabilities: { textDocument: { diagnostic: { dynamicRegistration: false } } },
    // A long debounce, so that the cancellation surely arrives while the pull is waiting.
    initializationOptions: { settings: { debounceMs: 2000 } },
  });
  await session.connection.sendNotification('initialized', {});
  try {
    const uri = uriOf('protocol-pull.md');
    await session.open(uri, TBD_SEED());
    const report = await session.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri } });
    assert.equal(report.kind, 'full');
    assert.deepEqual(codes((report as { items: Diagnostic[] }).items), ['8:17 placeholder']);
    const source = new CancellationTokenSource();
    const pending = session.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } }, source.token);
    source.cancel();
    await assert.rejects(pending, (error: { code?: number }) => error.code === -32800);
  } finally {
    await session.dispose();
  }
});

test('protocol: in an untrusted workspace, .increport.yaml is ignored', async () => {
  const root = join(projectRoot(), 'test', 'fixtures', 'workspaces', 'strict-config');
  const text = readFileSync(join(root, 'report.md'), 'utf8');
  for (const trusted of [true, false]) {
    const session = new LspSession();
    await session.initialize(root, { trusted });
    try {
      const uri = pathToFileURL(join(root, 'report.md')).href;
      const opened = session.nextDiagnostics(uri);
      await session.open(uri, text);
      const severities = (await opened).diagnostics.map((diagnostic) => diagnostic.severity);
      assert.deepEqual(severities, trusted ? [1] : [2], `trusted: ${trusted}`);
    } finally {
      await session.dispose();
    }
  }
});

test(`protocol: after ${STRESS_EDITS} random incremental edits the diagnostics equal a fresh check and memory stays flat`, async () => {
  const session = new LspSession();
  await session.initialize();
  try {
    const uri = uriOf('protocol-stress.md');
    let document = TextDocument.create(uri, 'markdown', 1, cleanReportText());
    await session.open(uri, document.getText());
    const edits = fc.sample(
      fc.record({
        at: fc.nat(),
        length: fc.nat({ max: 6 }),
        text: fc.constantFrom('', 'T1566', '#', '\n', '- **', ':** ', 'TBD', 'x', ' ', 'hxxp[://]a[.]b', '2026-06-31'),
      }),
      { numRuns: STRESS_EDITS, seed: 11 },
    );
    let firstRss = 0;
    for (const [index, edit] of edits.entries()) {
      const text = document.getText();
      // The title line stays, so the document stays a report and keeps its diagnostics.
      const titleEnd = text.indexOf('\n') + 1;
      const start = titleEnd + (text.length > titleEnd ? edit.at % (text.length - titleEnd) : 0);
      const range = { start: document.positionAt(start), end: document.positionAt(Math.min(text.length, start + edit.length)) };
      document = TextDocument.update(document, [{ range, text: edit.text }], document.version + 1);
      void session.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version: document.version },
        contentChanges: [{ range, text: edit.text }],
      });
      if ((index + 1) % STRESS_PROBE_EVERY === 0) {
        await session.request('textDocument/documentSymbol', { textDocument: { uri } });
        const rss = residentMb(session.pid);
        if (firstRss === 0) firstRss = rss;
      }
    }
    const published = await waitForVersion(session, uri, document.version);
    assert.deepEqual(
      codes(published),
      engine()
        .check(document.getText())
        .findings.map((finding) => `${finding.range.start.line}:${finding.range.start.character} ${finding.ruleId}`),
    );
    const growth = residentMb(session.pid) - firstRss;
    assert.ok(growth < STRESS_MAX_RSS_GROWTH_MB, `resident memory grew by ${growth.toFixed(1)} MB`);
  } finally {
    await session.dispose();
  }
});

async function waitForVersion(session: LspSession, uri: string, version: number): Promise<Diagnostic[]> {
  for (;;) {
    const published = await session.nextDiagnostics(uri);
    if (published.version === version) return published.diagnostics;
  }
}

function residentMb(pid: number | undefined): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}
