import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ReportEngine } from '../../../server/src/engine/engine';
import { headingNamesTactic } from '../../../server/src/engine/queries/attackQueries';
import { methodologyRows } from '../../../server/src/engine/queries/methodologyRows';
import { createReportSchema } from '../../../server/src/engine/schema/reportSchema';
import type { SchemaNode } from '../../../server/src/engine/schema/reportSpec';
import { loadBundledCatalog, loadBundledSchemaNode } from '../../../server/src/node/bundledResources';
import { applyFix, checked } from '../features/fixHarness';
import { defaultVersionEngine, describeFinding, TEST_NOW } from '../../helpers';
import { withMethodology } from './withMethodology';

/**
 * The headings dialect of Attack Methodology: a `###` heading per tactic over one bullet per technique.
 * Bodies start on line 22 (withMethodology); ranges are zero-based `line:character`.
 */

const findingsOf = (text: string, checker: ReportEngine = defaultVersionEngine()): string[] => checker.check(text).findings.map(describeFinding);

const CLEAN =
  '### Initial Access (TA0001)\n' +
  '- T1566.001 Spearphishing Attachment: invoice.docm mailed to finance\n' +
  '- **T1078** Valid Accounts — reused VPN credentials\n' +
  '- The mail arrived on a Monday, before the finance team was in.\n' +
  '### Collection\n' +
  '- T1005 Data from Local System\n';

test('attack headings: a clean mapping has no finding; each technique bullet is a row keyed by its heading', () => {
  const text = withMethodology(CLEAN);
  assert.deepEqual(findingsOf(text), []);
  const { context } = checked(text, defaultVersionEngine());
  const section = context.model.sections[3];
  const rows = methodologyRows(section, context.spec.findSection(section.heading.text)!);
  // The bullet of prose (no technique ID) is no row; later bullets of a heading continue its first.
  assert.deepEqual(
    rows.map((row) => `${row.key}@${row.keyRange.start.line}:${row.keyRange.start.character} ${row.value} ${row.heading?.continued}`),
    [
      'Initial Access (TA0001)@22:4 T1566.001 Spearphishing Attachment: invoice.docm mailed to finance false',
      'Initial Access (TA0001)@22:4 **T1078** Valid Accounts — reused VPN credentials true',
      'Collection@26:4 T1005 Data from Local System false',
    ],
  );
});

test('attack headings: a misspelt tactic heading is reported once, at the heading, with the did-you-mean and its fix', () => {
  const text = withMethodology('### Colection\n- T1005 Data from Local System\n- T1119 Automated Collection\n- T1530 Data from Cloud Storage\n');
  assert.deepEqual(findingsOf(text), ["22:4-22:13 error attack-tactic-unknown 'Colection' is not a tactic in ATT&CK v19.2; did you mean 'Collection'?"]);
  const fixed = applyFix(text, 'attack-tactic-unknown', "Change to 'Collection'", { checker: defaultVersionEngine() });
  assert.match(fixed.text, /\n### Collection\n- T1005/);
  assert.deepEqual(fixed.after.map(describeFinding), []);
  // A previous release's tactic misspelt: its successors are offered, not applied by Fix All.
  const defence = withMethodology('### Defence Evasion\n- T1027 Obfuscated Files or Information\n- T1070 Indicator Removal\n');
  assert.deepEqual(findingsOf(defence), [
    "22:4-22:19 error attack-tactic-unknown 'Defence Evasion' is not a tactic in ATT&CK v19.2; did you mean 'Defense Evasion', the ATT&CK v18.1 tactic that v19.2 replaced with 'Stealth' and 'Defense Impairment'?",
  ]);
  const offered = applyFix(defence, 'attack-tactic-unknown', "Change to 'Stealth'", { checker: defaultVersionEngine() });
  assert.notEqual(offered.fix.isPreferred, true);
  assert.deepEqual(
    offered.offered.map((fix) => fix.title).filter((title) => title.startsWith('Change')),
    ["Change to 'Stealth'", "Change to 'Defense Impairment'"],
  );
  // A heading whose name and ID disagree, once.
  const mismatch = withMethodology('### Initial Access (TA0002)\n- T1566 Phishing\n- T1078 Valid Accounts\n');
  assert.deepEqual(
    findingsOf(mismatch).map((finding) => finding.split(':').slice(0, 3).join(':')),
    ['22:4-22:27 warning attack-tactic-id-mismatch The name and the ID of ' + "'Initial Access (TA0002)' disagree in ATT&CK v19.2"],
  );
});

test('attack headings: a wrong technique name is reported at the name, up to the description; the fix keeps the description', () => {
  const text = withMethodology(
    '### Initial Access\n- T1566.001 Spearphising Attachment: invoice.docm mailed to finance\n- **T1078** Valid Acounts — reused VPN credentials\n',
  );
  assert.deepEqual(findingsOf(text), [
    "23:12-23:35 warning attack-technique-name T1566.001 is 'Spearphishing Attachment' in ATT&CK v19.2, not 'Spearphising Attachment'",
    "24:12-24:25 warning attack-technique-name T1078 is 'Valid Accounts' in ATT&CK v19.2, not 'Valid Acounts'",
  ]);
  const fixed = applyFix(text, 'attack-technique-name', "Change the name to 'Valid Accounts'", {
    checker: defaultVersionEngine(),
    match: (finding) => finding.range.start.line === 24,
  });
  assert.match(fixed.text, /\n- \*\*T1078\*\* Valid Accounts — reused VPN credentials\n/);
  // "Parent: Technique" is one name, not a name and a description.
  assert.deepEqual(findingsOf(withMethodology('### Initial Access\n- T1566.001 Phishing: Spearphishing Attachment\n')), []);
});

test('attack headings: a technique under the wrong tactic heading is reported at its ID, bullet by bullet', () => {
  const text = withMethodology('### Persistence\n- T1136.003 Cloud Account\n- T1566.001 Spearphishing Attachment: invoice.docm\n- T1005\n');
  assert.deepEqual(findingsOf(text), [
    '24:2-24:11 warning attack-technique-tactic T1566.001 (Spearphishing Attachment) is not part of the Persistence tactic; it belongs to Initial Access',
    '25:2-25:7 warning attack-technique-tactic T1005 (Data from Local System) is not part of the Persistence tactic; it belongs to Collection',
  ]);
});

test('attack headings: a heading that is no tactic and not close to one reads its bullets tacticless', () => {
  const text = withMethodology(
    '### Enterprise\n- T1566.001 Spearphishing Attachment\n### Observed techniques\n- T1005 Data from Local System\n### Cloud\n- T1530 Data from Cloud Storgae\n- T1999\n',
  );
  // No tactic is checked; the techniques still are.
  assert.deepEqual(findingsOf(text), [
    "27:8-27:31 warning attack-technique-name T1530 is 'Data from Cloud Storage' in ATT&CK v19.2, not 'Data from Cloud Storgae'",
    '28:2-28:7 error attack-technique-unknown T1999 is not a technique in ATT&CK v19.2',
  ]);
  const catalog = defaultVersionEngine().catalog;
  const read = (heading: string) => headingNamesTactic(catalog, heading);
  assert.deepEqual(['Enterprise', 'Observed techniques', 'Cloud', 'Notes', 'C2'].map(read), [false, false, false, false, false]);
  assert.deepEqual(['Impact', 'Colection', 'Defence Evasion', 'Defense Evasion', 'TA0009 - Colection', '**Execution**'].map(read), [
    true,
    true,
    true,
    true,
    true,
    true,
  ]);
});

test('section-unrecognised: technique bullets are read; a subsection of only prose with technique IDs is still said', () => {
  const text = withMethodology(
    '### Initial Access\nThe first mail (a T1598 test) came a week before.\n- T1566.001 Spearphishing Attachment\n### Execution\nThe macro ran PowerShell (T1059.001) to fetch the second stage.\n',
  );
  assert.deepEqual(findingsOf(text), [
    "26:0-26:63 warning section-unrecognised T1059.001 is written under no tactic row, so no tactic is checked for it and the matrix lists none. Attack Methodology accepts bullet rows '- **Tactic:** T1234 Name', a table with a 'Tactic' and a 'Technique' column, or '### Tactic' headings over bullets '- T1234 Name'.",
  ]);
  // A subsection of `**Key:** value` fields stays as it was: not rows, and not reported.
  assert.deepEqual(findingsOf(withMethodology('### Enterprise\n- **Initial Access:** T1566.001 Spearphishing Attachment\n')), []);
});

test('attack headings: read only when the section schema lists the dialect; without it the bullets are unrecognised', () => {
  const base = structuredClone(loadBundledSchemaNode()) as SchemaNode & { properties: { sections: { properties: Record<string, SchemaNode> } } };
  const methodology = base.properties.sections.properties.attackMethodology;
  assert.deepEqual(methodology['x-dialects'], ['rows', 'table', 'headings']);
  methodology['x-dialects'] = ['rows', 'table'];
  const withoutHeadings = new ReportEngine({
    schema: createReportSchema([], base),
    catalog: loadBundledCatalog(),
    bundledCatalog: loadBundledCatalog,
    now: () => TEST_NOW,
  });
  const text = withMethodology('### Colection\n- T1005 Data from Local System\n');
  assert.deepEqual(findingsOf(text, withoutHeadings), [
    "23:0-23:30 warning section-unrecognised T1005 is written under no tactic row, so no tactic is checked for it and the matrix lists none. Attack Methodology accepts bullet rows '- **Tactic:** T1234 Name', or a table with a 'Tactic' and a 'Technique' column.",
  ]);
  assert.equal(findingsOf(text).length, 1);
  assert.match(findingsOf(text)[0], /attack-tactic-unknown/);
});
