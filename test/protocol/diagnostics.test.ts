import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import { type ReportEngine } from '../../server/src/engine/engine';
import { projectRoot, cleanReportText, defaultVersionEngine as engine } from '../helpers';
import { LspSession } from './lspHarness';

let session: LspSession;
before(async () => {
  session = new LspSession();
  await session.initialize();
});
after(() => session.dispose());

const uriOf = (name: string) => pathToFileURL(join(projectRoot(), 'examples', name)).href;

test('protocol: the server publishes the engine findings as diagnostics with rule codes and doc links', async () => {
  const uri = uriOf('protocol-check.md');
  const text = cleanReportText().replace('- **Incident Date:** June 1, 2026\n', '');
  const published = session.nextDiagnostics(uri);
  await session.open(uri, text);
  const { diagnostics, version } = await published;
  assert.equal(version, 1);
  const expected = (engine() as ReportEngine).check(text).findings;
  assert.deepEqual(
    diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.range, diagnostic.message, diagnostic.severity]),
    expected.map((finding) => [finding.ruleId, finding.range, finding.message, 1]),
  );
  assert.match(diagnostics[0].codeDescription?.href ?? '', /\/docs\/rules\/field-missing\.md$/);
  assert.equal(diagnostics[0].source, 'increport');
});

test('protocol: the seed is clean and Markdown that is not a report is left alone', async () => {
  for (const [name, text] of [
    ['protocol-seed.md', cleanReportText()],
    ['protocol-notes.md', '# Shopping list\n\n- TODO: milk\n'],
  ]) {
    const uri = uriOf(name);
    const published = session.nextDiagnostics(uri);
    await session.open(uri, text);
    assert.deepEqual((await published).diagnostics, [], name);
  }
});

test('protocol: incremental edits are applied and re-checked', async () => {
  const uri = uriOf('protocol-edit.md');
  const opened = session.nextDiagnostics(uri);
  await session.open(uri, cleanReportText());
  assert.equal((await opened).diagnostics.length, 0);
  const changed = session.nextDiagnostics(uri);
  // Replace "Global" on the Geography line (line 8, characters 15-21) with "TBD".
  await session.connection.sendNotification('textDocument/didChange', {
    textDocument: { uri, version: 2 },
    contentChanges: [{ range: { start: { line: 8, character: 17 }, end: { line: 8, character: 23 } }, text: 'TBD' }],
  });
  const { diagnostics, version } = await changed;
  assert.equal(version, 2);
  assert.deepEqual(
    diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.range]),
    [['placeholder', { start: { line: 8, character: 17 }, end: { line: 8, character: 20 } }]],
  );
});

test('protocol: the server takes "now" from INCREPORT_NOW, as the CLI does', async () => {
  const uri = uriOf('protocol-clock.md');
  // The harness starts the server with INCREPORT_NOW at TEST_NOW (2026-11-27T12:00Z).
  const published = session.nextDiagnostics(uri);
  await session.open(uri, `---\nupdated: 2026-11-29\nreviewed: 2026-11-27\n---\n${cleanReportText()}`);
  const { diagnostics } = await published;
  assert.deepEqual(
    diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.message]),
    [['date-future', "Front matter field 'updated' is in the future: '2026-11-29' read as 29 November 2026 is after 2026-11-27, when this check ran"]],
  );
});
