import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ReportEngine } from '../../../server/src/engine/engine';
import type { FeatureContext, SymbolNode } from '../../../server/src/engine/features/featureTypes';
import { foldingRanges } from '../../../server/src/engine/features/folding';
import { documentLinks } from '../../../server/src/engine/features/links';
import { documentSymbols } from '../../../server/src/engine/features/symbols';
import { createReportSchema } from '../../../server/src/engine/schema/reportSchema';
import { loadBundledCatalog } from '../../../server/src/node/bundledResources';
import { comparePositions, type Range } from '../../../server/src/engine/types';
import { DIALECTS, dialectExamples } from '../../dialectExpectations';
import { TEST_NOW, assertRangeInside, defaultVersionEngine, formatRange } from '../../helpers';

/** Outline, folding and links of reports written in the table and dated-list dialects (the bullet forms: outline.test.ts). */

const contextOf = (text: string, engine: ReportEngine = defaultVersionEngine()): FeatureContext => ({
  model: engine.check(text).model,
  spec: engine.schema.spec,
  catalog: engine.catalog,
  now: TEST_NOW,
});
const example = (name: string) => contextOf(readFileSync(join(DIALECTS, name), 'utf8'));

const contains = (outer: Range, inner: Range) => comparePositions(outer.start, inner.start) <= 0 && comparePositions(inner.end, outer.end) <= 0;

/** `kind name [detail] selection in range`, children indented. */
function outline(nodes: readonly SymbolNode[], indent = ''): string[] {
  return nodes.flatMap((node) => [
    `${indent}${node.kind} ${node.name}${node.detail ? ` [${node.detail}]` : ''} ${formatRange(node.selectionRange)} in ${formatRange(node.range)}`,
    ...outline(node.children, `${indent}  `),
  ]);
}

/** The outline of one section (under the report's title). */
function sectionOutline(context: FeatureContext, title: string): string[] {
  const section = documentSymbols(context)
    .flatMap((node) => node.children)
    .find((node) => node.name === title);
  assert.ok(section, title);
  return outline([section]);
}

test('outline: a timeline table lists its rows as entries, named by date and title, the date cell selected', () => {
  assert.deepEqual(sectionOutline(example('timeline-table.md'), 'Timeline of Events'), [
    'section Timeline of Events 9:3-9:21 in 9:0-16:106',
    '  entry 2026-07-16 14:10 Resignation [The engineer handed in a resignation with a four-week notic…] 12:2-12:18 in 12:0-12:105',
    '  entry 2026-07-21 18:42 Collection [Bulk reads of the firmware repository mirror on the enginee…] 13:2-13:18 in 13:0-13:129',
    '  entry 2026-08-03 16:00 Exfiltration [About 4 GB of CAD drawings and firmware sources copied to a…] 14:2-14:18 in 14:0-14:120',
    '  entry 2026-08-03 16:25 Detection [The endpoint DLP agent raised a removable-media alert; the…] 15:2-15:18 in 15:0-15:122',
    '  entry 2026-08-05 09:30 Response [HR and legal met the engineer; the USB drive was handed ove…] 16:2-16:18 in 16:0-16:106',
  ]);
});

test('outline: dated bullets are entries, once each; a dated phase keeps its heading and shows its date; rows go under their H3', () => {
  const text = [
    '# Incident Report: X', //                                                     0
    '## Timeline of Events (all times UTC)', //                                    1
    '- **2026-08-03 16:00:** Data copied', //                                      2  a field too: listed once
    '- **2026-08-04** — Removable media blocked', //                               3
    '- 2026-08-05 09:00: Review of the engineering shares, with a text longer than sixty characters', // 4
    '- Not a date item', //                                                        5
    '### Phase one', //                                                            6
    '- **Date/Time:** 2026-08-01 08:00', //                                        7
    '- **2026-08-02** — a detail of the dated phase, not an entry', //             8
    '### Follow-up', //                                                            9
    '| Date | Time | Event | Details |', //                                        10
    '|---|---|---|---|', //                                                        11
    '| 2026-08-09 | 10:00 | Call | Talk with HR |', //                            12
    '|  |  | Exit interview | |', //                                              13
    '| 2026-08-10 | | | Laptop returned |', //                                     14
  ].join('\n');
  assert.deepEqual(sectionOutline(contextOf(text), 'Timeline of Events (all times UTC)'), [
    'section Timeline of Events (all times UTC) [Timeline of Events] 1:3-1:37 in 1:0-14:36',
    '  entry 2026-08-03 16:00 Data copied 2:4-2:20 in 2:0-2:35',
    '  entry 2026-08-04 Removable media blocked 3:4-3:14 in 3:0-3:42',
    '  entry 2026-08-05 09:00 Review of the engineering shares, with a text longer than s… 4:2-4:18 in 4:0-4:94',
    '  subsection Phase one [2026-08-01 08:00] 6:4-6:13 in 6:0-8:60',
    '    field Date/Time [2026-08-01 08:00] 7:4-7:13 in 7:0-7:33',
    '  subsection Follow-up 9:4-9:13 in 9:0-14:36',
    // Date and time cells selected together; an undated row selects its title; a row without a title is named by its details.
    '    entry 2026-08-09 10:00 Call [Talk with HR] 12:2-12:20 in 12:0-12:44',
    '    entry Exit interview 13:8-13:22 in 13:0-13:26',
    '    entry 2026-08-10 Laptop returned 14:2-14:12 in 14:0-14:36',
  ]);
  // The seed's phases are dated too: their headings, not a second symbol for each.
  const seedTimeline = sectionOutline(example('attack-table.md'), 'Timeline of Events').filter((line) => /^ {2}\S/.test(line));
  assert.deepEqual(seedTimeline, [
    '  subsection Initial Access [October 6, 2026, 14:12 UTC] 10:4-10:18 in 10:0-13:99',
    '  subsection Collection and Exfiltration [October 6, 2026, 22:30 UTC] 14:4-14:31 in 14:0-16:119',
    '  subsection Detection & Response 17:4-17:24 in 17:0-19:140',
  ]);
});

test('outline: IOC table rows are named by their indicator, with their type and context; key/value table rows are fields', () => {
  const tables = example('tables.md');
  assert.deepEqual(sectionOutline(tables, 'Indicators of Compromise'), [
    'section Indicators of Compromise 33:3-33:27 in 33:0-41:101',
    '  field routeplanner-download[.]top [Domain — Look-alike download site — 2026-09-14] 36:11-36:38 in 36:0-36:80',
    '  field hxxps[://]routeplanner-download[.]top/get/RoutePlanner-Setup.exe [URL — Installer download — 2026-09-14] 37:8-37:72 in 37:0-37:108',
    '  field 198[.]51[.]100[.]23 [IP — C2 server, POST /gate.php — 2026-09-14] 38:7-38:26 in 38:0-38:69',
    '  field 5f2b7c1d9e8a4b3c6d0e1f2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e [SHA256 — RoutePlanner-Setup.exe — 2026-09-14] 39:11-39:75 in 39:0-39:115',
    '  field 9b2e4f6a8c0d1e3f5a7b9c1d3e5f7a9b [MD5 — Loader dropped to %APPDATA% — 2026-09-14] 40:8-40:40 in 40:0-40:85',
    '  field support[@]routeplanner-download[.]top [Email — Contact address on the download site — 2026-09-14] 41:10-41:47 in 41:0-41:101',
  ]);
  assert.deepEqual(sectionOutline(tables, 'Incident Details'), [
    'section Incident Details 3:3-3:19 in 3:0-10:23',
    '  field Discovery Date [September 15, 2026, 08:20 UTC] 6:2-6:16 in 6:0-6:50',
    '  field Incident Date [September 14, 2026] 7:2-7:15 in 7:0-7:38',
    '  field Affected Organization [Fabrikam Logistics GmbH] 8:2-8:23 in 8:0-8:51',
    '  field Sector [Transportation and Logistics] 9:2-9:8 in 9:0-9:41',
    '  field Geography [Germany] 10:2-10:11 in 10:0-10:23',
  ]);
});

test('outline: IOC tables under an H3, kind-named columns, empty indicator cells; other tables and blank rows are not listed', () => {
  const text = [
    '# Incident Report: X', //                          0
    '## Indicators of Compromise', //                   1
    '- **Network indicators:** N/A', //                 2
    '', //                                              3
    '| Step | Note |', //                               4  no indicator column
    '|---|---|', //                                     5
    '| 1 | evil[.]example |', //                        6
    '### Files', //                                     7
    '| MD5 | Name |', //                                8  the header names the kind
    '|---|---|', //                                     9
    '| 9b2e4f6a8c0d1e3f5a7b9c1d3e5f7a9b | a.exe |', //  10
    '|  |  |', //                                       11 blank
    '', //                                              12
    '| Kind | IOC | Notes |', //                        13
    '|---|---|---|', //                                 14
    '| Domain |  | taken down |', //                   15
  ].join('\n');
  assert.deepEqual(sectionOutline(contextOf(text), 'Indicators of Compromise'), [
    'section Indicators of Compromise 1:3-1:27 in 1:0-15:26',
    '  field Network indicators [N/A] 2:4-2:22 in 2:0-2:29',
    '  subsection Files 7:4-7:9 in 7:0-15:26',
    '    field 9b2e4f6a8c0d1e3f5a7b9c1d3e5f7a9b [MD5] 10:2-10:34 in 10:0-10:44',
    '    field (no indicator) [Domain — taken down] 15:12-15:12 in 15:0-15:26',
  ]);
});

test('outline: a key/value table an extension lets the IOC section read as fields is listed once, as fields', () => {
  const base = defaultVersionEngine().schema.spec.schema;
  const extension = { properties: { sections: { properties: { indicatorsOfCompromise: { 'x-dialects': ['rows', 'table'] } } } } };
  const extended = new ReportEngine({
    schema: createReportSchema([extension], base),
    catalog: loadBundledCatalog(),
    bundledCatalog: loadBundledCatalog,
    now: () => TEST_NOW,
  });
  // Its header row is a field ('Network indicators'), and its second column is headed with a kind.
  const text = '# Incident Report: X\n## Indicators of Compromise\n| Network indicators | Domain |\n|---|---|\n| File indicators | N/A |\n';
  assert.deepEqual(sectionOutline(contextOf(text, extended), 'Indicators of Compromise'), [
    'section Indicators of Compromise 1:3-1:27 in 1:0-4:25',
    '  field Network indicators [Domain] 2:2-2:20 in 2:0-2:31',
    '  field File indicators [N/A] 4:2-4:17 in 4:0-4:25',
  ]);
  // Without the extension the same table is an indicator table.
  assert.deepEqual(sectionOutline(contextOf(text), 'Indicators of Compromise').slice(1), ['  field N/A [Domain] 4:20-4:23 in 4:0-4:25']);
});

test('outline: every dialect example has well-formed symbols (selection inside range, children inside their parent)', () => {
  const check = (nodes: readonly SymbolNode[], text: string, parent?: SymbolNode) => {
    for (const node of nodes) {
      assert.ok(node.name.length > 0);
      assertRangeInside(node.range, text);
      assert.ok(contains(node.range, node.selectionRange), `${node.name}: ${formatRange(node.selectionRange)} in ${formatRange(node.range)}`);
      if (parent) assert.ok(contains(parent.range, node.range), `${node.name} in ${parent.name}`);
      check(node.children, text, node);
    }
  };
  for (const { name, text } of dialectExamples()) {
    const symbols = documentSymbols(contextOf(text));
    assert.ok(symbols.length > 0, name);
    check(symbols, text);
  }
});

/** Tables in every section that reads them: a Timeline table, Attack Methodology rows written tight, an IOC table, and one in a code block. */
const TABLES_TEXT = [
  '# Incident Report: X', //                                          0
  '## Timeline of Events', //                                         1
  '| Date | Event | Details |', //                                    2
  '|---|---|---|', //                                                 3
  '| 2026-08-01 |T1566.002| via `T1078` and T1059.001\\|T1204 |', // 4
  '## Attack Methodology', //                                         5
  '### Enterprise', //                                                6
  '| Tactic ID | Technique ID | Technique Name |', //                 7
  '|---|---|---|', //                                                 8
  '| TA0001 | T1566.002 | Spearphishing Link |', //                   9
  '|TA0002|T1204.002|Malicious File|', //                             10
  '| Execution | **T1059.001** | PowerShell |', //                    11
  '## Indicators of Compromise', //                                   12
  '| Type | Indicator | Context |', //                               13
  '|---|---|---|', //                                                 14
  '| Domain | evil[.]example | used in T1566.002 |', //               15
  '```', //                                                           16
  '| T1566 |', //                                                     17
  '```', //                                                           18
].join('\n');

test('folding: a table folds from its header row to its last row, in any section and under an H3', () => {
  const describe = (context: FeatureContext) =>
    foldingRanges(context).map((entry) => `${entry.startLine}-${entry.endLine}${entry.kind ? ` ${entry.kind}` : ''}`);
  assert.deepEqual(describe(contextOf(TABLES_TEXT)), ['1-4', '2-4', '5-11', '6-11', '7-11', '12-18', '13-15', '16-18']);
  // Key/value and IOC tables.
  assert.deepEqual(describe(example('tables.md')), [
    '1-2',
    '3-10',
    '4-10',
    '11-21',
    '12-15',
    '16-18',
    '19-21',
    '22-27',
    '28-32',
    '33-41',
    '34-41',
    '42-45',
    '46-48',
    '49-51',
  ]);
  // Two tables in one section; the one-line HTML comment above the second does not fold.
  assert.deepEqual(describe(example('broken/attack-table.md')), [
    '1-2',
    '3-8',
    '9-19',
    '10-13',
    '14-16',
    '17-19',
    '20-39',
    '23-32',
    '37-39',
    '40-44',
    '45-48',
    '49-52',
    '53-55',
    '56-58',
  ]);
  // A table that is all of its section below the heading still folds on its own (it starts a line later).
  assert.deepEqual(describe(example('timeline-table.md')).slice(2, 4), ['9-16', '10-16']);
});

test('links: technique IDs in table cells link like bullet ones, whatever the cell holds; tactic cells link; a code block does not', () => {
  const version = defaultVersionEngine().catalog.version;
  const links = documentLinks(contextOf(TABLES_TEXT)).map((link) => `${formatRange(link.range)} ${link.target} ${link.tooltip}`);
  assert.deepEqual(links, [
    `4:14-4:23 https://attack.mitre.org/techniques/T1566/002 T1566.002 Spearphishing Link (ATT&CK v${version})`,
    `4:30-4:35 https://attack.mitre.org/techniques/T1078 T1078 Valid Accounts (ATT&CK v${version})`,
    `4:41-4:50 https://attack.mitre.org/techniques/T1059/001 T1059.001 PowerShell (ATT&CK v${version})`,
    `4:52-4:57 https://attack.mitre.org/techniques/T1204 T1204 User Execution (ATT&CK v${version})`,
    `9:2-9:8 https://attack.mitre.org/tactics/TA0001/ TA0001 Initial Access (ATT&CK v${version})`,
    `9:11-9:20 https://attack.mitre.org/techniques/T1566/002 T1566.002 Spearphishing Link (ATT&CK v${version})`,
    `10:1-10:7 https://attack.mitre.org/tactics/TA0002/ TA0002 Execution (ATT&CK v${version})`,
    `10:8-10:17 https://attack.mitre.org/techniques/T1204/002 T1204.002 Malicious File (ATT&CK v${version})`,
    `11:2-11:11 https://attack.mitre.org/tactics/TA0002/ TA0002 Execution (ATT&CK v${version})`,
    `11:16-11:25 https://attack.mitre.org/techniques/T1059/001 T1059.001 PowerShell (ATT&CK v${version})`,
    `15:36-15:45 https://attack.mitre.org/techniques/T1566/002 T1566.002 Spearphishing Link (ATT&CK v${version})`,
  ]);
  // The table example: every row's tactic and technique; the continued row (empty tactic cell) links its technique only.
  const table = documentLinks(example('attack-table.md')).filter((link) => link.range.start.line >= 25);
  assert.deepEqual(
    table.filter((link) => link.range.start.line === 32).map((link) => `${formatRange(link.range)} ${link.target}`),
    ['32:5-32:14 https://attack.mitre.org/techniques/T1114/002'],
  );
  assert.equal(table.filter((link) => link.target.includes('/techniques/')).length, 9);
  assert.equal(table.filter((link) => link.target.includes('/tactics/')).length, 8);
});
