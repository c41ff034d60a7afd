import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { WEBVIEW_SECTIONS } from '../../server/src/engine/site';
import { REGISTER_PAGE_REQUEST, REGISTER_REQUEST, type RegisterPageResult, type RegisterResult } from '../../server/src/lsp/protocol';
import { writeCorpus } from '../registerCorpus';
import { LspSession } from './lspHarness';
import { indexed, rewrite, sentSections } from './registerHelpers';

const NONCE = 'abcdefghijklmnopqrstuv';

/** Asks for the register until `until` holds: a bounded number of tries, no clock read. */
test('protocol: once indexing is complete the metrics page is drawn in the background (the first request draws nothing), and a changed report redraws only the sections it touched', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'increport-register-warm-'));
  writeCorpus(folder, 0, 12);
  const lsp = new LspSession();
  try {
    await lsp.initialize(folder);
    // The page is never asked for here: the sections are drawn by the index's background slices alone.
    const prepared = await indexed(lsp, (result) => result.complete && result.stats.pagePrepared);
    assert.equal(prepared.items.length, 12);
    assert.equal(prepared.stats.sectionDraws, WEBVIEW_SECTIONS.length, 'every section drawn once, before any page request');

    const page = await lsp.request<RegisterPageResult>(REGISTER_PAGE_REQUEST, { nonce: NONCE });
    assert.equal(page.drawn, 0, 'the first page request found every section drawn');
    assert.deepEqual(
      page.sections.map((section) => [section.id, section.html !== undefined]),
      WEBVIEW_SECTIONS.map((id) => [id, true]),
    );
    assert.match(page.html, /T1486/);
    assert.equal((await lsp.request<RegisterResult>(REGISTER_REQUEST, {})).stats.sectionDraws, WEBVIEW_SECTIONS.length);

    // A discovery date moved in one report: once the index has re-checked it, the background draws the metrics section alone.
    const known = Object.fromEntries(page.sections.map((section) => [section.id, section.version]));
    const changed = join(folder, 'reports/odd/007.md');
    rewrite(changed, (text) => text.replace(/(\*\*Discovery Date:\*\* )(\d{4}-\d{2}-\d{2})/, '$12026-12-30'));
    await lsp.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(changed).href, type: 2 }] });
    const after = await indexed(lsp, (result) => result.complete && result.stats.rowChecks > prepared.stats.rowChecks && result.stats.pagePrepared);
    assert.equal(after.stats.sectionDraws - prepared.stats.sectionDraws, 1, 'one section drawn again');
    const update = await lsp.request<RegisterPageResult>(REGISTER_PAGE_REQUEST, { nonce: NONCE, known });
    assert.equal(update.drawn, 0);
    assert.deepEqual(sentSections(update), ['metrics']);
    assert.match(update.sections.find((section) => section.id === 'metrics')!.html!, /2026-12/);
  } finally {
    await lsp.dispose();
    rmSync(folder, { recursive: true, force: true });
  }
});
