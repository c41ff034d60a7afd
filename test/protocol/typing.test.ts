import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import type { CompletionList } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { cleanReportText, projectRoot } from '../helpers';
import { LspSession } from './lspHarness';

/** Keystrokes in the memory check (issue 19: flat over 1,000). */
const KEYSTROKES = 1000;
/** Allowed growth of the server's resident memory from the 100th keystroke to the last. */
const MAX_RSS_GROWTH_MB = 25;
const TARGET_BYTES = 300_000;

/** The clean report with its timeline repeated up to ~300 KB: a long report of realistic structure. */
function longReport(): string {
  const text = cleanReportText();
  const start = text.indexOf('\n### ', text.indexOf('## Timeline of Events'));
  const end = text.indexOf('\n## ', start + 1);
  const phases = text.slice(start, end);
  const copies = Math.ceil((TARGET_BYTES - text.length) / phases.length);
  return text.slice(0, end) + phases.repeat(copies) + text.slice(end);
}

function residentMb(pid: number | undefined): number {
  return Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
}

test(`protocol: ${KEYSTROKES} keystrokes with a completion each in a 300 KB report keep memory flat, and completion agrees with the full analysis`, async () => {
  const session = new LspSession();
  await session.initialize();
  try {
    const uri = pathToFileURL(join(projectRoot(), 'examples', 'protocol-typing.md')).href;
    let document = TextDocument.create(uri, 'markdown', 1, longReport());
    const opened = session.nextDiagnostics(uri);
    await session.open(uri, document.getText());
    await opened;
    const row = document.getText().indexOf('- **Initial Access:** N/A') + '- **Initial Access:** N/A'.length;
    const typed = ', T1566 spearph';
    let firstRss = 0;
    let last: CompletionList | undefined;
    let lastCursor = document.positionAt(row);
    for (let stroke = 0; stroke < KEYSTROKES; stroke++) {
      // Type the row's text, then delete it again, over and over: the document keeps its size.
      const round = stroke % (2 * typed.length);
      const typing = round < typed.length;
      const at = document.positionAt(row + (typing ? round : 2 * typed.length - round - 1));
      const change = typing
        ? { range: { start: at, end: at }, text: typed[round] }
        : { range: { start: at, end: { ...at, character: at.character + 1 } }, text: '' };
      document = TextDocument.update(document, [change], document.version + 1);
      void session.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: document.version }, contentChanges: [change] });
      const cursor = typing ? { ...at, character: at.character + 1 } : at;
      lastCursor = cursor;
      last = await session.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: cursor });
      if (stroke === 99) firstRss = residentMb(session.pid);
    }
    const growth = residentMb(session.pid) - firstRss;
    assert.ok(growth < MAX_RSS_GROWTH_MB, `resident memory grew by ${growth.toFixed(1)} MB`);
    // Once the debounced diagnostics have analysed the last version, completion there answers the same.
    for (;;) if ((await session.nextDiagnostics(uri)).version === document.version) break;
    const afterCheck = await session.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: lastCursor });
    assert.ok(last && last.items.length > 0);
    assert.deepEqual(
      afterCheck.items.map((item) => item.label),
      last.items.map((item) => item.label),
    );
  } finally {
    await session.dispose();
  }
});
