import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  REGISTER_PAGE_REQUEST,
  REGISTER_TRACE_REQUEST,
  type RegisterPageResult,
  type RegisterResult,
  type RegisterTraceResult,
} from '../../server/src/lsp/protocol';
import { writeCorpus } from '../registerCorpus';
import { LspSession } from './lspHarness';
import { indexed, rewrite, sentSections } from './registerHelpers';

test('protocol: a multi-root workspace: the register indexes every folder, names each, traces numbers to both, and redraws only the sections a change touched', async () => {
  const root = mkdtempSync(join(tmpdir(), 'increport-register-folders-'));
  const alpha = join(root, 'alpha');
  const beta = join(root, 'beta');
  writeCorpus(alpha, 0, 6);
  writeCorpus(beta, 6, 10);
  const lsp = new LspSession();
  try {
    await lsp.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(alpha).href,
      workspaceFolders: [
        { uri: pathToFileURL(alpha).href, name: 'alpha' },
        { uri: pathToFileURL(beta).href, name: 'beta' },
      ],
      capabilities: { workspace: { workspaceFolders: true } },
    });
    await lsp.connection.sendNotification('initialized', {});
    const result: RegisterResult = await indexed(lsp);
    assert.equal(result.items.length, 10);
    assert.deepEqual(result.items.filter((item) => item.folder === 'alpha').length, 6);
    assert.deepEqual(result.items.filter((item) => item.folder === 'beta').length, 4);
    for (const item of result.items) {
      assert.ok(item.path.startsWith(`${item.folder}/reports/`), item.path);
      assert.equal(fileURLToPath(item.uri), join(root, item.path));
    }

    // The page: every section, the numbers as buttons; a number's trace reaches reports of both folders.
    const page = await lsp.request<RegisterPageResult>(REGISTER_PAGE_REQUEST, { nonce: 'abcdefghijklmnopqrstuv' });
    assert.deepEqual(
      page.sections.map((section) => section.id),
      ['summary', 'metrics', 'attack', 'indicators', 'footer'],
    );
    assert.match(page.html, /<button type="button" class="trace" data-trace="reports"[^>]*>10<\/button>/);
    const all = await lsp.request<RegisterTraceResult>(REGISTER_TRACE_REQUEST, { key: 'reports' });
    assert.equal(new Set(all.entries.map((entry) => entry.uri)).size, 10);
    const impact = await lsp.request<RegisterTraceResult>(REGISTER_TRACE_REQUEST, { key: 'technique:T1486' });
    // T1486 is listed by reports 0, 4 and 8: two in alpha, one in beta, each at the line that lists it.
    assert.deepEqual([...new Set(impact.entries.map((entry) => entry.path.split('/')[0]))].sort(), ['alpha', 'beta']);
    for (const entry of impact.entries) assert.match(readFileSync(fileURLToPath(entry.uri), 'utf8').split('\n')[entry.line - 1], /T1486/);
    assert.deepEqual((await lsp.request<RegisterTraceResult>(REGISTER_TRACE_REQUEST, { key: 'technique:T9999' })).entries, []);
    await assert.rejects(lsp.request(REGISTER_TRACE_REQUEST, { key: 42 }));

    // A webview that shows these versions is sent nothing while nothing changed.
    const known = Object.fromEntries(page.sections.map((section) => [section.id, section.version]));
    const same = await lsp.request<RegisterPageResult>(REGISTER_PAGE_REQUEST, { nonce: 'abcdefghijklmnopqrstuv', known });
    assert.equal(same.html, '');
    assert.deepEqual(
      same.sections.filter((section) => section.html !== undefined),
      [],
    );

    // A discovery date moved in one report of beta: the metrics section alone is sent again.
    const changed = join(beta, 'reports/odd/007.md');
    rewrite(changed, (text) => text.replace(/(\*\*Discovery Date:\*\* )(\d{4}-\d{2}-\d{2})/, '$12026-12-30'));
    const before = result.stats.rowChecks;
    await lsp.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(changed).href, type: 2 }] });
    await indexed(lsp, (next) => next.complete && next.stats.rowChecks > before);
    const update = await lsp.request<RegisterPageResult>(REGISTER_PAGE_REQUEST, { nonce: 'abcdefghijklmnopqrstuv', known });
    assert.deepEqual(sentSections(update), ['metrics']);
    assert.match(update.sections.find((section) => section.id === 'metrics')!.html!, /2026-12/);
  } finally {
    await lsp.dispose();
    rmSync(root, { recursive: true, force: true });
  }
});
