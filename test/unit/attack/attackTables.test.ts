import assert from 'node:assert/strict';
import { test } from 'node:test';
import { complete } from '../../../server/src/engine/features/completion';
import { hover } from '../../../server/src/engine/features/hover';
import type { CompletionEntry, SymbolNode } from '../../../server/src/engine/features/featureTypes';
import { documentLinks } from '../../../server/src/engine/features/links';
import { documentSymbols } from '../../../server/src/engine/features/symbols';
import { buildModel } from '../../../server/src/engine/model/buildModel';
import { mergeSchemas } from '../../../server/src/engine/schema/mergeSchemas';
import { readReportSpec, type SchemaNode } from '../../../server/src/engine/schema/reportSpec';
import { applyFix, checked } from '../features/fixHarness';
import { TEST_NOW, cleanReportText, defaultVersionEngine, describeFinding, formatRange } from '../../helpers';
import { withMethodology } from './withMethodology';

const findingsOf = (text: string): string[] => defaultVersionEngine().check(text).findings.map(describeFinding);

test('attack tables: a misspelt tactic and a technique under the wrong tactic are reported at their cells', () => {
  const text = withMethodology(
    '| Tactic | Technique |\n|---|---|\n| Colection | T1567.002 Exfiltration to Cloud Storage |\n| Persistence | T1213 Data from Information Repositories |\n',
  );
  assert.deepEqual(findingsOf(text), [
    "24:2-24:11 error attack-tactic-unknown 'Colection' is not a tactic in ATT&CK v19.2; did you mean 'Collection'?",
    '25:16-25:21 warning attack-technique-tactic T1213 (Data from Information Repositories) is not part of the Persistence tactic; it belongs to Collection',
  ]);
});

test('attack tables: an ID and a name in cells of their own are checked together, at the name cell; the fix rewrites it', () => {
  const text = withMethodology('| Tactic | ID | Name |\n|---|---|---|\n| Command and Control | T1095 | Encrypted Channel |\n');
  assert.deepEqual(findingsOf(text), [
    "24:32-24:49 warning attack-technique-name T1095 is 'Non-Application Layer Protocol' in ATT&CK v19.2, not 'Encrypted Channel'; 'Encrypted Channel' is T1573",
  ]);
  const byName = applyFix(text, 'attack-technique-name', "Change the name to 'Non-Application Layer Protocol'", { checker: defaultVersionEngine() });
  assert.match(byName.text, /\| Command and Control \| T1095 \| Non-Application Layer Protocol \|/);
  const byId = applyFix(text, 'attack-technique-name', 'Change the ID to T1573', { checker: defaultVersionEngine() });
  assert.match(byId.text, /\| Command and Control \| T1573 \| Encrypted Channel \|/);
});

test('attack tables: several rows per tactic, any column order and header case, continued rows and text columns', () => {
  const text = withMethodology(
    '| technique id | ATT&CK TACTIC | Procedure |\n|---|---|---|\n' +
      '| T1566.001 Spearphishing Attachment | Initial Access | Mail with an attachment |\n' +
      '| T1078 Valid Accounts | Initial Access | Reused password |\n' +
      '| T1136.003 Cloud Account | Persistence | New admin; T9999 noted |\n' +
      '| T1098 | | Role added |\n',
  );
  // No finding for the repeated tactic; the continued row is under Persistence; the text column's ID is checked as prose.
  assert.deepEqual(findingsOf(text), ['26:53-26:58 error attack-technique-unknown T9999 is not a technique in ATT&CK v19.2']);
  const misplaced = withMethodology('| Tactic | Technique |\n|---|---|\n| Persistence | T1136.003 Cloud Account |\n|  | T1566.001 |\n');
  assert.deepEqual(findingsOf(misplaced), [
    '25:5-25:14 warning attack-technique-tactic T1566.001 (Spearphishing Attachment) is not part of the Persistence tactic; it belongs to Initial Access',
  ]);
});

test('attack tables: a technique-only table checks techniques, not tactics; an empty technique cell is an empty row', () => {
  const text = withMethodology('| Technique | Description |\n|---|---|\n| T1213 Data from Information Repositories | SharePoint |\n| T1567.99 | x |\n');
  assert.deepEqual(findingsOf(text), ["25:2-25:10 error attack-technique-malformed 'T1567.99' is not a valid technique ID: IDs look like T1566 or T1566.001"]);
  const empty = withMethodology('| Tactic | Technique |\n|---|---|\n| Discovery |  |\n');
  assert.deepEqual(findingsOf(empty), ["24:2-24:11 warning attack-tactic-empty Tactic 'Discovery' has no value: write N/A or the techniques used"]);
});

test('attack tables: a v18.1 tactic in a table is a migration note at its cell', () => {
  const text = withMethodology('| Tactic | Technique |\n|---|---|\n| Defense Evasion | T1027 Obfuscated Files or Information |\n');
  const findings = findingsOf(text);
  assert.equal(findings.length, 1);
  assert.match(findings[0], /^24:2-24:17 info attack-migration 'Defense Evasion' is the ATT&CK v18\.1 name of TA0005/);
});

test('attack tables: tactic cells are linked and hovered like bullet keys; technique-only rows are not', () => {
  const text = withMethodology('| Tactic | Technique |\n|---|---|\n| Collection | T1213 |\n\n| Technique |\n|---|\n| T1078 |\n');
  const { context } = checked(text, defaultVersionEngine());
  const links = documentLinks(context).map((link) => `${link.range.start.line}:${link.range.start.character} ${link.target}`);
  assert.ok(links.includes('24:2 https://attack.mitre.org/tactics/TA0009/'), links.join('\n'));
  assert.ok(!links.some((link) => link.startsWith('28:0 ')));
  const shown = hover(context, { line: 24, character: 4 });
  assert.equal(shown?.range && `${shown.range.start.character}-${shown.range.end.character}`, '2-12');
  assert.match(JSON.stringify(shown?.contents), /TA0009/);
});

test('section-unrecognised: a table with no known columns, and technique IDs under no tactic row', () => {
  const table = withMethodology('| Step | Activity |\n|---|---|\n| 1 | T1566.001 Spearphishing Attachment |\n');
  assert.deepEqual(findingsOf(table), [
    "22:0-22:19 warning section-unrecognised This table is not read as ATT&CK tactic rows: none of its columns ('Step', 'Activity') is a technique column the section reads. Attack Methodology accepts bullet rows '- **Tactic:** T1234 Name', a table with a 'Tactic' and a 'Technique' column, or '### Tactic' headings over bullets '- T1234 Name'.",
  ]);
  const prose = withMethodology('The actor used T1566.001 and T1078.\n\n- T1059.001 PowerShell\n');
  assert.deepEqual(
    findingsOf(prose).map((finding) => finding.split(' under')[0]),
    ['22:0-22:35 warning section-unrecognised T1566.001, T1078 are written', '24:0-24:22 warning section-unrecognised T1059.001 is written'],
  );
  // Beside tactic rows, a note with an ID is fine (the seed has a prose note); so is a table beside rows.
  assert.deepEqual(findingsOf(withMethodology('See T1078 below.\n\n- **Initial Access:** T1078 Valid Accounts\n')), []);
  assert.deepEqual(findingsOf(cleanReportText()), []);
});

test('section-unrecognised: an extension adds headers and dialects without code; a rows-only section reports any table', () => {
  const base = defaultVersionEngine().schema.spec.schema;
  const extend = (attackMethodology: SchemaNode) =>
    readReportSpec(mergeSchemas(base, { properties: { sections: { properties: { attackMethodology } } } })).sectionByKey('attackMethodology')!;
  const extended = extend({ 'x-columns': { technique: ['Activity'], tactic: ['Step'] } });
  assert.equal(extended.columnRole('ACTIVITY'), 'technique');
  assert.equal(extended.columnRole('Technique ID'), 'technique');
  assert.equal(extended.columnRole('step'), 'tactic');
  assert.deepEqual(extended.dialects, ['rows', 'table', 'headings']);
  const rowsOnly = readReportSpec({ ...base, properties: { sections: { properties: { m: { title: 'M', 'x-kind': 'attack-tactics' } } } } });
  assert.deepEqual(rowsOnly.sectionByKey('m')?.dialects, ['rows']);
});

test('attack tables: "Disable for this line" on a table row comments the row itself, so the table goes on', () => {
  const text = withMethodology('| Tactic | Technique |\n|---|---|\n| Persistence | T1213 Data from Information Repositories |\n| Colection | T1530 |\n');
  const applied = applyFix(text, 'attack-technique-tactic', 'Disable attack-technique-tactic for this line', { checker: defaultVersionEngine() });
  assert.match(
    applied.text,
    /\| Persistence \| T1213 Data from Information Repositories \| <!-- increport-disable-line attack-technique-tactic -->\n\| Colection/,
  );
  assert.deepEqual(applied.after.map(describeFinding), [
    "25:2-25:11 error attack-tactic-unknown 'Colection' is not a tactic in ATT&CK v19.2; did you mean 'Collection'?",
  ]);
  const second = applyFix(applied.text, 'attack-tactic-unknown', 'Disable attack-tactic-unknown for this line', { checker: defaultVersionEngine() });
  assert.match(second.text, /\| Colection \| T1530 \| <!-- increport-disable-line attack-tactic-unknown -->\n/);
  assert.equal(checked(second.text, defaultVersionEngine()).context.model.sections[3].tables[0].rows.length, 2);
});

test('attack tables: a table in a subsection of Attack Methodology is read and checked too', () => {
  const text = withMethodology(
    '### Cloud\n| Tactic | Technique |\n|---|---|\n| Discovery | T1087.004 Cloud Account |\n| Persistence | T1530 |\n\n### Notes\n| Step | Activity |\n|---|---|\n| 1 | T1078 |\n',
  );
  assert.deepEqual(findingsOf(text), [
    '26:16-26:21 warning attack-technique-tactic T1530 (Data from Cloud Storage) is not part of the Persistence tactic; it belongs to Collection',
    "29:0-29:19 warning section-unrecognised This table is not read as ATT&CK tactic rows: none of its columns ('Step', 'Activity') is a technique column the section reads. Attack Methodology accepts bullet rows '- **Tactic:** T1234 Name', a table with a 'Tactic' and a 'Technique' column, or '### Tactic' headings over bullets '- T1234 Name'.",
  ]);
});

test('attack tables: the outline lists table rows under the heading they are written beneath', () => {
  const text = withMethodology(
    '| Tactic | Technique |\n|---|---|\n| Discovery | T1087.004 |\n|  | T1069.003 |\n\n### Cloud\n| Technique |\n|---|\n| T1530 |\n',
  );
  const { context } = checked(text, defaultVersionEngine());
  const methodology = documentSymbols(context)
    .flatMap((title) => title.children)
    .find((node) => node.name === 'Attack Methodology');
  const outline = (node: SymbolNode): string[] =>
    node.children.flatMap((child) => [`${child.name}@${formatRange(child.selectionRange)}`, ...outline(child).map((line) => `  ${line}`)]);
  assert.ok(methodology);
  assert.deepEqual(outline(methodology), ['Discovery@24:2-24:11', 'Discovery@25:5-25:14', 'Cloud@27:4-27:9', '  T1530@30:0-30:9']);
});

test('attack tables: completion in a table-only section offers techniques in a technique cell and tactics in a tactic cell', () => {
  const text = withMethodology(
    '| Tactic | Technique | Procedure |\n|---|---|---|\n| Initial Access | T156 | phishing |\n| Exfiltration |  | |\n| Persist | | |\n',
  );
  const context = { model: buildModel(text), spec: defaultVersionEngine().schema.spec, catalog: defaultVersionEngine().catalog, now: TEST_NOW };
  const describe = (entries: CompletionEntry[]) => entries.slice(0, 2).map((entry) => `${formatRange(entry.range)} ${entry.label} ${entry.insertText}`);
  // "T156" typed in the technique cell of line 24: the range covers it.
  assert.deepEqual(describe(complete(context, { line: 24, character: 23 })), [
    '24:19-24:23 T1566 T1566 Phishing',
    '24:19-24:23 T1566.001 T1566.001 Spearphishing Attachment',
  ]);
  // An empty technique cell, the cursor after its first space: the row's tactic's techniques first.
  const exfiltration = complete(context, { line: 25, character: 17 });
  assert.deepEqual(describe(exfiltration), [
    '25:17-25:17 T1011 T1011 Exfiltration Over Other Network Medium',
    '25:17-25:17 T1011.001 T1011.001 Exfiltration Over Bluetooth',
  ]);
  assert.ok(exfiltration.every((entry) => entry.detail?.endsWith('Exfiltration')));
  // The tactic cell: every tactic, the name alone (no `**…:**`), replacing what is typed.
  const tactics = complete(context, { line: 26, character: 9 });
  assert.equal(tactics.length, defaultVersionEngine().catalog.tactics.length);
  assert.deepEqual(
    tactics.filter((entry) => entry.label === 'Persistence').map((entry) => `${formatRange(entry.range)} ${entry.insertText}`),
    ['26:2-26:9 Persistence'],
  );
  // The procedure column is free text: nothing offered there.
  assert.deepEqual(complete(context, { line: 24, character: 33 }), []);
});
