import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Hover } from 'vscode-languageserver-protocol';
import {
  REGISTER_CHANGED_NOTIFICATION,
  REGISTER_PAGE_REQUEST,
  REGISTER_REQUEST,
  type RegisterPageResult,
  type RegisterResult,
} from '../../server/src/lsp/protocol';
import { writeCorpus } from '../registerCorpus';
import { LspSession } from './lspHarness';
import { indexed, rewrite } from './registerHelpers';

test('protocol: the register request lists the workspace reports, the page links them, hover says "also in", and a changed report re-checks only itself', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'increport-register-'));
  // Reports 0 and 7 share the domain c2-0.bad-example.net; 0 and 11 an IPv4 address; plus a note that is no report.
  const expected = writeCorpus(folder, 0, 12);
  writeFileSync(join(folder, 'notes.md'), '# Team notes\n\n- TODO: order coffee\n');
  const lsp = new LspSession();
  const notified = new Promise<void>((resolve) => lsp.connection.onNotification(REGISTER_CHANGED_NOTIFICATION, () => resolve()));
  try {
    await lsp.initialize(folder);
    const first = await indexed(lsp);
    assert.deepEqual(
      first.items.map((item) => item.path),
      expected.map((report) => report.path),
    );
    const zero = first.items.find((item) => item.path === 'reports/even/000.md')!;
    assert.equal(zero.name, expected.find((report) => report.path === zero.path)!.id);
    assert.equal(zero.status, 'draft');
    assert.equal(zero.severity, 'low');
    assert.match(zero.quarter ?? '', /^2026-Q1$/);
    assert.equal(zero.uri, pathToFileURL(join(folder, 'reports/even/000.md')).href);
    assert.equal(first.stats.rowChecks, 12);
    assert.equal(first.stats.engineChecks, 13, 'every file checked once, the note included');

    // The metrics page: script-free but the nonce'd click handler, and its report links resolve to URIs.
    const page = await lsp.request<RegisterPageResult>(REGISTER_PAGE_REQUEST, { nonce: 'abcdefghijklmnopqrstuv' });
    assert.match(page.html, /script-src 'nonce-abcdefghijklmnopqrstuv'/);
    assert.equal((page.html.match(/<script/g) ?? []).length, 1);
    assert.match(page.html, /T1486/);
    const link = /href="reports\/([a-z0-9-]+\.html)#L\d+"/.exec(page.html);
    assert.ok(link, 'the page links reports at lines');
    assert.ok(Object.values(page.targets).includes(zero.uri));
    assert.ok(page.targets[link[1]]?.startsWith('file:'));

    // Hover on the shared domain in report 0 names report 7 (and not report 0 itself).
    const uri = zero.uri;
    const text = readFileSync(join(folder, 'reports/even/000.md'), 'utf8');
    await lsp.open(uri, text);
    const lines = text.split('\n');
    const line = lines.findIndex((candidate) => candidate.includes('c2-0[.]bad-example[.]net'));
    const hover = await lsp.request<Hover | null>('textDocument/hover', {
      textDocument: { uri },
      position: { line, character: lines[line].indexOf('c2-0') + 2 },
    });
    const contents = hover && typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : '';
    const seven = expected.find((report) => report.path === 'reports/odd/007.md')!.id;
    assert.match(contents, new RegExp(`Also in ${seven.replace(/-/g, '\\-')}$`));
    assert.doesNotMatch(contents, new RegExp(zero.name));

    // The view is told the register changed.
    await Promise.race([notified, new Promise((_, reject) => setTimeout(() => reject(new Error('no registerChanged notification')), 10_000))]);

    // A report changed on disk: only it is checked again.
    const before = await indexed(lsp);
    const changedPath = join(folder, 'reports/odd/003.md');
    rewrite(changedPath, (text) => text.replace(/^status: [\w-]+$/m, 'status: closed'));
    const changedUri = pathToFileURL(changedPath).href;
    await lsp.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: changedUri, type: 2 }] });
    const after = await indexed(lsp, (result) => result.complete && result.stats.rowChecks > before.stats.rowChecks);
    assert.equal(after.stats.rowChecks - before.stats.rowChecks, 1);
    assert.equal(after.stats.engineChecks - before.stats.engineChecks, 1, 'one engine check: the changed report');
    assert.equal(after.items.find((item) => item.uri === changedUri)?.status, 'closed');

    // Deleted: gone from the register, nothing checked.
    rmSync(changedPath);
    await lsp.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: changedUri, type: 3 }] });
    const removed = await indexed(lsp, (result) => result.items.length === 11);
    assert.equal(removed.stats.engineChecks, after.stats.engineChecks);
  } finally {
    await lsp.dispose();
    rmSync(folder, { recursive: true, force: true });
  }
});

test('protocol: a workspace without Markdown files: the register says it is complete, and tells the view so', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'increport-register-empty-'));
  const lsp = new LspSession();
  const notified = new Promise<void>((resolve) => lsp.connection.onNotification(REGISTER_CHANGED_NOTIFICATION, () => resolve()));
  try {
    await lsp.initialize(folder);
    const first = await lsp.request<RegisterResult>(REGISTER_REQUEST, {});
    assert.equal(first.complete, false, 'the first request starts the scan');
    await notified;
    const after = await lsp.request<RegisterResult>(REGISTER_REQUEST, {});
    assert.deepEqual([after.complete, after.items.length], [true, 0]);
  } finally {
    await lsp.dispose();
    rmSync(folder, { recursive: true, force: true });
  }
});
