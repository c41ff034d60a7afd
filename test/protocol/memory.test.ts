import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { cleanReportText, projectRoot } from '../helpers';
import { LspSession } from './lspHarness';

/** Open reports at once in the memory test, and the resident memory the server must stay under with them. */
const OPEN_REPORTS = 200;
const MAX_RSS_MB = 150;
/**
 * Rounds of opening and closing as many reports, and the growth allowed from the second to the last: the
 * first round also loads the feature handlers and grows the heap once. Measured with 8 rounds: 111–117 MB,
 * flat (before node/heapSizing.ts and the models kept for the 24 documents used last: 104 … 147 MB and
 * climbing, 150.2 MB on a loaded CI machine).
 */
const ROUNDS = 4;
const MAX_RSS_GROWTH_MB = 30;

function residentMb(pid: number | undefined): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

/** A distinct report each: its own title and a changed sentence, so that no two analyses share text. */
const reportText = (round: number, index: number) =>
  cleanReportText()
    .replace(/^# (.*)$/m, `# $1 (${round}-${index})`)
    .replace('Global (Impact reported across multiple regions)', `Region ${round}-${index} (impact reported)`);

test(`protocol: ${OPEN_REPORTS} open reports stay under ${MAX_RSS_MB} MB resident, and closed ones are released`, async (t) => {
  const session = new LspSession();
  await session.initialize();
  try {
    const peaks: number[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const uris = Array.from({ length: OPEN_REPORTS }, (_, index) => pathToFileURL(join(projectRoot(), 'examples', `memory-${round}-${index}.md`)).href);
      const published = uris.map((uri) => session.nextDiagnostics(uri));
      for (const [index, uri] of uris.entries()) await session.open(uri, reportText(round, index));
      const diagnostics = await Promise.all(published);
      assert.ok(
        diagnostics.every((params) => params.diagnostics.length === 0),
        'every report is clean',
      );
      // A feature request per report: their analyses and the lazily loaded handlers are in memory too.
      for (const uri of uris.slice(0, 20)) await session.request('textDocument/documentSymbol', { textDocument: { uri } });
      const rss = residentMb(session.pid);
      peaks.push(rss);
      assert.ok(rss < MAX_RSS_MB, `round ${round}: ${rss.toFixed(1)} MB resident with ${OPEN_REPORTS} open reports`);
      const cleared = uris.map((uri) => session.nextDiagnostics(uri));
      for (const uri of uris) await session.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
      await Promise.all(cleared);
    }
    t.diagnostic(`resident memory with ${OPEN_REPORTS} open reports, by round: ${peaks.map((mb) => mb.toFixed(1)).join(', ')} MB`);
    const growth = peaks[peaks.length - 1] - peaks[1];
    assert.ok(
      growth < MAX_RSS_GROWTH_MB,
      `resident memory grew by ${growth.toFixed(1)} MB over ${ROUNDS} rounds (${peaks.map((mb) => mb.toFixed(0)).join(', ')} MB)`,
    );
  } finally {
    await session.dispose();
  }
});
