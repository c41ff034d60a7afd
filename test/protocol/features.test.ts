import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  SymbolKind,
  type CodeAction,
  type CompletionList,
  type Diagnostic,
  type DocumentLink,
  type DocumentSymbol,
  type FoldingRange,
  type Hover,
} from 'vscode-languageserver-protocol';
import { DIALECTS } from '../dialectExpectations';
import { defaultVersionEngine as engine, formatRange, projectRoot, cleanReportText } from '../helpers';
import { LspSession } from './lspHarness';

let session: LspSession;
before(async () => {
  session = new LspSession();
  await session.initialize();
});
after(() => session.dispose());

let documentCounter = 0;
/** Opens a fresh document (a new URI per test) and waits for its first diagnostics. */
async function openReport(text: string): Promise<{ uri: string; document: TextDocument; diagnostics: Diagnostic[] }> {
  const uri = pathToFileURL(join(projectRoot(), 'examples', `protocol-features-${++documentCounter}.md`)).href;
  const published = session.nextDiagnostics(uri);
  await session.open(uri, text);
  return { uri, document: TextDocument.create(uri, 'markdown', 1, text), diagnostics: (await published).diagnostics };
}

const errorsOf = (diagnostics: Diagnostic[]) =>
  diagnostics.filter((diagnostic) => diagnostic.severity === 1).map((diagnostic) => `${diagnostic.code} ${diagnostic.message}`);

test("protocol: completion offers ranked techniques for the row's tactic and asks again as the user types", async () => {
  const text = cleanReportText().replace('- **Initial Access:** N/A', '- **Initial Access:** T1566.0');
  const { uri } = await openReport(text);
  const list = await session.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: { line: 23, character: 30 } });
  assert.equal(list.isIncomplete, true);
  assert.deepEqual(
    list.items.slice(0, 3).map((item) => item.label),
    ['T1566.001', 'T1566.002', 'T1566.003'],
  );
  assert.equal((list.items[0].textEdit as { newText: string }).newText, 'T1566.001 Spearphishing Attachment');
});

test('protocol: hover on a technique names it, its tactics and the ATT&CK version', async () => {
  const { uri } = await openReport(cleanReportText().replace('- **Initial Access:** N/A', '- **Initial Access:** T1566.002 Spearphishing Link'));
  const result = await session.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: 23, character: 25 } });
  const value = (result.contents as { value: string }).value;
  assert.match(value, /T1566\.002 Spearphishing Link/);
  assert.match(value, /Initial Access/);
  assert.match(value, /ATT&CK v19\.2/);
  assert.deepEqual(result.range, { start: { line: 23, character: 22 }, end: { line: 23, character: 31 } });
});

/** Applies a code action's edit, re-checks through the server, and checks the promises of a quick fix. */
async function applyAndRecheck(uri: string, document: TextDocument, action: CodeAction, target: Diagnostic, before: Diagnostic[]): Promise<Diagnostic[]> {
  const edits = action.edit?.changes?.[uri] ?? [];
  assert.ok(edits.length > 0, `${action.title} has edits`);
  const updatedText = TextDocument.applyEdits(document, edits);
  const first = Math.min(...edits.map((edit) => document.offsetAt(edit.range.start)));
  const last = Math.max(...edits.map((edit) => document.offsetAt(edit.range.end)));
  const original = document.getText();
  assert.equal(updatedText.slice(0, first), original.slice(0, first), 'text before the edit is unchanged');
  assert.equal(updatedText.slice(updatedText.length - (original.length - last)), original.slice(last), 'text after the edit is unchanged');
  const published = session.nextDiagnostics(uri);
  await session.connection.sendNotification('textDocument/didChange', {
    textDocument: { uri, version: document.version + 1 },
    contentChanges: [{ text: updatedText }],
  });
  const after = (await published).diagnostics;
  assert.ok(!after.some((diagnostic) => diagnostic.code === target.code && diagnostic.message === target.message), `${action.title}: the finding is gone`);
  const newErrors = errorsOf(after).filter((error) => !errorsOf(before).includes(error));
  assert.deepEqual(newErrors, [], `${action.title}: no new error`);
  return after;
}

const QUICK_FIX_CASES: { name: string; edit: (seed: string) => string; rule: string; title: RegExp }[] = [
  { name: 'missing section', edit: (seed) => seed.replace(/## Impact Assessment\n(?:- .*\n)+/, ''), rule: 'section-missing', title: /Impact Assessment/ },
  { name: 'missing field', edit: (seed) => seed.replace('- **Incident Date:** June 1, 2026\n', ''), rule: 'field-missing', title: /Incident Date/ },
  {
    name: 'live IOC',
    edit: (seed) => seed.replace('- **File indicators:** N/A.', '- **File indicators:** http://evil.example.com/x'),
    rule: 'ioc-live',
    title: /^Defang 'http/,
  },
  {
    name: 'revoked technique',
    edit: (seed) => seed.replace('- **Initial Access:** N/A', '- **Initial Access:** T1193 Spearphishing Attachment'),
    rule: 'attack-technique-revoked',
    title: /T1566\.001/,
  },
  {
    name: 'misspelled tactic',
    edit: (seed) => seed.replace('- **Privilege Escalation:** N/A', '- **Priviledge Escalation:** N/A'),
    rule: 'attack-tactic-unknown',
    title: /Privilege Escalation/,
  },
  {
    name: 'wrong technique name',
    edit: (seed) => seed.replace('- **Initial Access:** N/A', '- **Initial Access:** T1566.002 Spearphishing Attachment'),
    rule: 'attack-technique-name',
    title: /Spearphishing Link/,
  },
  { name: 'heading level', edit: (seed) => seed.replace('## Response Actions', '### Response Actions'), rule: 'heading-level', title: /level-2/ },
  {
    name: 'disable comment',
    edit: (seed) => seed.replace('Global (Impact reported across multiple regions)', 'TBD'),
    rule: 'placeholder',
    title: /increport-disable-next-line|Disable/,
  },
];

for (const fixCase of QUICK_FIX_CASES) {
  test(`protocol: quick fix for ${fixCase.name} removes the finding and adds no error`, async () => {
    const { uri, document, diagnostics } = await openReport(fixCase.edit(cleanReportText()));
    const target = diagnostics.find((diagnostic) => diagnostic.code === fixCase.rule);
    assert.ok(target, `a ${fixCase.rule} finding: ${JSON.stringify(diagnostics.map((d) => d.code))}`);
    const actions = await session.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: target.range,
      context: { diagnostics: [target] },
    });
    const action = actions.find((candidate) => fixCase.title.test(candidate.title));
    assert.ok(action, `an action matching ${fixCase.title}: ${actions.map((candidate) => candidate.title).join(' | ')}`);
    await applyAndRecheck(uri, document, action, target, diagnostics);
  });
}

test('protocol: source.fixAll.increport fixes every safe problem at once', async () => {
  const text = cleanReportText()
    .replace('- **File indicators:** N/A.', '- **File indicators:** evil.example.com and 185.0.113.9')
    .replace('- **Initial Access:** N/A', '- **Initial Access:** T1193');
  const { uri, document } = await openReport(text);
  const actions = await session.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    context: { diagnostics: [], only: ['source.fixAll.increport'] },
  });
  assert.equal(actions.length, 1);
  const fixed = TextDocument.applyEdits(document, actions[0].edit?.changes?.[uri] ?? []);
  assert.deepEqual(
    engine()
      .check(fixed)
      .findings.map((finding) => finding.ruleId),
    [],
  );
});

test('protocol: outline, folding and links', async () => {
  const { uri } = await openReport(cleanReportText().replace('- **Initial Access:** N/A', '- **Initial Access:** T1566.001 Spearphishing Attachment'));
  const symbols = await session.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
  assert.equal(symbols.length, 1);
  assert.equal(symbols[0].children?.length, 9);
  assert.deepEqual(symbols[0].children?.map((symbol) => symbol.name).slice(0, 3), ['Executive Summary', 'Incident Details', 'Timeline of Events']);
  const folds = await session.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri } });
  assert.ok(
    folds.some((fold) => fold.startLine === 9 && fold.endLine === 20),
    'the timeline folds',
  );
  const links = await session.request<DocumentLink[]>('textDocument/documentLink', { textDocument: { uri } });
  assert.ok(links.some((link) => link.target === 'https://attack.mitre.org/techniques/T1566/001'));
});

test('protocol: the outline of a timeline table lists its rows as events under the section, named by date and title', async () => {
  const { uri } = await openReport(readFileSync(join(DIALECTS, 'timeline-table.md'), 'utf8'));
  const symbols = await session.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
  const timeline = symbols[0].children?.find((symbol) => symbol.name === 'Timeline of Events');
  assert.ok(timeline);
  assert.deepEqual(
    timeline.children?.map((entry) => `${entry.kind} ${entry.name} ${formatRange(entry.selectionRange)} in ${formatRange(entry.range)}`),
    [
      `${SymbolKind.Event} 2026-07-16 14:10 Resignation 12:2-12:18 in 12:0-12:105`,
      `${SymbolKind.Event} 2026-07-21 18:42 Collection 13:2-13:18 in 13:0-13:129`,
      `${SymbolKind.Event} 2026-08-03 16:00 Exfiltration 14:2-14:18 in 14:0-14:120`,
      `${SymbolKind.Event} 2026-08-03 16:25 Detection 15:2-15:18 in 15:0-15:122`,
      `${SymbolKind.Event} 2026-08-05 09:30 Response 16:2-16:18 in 16:0-16:106`,
    ],
  );
  assert.equal(timeline.children?.[0].detail, 'The engineer handed in a resignation with a four-week notic…');
});

test('protocol: an ATT&CK table folds as one region and its cells link to attack.mitre.org', async () => {
  const { uri } = await openReport(readFileSync(join(DIALECTS, 'attack-table.md'), 'utf8'));
  const folds = await session.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri } });
  assert.deepEqual(
    folds.filter((fold) => fold.startLine >= 20 && fold.startLine <= 23).map((fold) => `${fold.startLine}-${fold.endLine}`),
    ['20-33', '23-33'],
    'the section, then its table',
  );
  const links = await session.request<DocumentLink[]>('textDocument/documentLink', { textDocument: { uri } });
  assert.deepEqual(
    links.filter((link) => link.range.start.line === 26).map((link) => `${formatRange(link.range)} ${link.target}`),
    ['26:2-26:19 https://attack.mitre.org/tactics/TA0006/', '26:22-26:27 https://attack.mitre.org/techniques/T1528'],
  );
});
