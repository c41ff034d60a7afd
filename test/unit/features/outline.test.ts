import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { FeatureContext, Range, SymbolNode } from '../../../server/src/engine/features/featureTypes';
import { foldingRanges } from '../../../server/src/engine/features/folding';
import { documentLinks } from '../../../server/src/engine/features/links';
import { documentSymbols } from '../../../server/src/engine/features/symbols';
import { comparePositions } from '../../../server/src/engine/types';
import { assertRangeInside, engine, formatRange, projectRoot, rawSeedText as seedText, TEST_NOW } from '../../helpers';

const northwindText = readFileSync(join(projectRoot(), 'examples', 'northwind-ransomware-intrusion.md'), 'utf8');
const contextOf = (text: string): FeatureContext => ({
  model: engine().check(text).model,
  spec: engine().schema.spec,
  catalog: engine().catalog,
  now: TEST_NOW,
});
const seed = contextOf(seedText());
const northwind = contextOf(northwindText);
const CANCELLED = { isCancellationRequested: true };
const version = engine().catalog.version;

/** Odd structure: no H1 first, an alias heading, an unknown section, a comment, code, an empty heading, a second H1, a setext H2. */
const oddText = [
  '## Timeline', //                       0
  '### Phase', //                         1
  '- **Date:** x', //                     2
  '  continued', //                       3
  '  more', //                            4
  '', //                                  5
  '## Notes', //                          6
  'text', //                              7
  '<!-- a', //                            8
  'b -->', //                             9
  '', //                                  10
  '```', //                               11
  'T1566.001', //                         12
  '```', //                               13
  '## ', //                               14
  '# Second', //                          15
  'Setext', //                            16
  '------', //                            17
  '- **Financial:** a very long value that goes on and on and on and on for more than sixty characters', // 18
  '<!-- one line -->', //                 19
].join('\n');
const odd = contextOf(oddText);

function outline(nodes: SymbolNode[], indent = ''): string[] {
  return nodes.flatMap((node) => [
    `${indent}${node.kind} ${node.name} ${formatRange(node.selectionRange)} in ${formatRange(node.range)}`,
    ...outline(node.children, `${indent}  `),
  ]);
}

function contains(outer: Range, inner: Range): boolean {
  return comparePositions(outer.start, inner.start) <= 0 && comparePositions(inner.end, outer.end) <= 0;
}

function assertWellFormed(nodes: SymbolNode[], text: string, parent?: SymbolNode): void {
  for (const node of nodes) {
    assert.ok(node.name.length > 0, 'a symbol name is never empty');
    assertRangeInside(node.range, text);
    assert.ok(contains(node.range, node.selectionRange), `${node.name}: selection ${formatRange(node.selectionRange)} inside ${formatRange(node.range)}`);
    if (parent) assert.ok(contains(parent.range, node.range), `${node.name} inside ${parent.name}`);
    assertWellFormed(node.children, text, node);
  }
}

test('symbols: the seed outline is the title holding sections, subsections and fields', () => {
  assert.deepEqual(outline(documentSymbols(seed)), [
    'title Incident Report: Microsoft MFA and My Sign-Ins Service Outage 0:2-0:63 in 0:0-52:169',
    '  section Executive Summary 1:3-1:20 in 1:0-2:374',
    '  section Incident Details 3:3-3:19 in 3:0-8:65',
    '    field Discovery Date 4:4-4:18 in 4:0-4:55',
    '    field Incident Date 5:4-5:17 in 5:0-5:33',
    '    field Affected Organization 6:4-6:25 in 6:0-6:65',
    '    field Sector 7:4-7:10 in 7:0-7:61',
    '    field Geography 8:4-8:13 in 8:0-8:65',
    '  section Timeline of Events 9:3-9:21 in 9:0-20:168',
    '    subsection Initial Access 10:4-10:18 in 10:0-13:192',
    '      field Date/Time 11:4-11:13 in 11:0-11:51',
    '      field Vector 12:4-12:10 in 12:0-12:54',
    '      field Details 13:4-13:11 in 13:0-13:192',
    '    subsection Lateral Movement 14:4-14:20 in 14:0-15:120',
    '      field N/A 15:4-15:7 in 15:0-15:120',
    '    subsection Data Exfiltration/Impact 16:4-16:28 in 16:0-17:254',
    '      field Impact 17:4-17:10 in 17:0-17:254',
    '    subsection Detection & Response 18:4-18:24 in 18:0-20:168',
    '      field Discovery 19:4-19:13 in 19:0-19:87',
    '      field Response actions 20:4-20:20 in 20:0-20:168',
    '  section Attack Methodology 21:3-21:21 in 21:0-32:85',
    '    field Initial Access 23:4-23:18 in 23:0-23:25',
    '    field Persistence 24:4-24:15 in 24:0-24:22',
    '    field Privilege Escalation 25:4-25:24 in 25:0-25:31',
    '    field Defense Evasion 26:4-26:19 in 26:0-26:26',
    '    field Credential Access 27:4-27:21 in 27:0-27:28',
    '    field Discovery 28:4-28:13 in 28:0-28:20',
    '    field Lateral Movement 29:4-29:20 in 29:0-29:27',
    '    field Collection 30:4-30:14 in 30:0-30:21',
    '    field Exfiltration 31:4-31:16 in 31:0-31:23',
    '    field Impact 32:4-32:10 in 32:0-32:85',
    '  section Impact Assessment 33:3-33:20 in 33:0-37:127',
    '    field Financial 34:4-34:13 in 34:0-34:85',
    '    field Data Breach 35:4-35:15 in 35:0-35:33',
    '    field Operational 36:4-36:15 in 36:0-36:109',
    '    field Reputational 37:4-37:16 in 37:0-37:127',
    '  section Indicators of Compromise 38:3-38:27 in 38:0-41:102',
    '    field Network indicators 39:4-39:22 in 39:0-39:92',
    '    field File indicators 40:4-40:19 in 40:0-40:27',
    '    field Behavioral indicators 41:4-41:25 in 41:0-41:102',
    '  section Response Actions 42:3-42:19 in 42:0-45:113',
    '    field Containment measures 43:4-43:24 in 43:0-43:85',
    '    field Eradication steps 44:4-44:21 in 44:0-44:97',
    '    field Recovery actions 45:4-45:20 in 45:0-45:113',
    '  section Lessons Learned 46:3-46:18 in 46:0-49:111',
    '    field Infrastructure Redundancy 47:4-47:29 in 47:0-47:146',
    '    field Dependency Management 48:4-48:25 in 48:0-48:145',
    '    field Communication 49:4-49:17 in 49:0-49:111',
    '  section Recommendations 50:3-50:18 in 50:0-52:169',
    '    field Client Side 51:4-51:15 in 51:0-51:152',
    '    field Provider Side 52:4-52:17 in 52:0-52:169',
  ]);
});

test('symbols: details give the schema title, "not in template", and values truncated to 60 characters', () => {
  const symbols = documentSymbols(odd);
  assert.deepEqual(outline(symbols), [
    'section Timeline 0:3-0:11 in 0:0-4:6',
    '  subsection Phase 1:4-1:9 in 1:0-4:6',
    '    field Date 2:4-2:8 in 2:0-4:6',
    'section Notes 6:3-6:8 in 6:0-13:3',
    'section (untitled) 14:3-14:3 in 14:0-14:3',
    'title Second 15:2-15:8 in 15:0-19:17',
    '  section Setext 16:0-16:6 in 16:0-19:17',
    '    field Financial 18:4-18:13 in 18:0-18:99',
  ]);
  assert.deepEqual(
    [symbols[0].detail, symbols[0].children[0].children[0].detail, symbols[1].detail, symbols[2].detail, symbols[3].detail, symbols[3].children[0].detail],
    ['Timeline of Events', 'x continued more', 'not in template', 'not in template', undefined, 'not in template'],
  );
  const long = symbols[3].children[0].children[0].detail!;
  assert.equal(long, 'a very long value that goes on and on and on and on for mor…');
  assert.equal(long.length, 60);
  const seedSymbols = documentSymbols(seed);
  assert.equal(seedSymbols[0].detail, undefined);
  assert.equal(seedSymbols[0].children[1].children[0].detail, 'June 1, 2026, approx. 05:00 AM ET');
  assert.equal(seedSymbols[0].children[0].detail, undefined, 'a heading written as the schema title has no detail');
});

test('symbols: front matter is one node with its keys; every selection range lies within its range', () => {
  const symbols = documentSymbols(northwind);
  assert.deepEqual(outline([symbols[0]]), [
    'frontMatter Front matter 0:0-0:3 in 0:0-11:3',
    '  field type 1:0-1:4 in 1:0-1:21',
    '  field id 2:0-2:2 in 2:0-2:16',
    '  field status 3:0-3:6 in 3:0-3:13',
    '  field severity 4:0-4:8 in 4:0-4:18',
    '  field tlp 5:0-5:3 in 5:0-5:14',
    '  field authors 6:0-6:7 in 6:0-8:26',
    '  field created 9:0-9:7 in 9:0-9:19',
    '  field updated 10:0-10:7 in 10:0-10:19',
  ]);
  assert.equal(symbols[0].children[5].detail, 'Security Operations Center, Incident Response Team');
  assert.deepEqual(
    symbols.map((node) => `${node.kind} ${node.name}`),
    ['frontMatter Front matter', 'title Incident Report: Akira-Style Ransomware Intrusion at Northwind Manufacturing'],
  );
  assert.deepEqual(
    symbols[1].children.map((node) => node.name),
    engine().schema.spec.sections.map((section) => section.title),
  );
  for (const [context, text] of [
    [seed, seedText()],
    [northwind, northwindText],
    [odd, oddText],
  ] as const)
    assertWellFormed(documentSymbols(context), text);
  const broken = documentSymbols(contextOf('---\ntitle: [broken\n---\n## Summary\n'));
  assert.deepEqual(outline(broken), ['frontMatter Front matter 0:0-0:3 in 0:0-2:3', 'section Summary 3:3-3:10 in 3:0-3:10']);
  assert.deepEqual(documentSymbols(contextOf('')), []);
  assert.deepEqual(documentSymbols(seed, CANCELLED), []);
});

test('folding: sections, subsections, front matter, multi-line fields, code blocks and HTML comments', () => {
  const describe = (context: FeatureContext) =>
    foldingRanges(context).map((entry) => `${entry.startLine}-${entry.endLine}${entry.kind ? ` ${entry.kind}` : ''}`);
  assert.deepEqual(describe(seed), ['1-2', '3-8', '9-20', '10-13', '14-15', '16-17', '18-20', '21-32', '33-37', '38-41', '42-45', '46-49', '50-52']);
  assert.deepEqual(describe(northwind), [
    '0-11',
    '14-18',
    '20-25',
    '27-56',
    '28-31',
    '33-36',
    '38-41',
    '43-46',
    '48-51',
    '53-56',
    '58-71',
    '73-77',
    '79-88',
    '80-84',
    '85-87',
    '90-93',
    '95-98',
    '100-103',
  ]);
  // The section, its subsection and its one field end on the same line but start on different ones; the one-line comment does not fold.
  assert.deepEqual(describe(odd), ['0-4', '1-4', '2-4', '6-13', '8-9 comment', '11-13', '16-19']);
  for (const context of [seed, northwind, odd]) {
    const entries = foldingRanges(context);
    assert.ok(entries.every((entry) => entry.startLine < entry.endLine && entry.endLine < context.model.lines.lineCount));
    assert.equal(new Set(entries.map((entry) => `${entry.startLine}-${entry.endLine}`)).size, entries.length, 'no duplicates');
  }
  const crlf = contextOf(seedText().replace(/\n/g, '\r\n'));
  assert.deepEqual(foldingRanges(crlf), foldingRanges(seed), 'CRLF line ends fold the same');
  assert.deepEqual(outline(documentSymbols(crlf)), outline(documentSymbols(seed)), 'and outline the same');
  assert.deepEqual(foldingRanges(contextOf('')), []);
  assert.deepEqual(foldingRanges(seed, CANCELLED), []);
});

test('links: every known technique ID and every Attack Methodology tactic key link to ATT&CK', () => {
  const links = documentLinks(northwind);
  assert.equal(links.length, 31, '18 technique IDs and 13 tactic keys');
  assert.equal(links.filter((link) => link.target.includes('/tactics/')).length, 13);
  const describe = (index: number) => `${formatRange(links[index].range)} ${links[index].target} ${links[index].tooltip}`;
  assert.deepEqual([0, 1, 2, 3, 4, 30].map(describe), [
    `30:95-30:104 https://attack.mitre.org/techniques/T1566/002 T1566.002 Spearphishing Link (ATT&CK v${version})`,
    `30:106-30:111 https://attack.mitre.org/techniques/T1133 T1133 External Remote Services (ATT&CK v${version})`,
    `59:4-59:18 https://attack.mitre.org/tactics/TA0043/ TA0043 Reconnaissance (ATT&CK v${version})`,
    `60:4-60:18 https://attack.mitre.org/tactics/TA0001/ TA0001 Initial Access (ATT&CK v${version})`,
    `60:22-60:31 https://attack.mitre.org/techniques/T1566/002 T1566.002 Spearphishing Link (ATT&CK v${version})`,
    `71:47-71:52 https://attack.mitre.org/techniques/T1490 T1490 Inhibit System Recovery (ATT&CK v${version})`,
  ]);
  assert.ok(
    links.some((link) => formatRange(link.range) === '69:4-69:23' && link.target === 'https://attack.mitre.org/tactics/TA0011/'),
    'Command and Control',
  );
  for (let index = 1; index < links.length; index++) assert.ok(comparePositions(links[index - 1].range.start, links[index].range.start) < 0, 'sorted');
});

test('links: none for unknown IDs, unknown tactic keys, code blocks or front matter; a revoked ID links to its own page', () => {
  const text = [
    '---',
    'note: T1566.001',
    '---',
    '# Report',
    '## Attack Methodology',
    '- **Initial Access:** T1193, T1566.999, T9999',
    '- **Bogus:** T1566',
    '```',
    'T1566.001',
    '```',
  ].join('\n');
  const links = documentLinks(contextOf(text)).map((link) => `${formatRange(link.range)} ${link.target} ${link.tooltip}`);
  assert.deepEqual(links, [
    `5:4-5:18 https://attack.mitre.org/tactics/TA0001/ TA0001 Initial Access (ATT&CK v${version})`,
    `5:22-5:27 https://attack.mitre.org/techniques/T1193 T1193 Spearphishing Attachment (ATT&CK v${version})`,
    `6:13-6:18 https://attack.mitre.org/techniques/T1566 T1566 Phishing (ATT&CK v${version})`,
  ]);
  assert.deepEqual(
    documentLinks(seed).map((link) => link.target),
    seed.model.sections[3].fields.map((field) => `https://attack.mitre.org/tactics/${engine().catalog.findTactic(field.key)!.id}/`),
  );
  assert.deepEqual(documentLinks(northwind, CANCELLED), []);
});
