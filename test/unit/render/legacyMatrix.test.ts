import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { renderReportBody } from '../../../server/src/engine/render/renderReport';
import { defaultVersionEngine, projectRoot, seedText, TEST_NOW } from '../../helpers';

/** The preview's ATT&CK matrix under the default version, v19.2, for v18-era reports and a v19 one. */

const northwindText = () => readFileSync(join(projectRoot(), 'examples', 'northwind-ransomware-intrusion.md'), 'utf8');

function render(text: string): string {
  const result = defaultVersionEngine().check(text);
  const { schema, catalog } = defaultVersionEngine();
  return renderReportBody({ model: result.model, spec: schema.spec, catalog, now: TEST_NOW, findings: result.findings });
}

interface Column {
  state: string;
  line: number | undefined;
  title: string;
  body: string;
  techniques: string[];
}

function columns(html: string): Column[] {
  const matrix = /<div class="matrix" role="list">([\s\S]*?)<\/div><figcaption>/.exec(html);
  assert.ok(matrix, 'no matrix');
  return [
    ...matrix[1].matchAll(
      /<div class="tactic (\w+)" role="listitem"(?: data-line="(\d+)")?><div class="tactic-name" title="([^"]+)">[\s\S]*?<\/div><div class="tactic-body">([\s\S]*?)<\/div><\/div>/g,
    ),
  ].map((m) => ({
    state: m[1],
    line: m[2] === undefined ? undefined : Number(m[2]),
    title: m[3],
    body: m[4],
    techniques: [...m[4].matchAll(/<span class="tid">([^<]+)<\/span>/g)].map((t) => t[1]),
  }));
}

const caption = (html: string) => /<figcaption>([\s\S]*?)<\/figcaption>/.exec(html)?.[1];
const byName = (cols: Column[], name: string) => cols.find((c) => c.title.endsWith(` ${name}`))!;

const V19_TACTICS = [
  'TA0043 Reconnaissance',
  'TA0042 Resource Development',
  'TA0001 Initial Access',
  'TA0002 Execution',
  'TA0003 Persistence',
  'TA0004 Privilege Escalation',
  'TA0005 Stealth',
  'TA0112 Defense Impairment',
  'TA0006 Credential Access',
  'TA0007 Discovery',
  'TA0008 Lateral Movement',
  'TA0009 Collection',
  'TA0011 Command and Control',
  'TA0010 Exfiltration',
  'TA0040 Impact',
];

const LEGACY_NOTE = '<p class="cell-note legacy-row" data-line="64">Written as Defense Evasion (ATT&amp;CK v18.1)</p>';

describe('render: ATT&CK matrix under v19.2', () => {
  test('northwind (v18-era): 15 v19 tactics in matrix order; its Defense Evasion row shows under Defense Impairment, revoked ID with its replacement', () => {
    const html = render(northwindText());
    const cols = columns(html);
    assert.deepEqual(
      cols.map((c) => c.title),
      V19_TACTICS,
    );
    const impairment = byName(cols, 'Defense Impairment');
    assert.equal(impairment.state, 'listed');
    assert.equal(impairment.line, 64);
    assert.deepEqual(impairment.techniques, ['T1562.001']);
    assert.equal(
      impairment.body,
      '<ul class="techniques"><li class="technique listed retired" data-line="64" title="T1562.001 Impair Defenses: Disable or Modify Tools ' +
        '(revoked in v19.2: replaced by T1685 Disable or Modify Tools) (listed under Defense Evasion, an ATT&amp;CK v18.1 tactic)">' +
        '<span class="tid">T1562.001</span><span class="tname">Disable or Modify Tools</span><span class="replaced">→ T1685 Disable or Modify Tools</span>' +
        '<span class="visually-hidden"> (listed in a tactic row; revoked; written under Defense Evasion, an ATT&amp;CK v18.1 tactic)</span></li></ul>' +
        LEGACY_NOTE,
    );
    // T1685 is a Defense Impairment technique: Stealth gets nothing from the row.
    const stealth = byName(cols, 'Stealth');
    assert.deepEqual([stealth.state, stealth.line, stealth.body], ['unlisted', undefined, '']);
    assert.equal(
      caption(html),
      '<span class="attack-version">MITRE ATT&amp;CK® Enterprise v19.2</span> · 12 of 15 tactics with techniques listed · filled: listed in a tactic row; ' +
        'outlined: only mentioned elsewhere in the report; hatched: N/A · Defense Evasion (ATT&amp;CK v18.1) is shown under Stealth and Defense Impairment',
    );
    assert.ok(!/Rows that name no ATT&amp;CK tactic/.test(html), 'the legacy row is not an unmatched row');
  });

  test('the seed (v18-era): Defense Evasion: N/A dims both successors, each saying how the row was written', () => {
    const cols = columns(render(seedText()));
    for (const name of ['Stealth', 'Defense Impairment']) {
      const column = byName(cols, name);
      assert.deepEqual([column.state, column.line], ['na', 26], name);
      assert.equal(column.body, '<p class="cell-note">N/A</p><p class="cell-note legacy-row" data-line="26">Written as Defense Evasion (ATT&amp;CK v18.1)</p>');
    }
  });

  test('a legacy row: each technique under the successors ATT&CK lists it for; free text under the first successor', () => {
    const text = [
      '# Incident Report: L',
      '## Attack Methodology',
      '- **Defense Evasion:** T1027 Obfuscated Files or Information, T1686 Disable or Modify System Firewall, T1562.001, T9999',
      '- **defense-evasion:** Logs were wiped.',
    ].join('\n');
    const html = render(text);
    const cols = columns(html);
    const stealth = byName(cols, 'Stealth');
    const impairment = byName(cols, 'Defense Impairment');
    // T9999 is unknown: it goes in the first column the row fills.
    assert.deepEqual(stealth.techniques, ['T1027', 'T9999']);
    assert.deepEqual(impairment.techniques, ['T1686', 'T1562.001']);
    assert.match(
      stealth.body,
      /<li class="technique listed" data-line="2" title="T1027 Obfuscated Files or Information \(listed under Defense Evasion, an ATT&amp;CK v18\.1 tactic\)">/,
    );
    assert.match(stealth.body, /<li class="technique listed unknown" data-line="2" title="T9999: not in ATT&amp;CK v19\.2">/);
    // The text-only row fills both successors and its text is shown once, under Stealth.
    assert.equal((html.match(/Logs were wiped\./g) ?? []).length, 1);
    assert.match(stealth.body, /<p class="cell-note" data-line="3">Logs were wiped\.<\/p>/);
    assert.equal((impairment.body.match(/legacy-row/g) ?? []).length, 2);
    assert.equal((stealth.body.match(/legacy-row/g) ?? []).length, 2);
  });

  test('a v19 report: Stealth and Defense Impairment rows as written, no legacy note; a new technique shows its name', () => {
    const text = [
      '# Incident Report: V',
      '## Attack Methodology',
      '- **Stealth:** T1027 Obfuscated Files or Information',
      '- **Defense Impairment:** T1685 Disable or Modify Tools',
    ].join('\n');
    const html = render(text);
    const cols = columns(html);
    assert.deepEqual(byName(cols, 'Stealth').techniques, ['T1027']);
    assert.equal(
      byName(cols, 'Defense Impairment').body,
      '<ul class="techniques"><li class="technique listed" data-line="3" title="T1685 Disable or Modify Tools"><span class="tid">T1685</span><span class="tname">Disable or Modify Tools</span>' +
        '<span class="visually-hidden"> (listed in a tactic row)</span></li></ul>',
    );
    assert.ok(!html.includes('legacy-row'));
    assert.ok(!caption(html)!.includes('v18.1'));
    assert.match(caption(html)!, /^<span class="attack-version">MITRE ATT&amp;CK® Enterprise v19\.2<\/span> · 2 of 15 tactics/);
  });

  test('a technique revoked in v19.2 in a v19 row: its replacement shown, off-tactic when the replacement is elsewhere', () => {
    const html = render('# Incident Report: R\n## Attack Methodology\n- **Stealth:** T1070.001 Clear Windows Event Logs\n');
    const stealth = byName(columns(html), 'Stealth');
    assert.equal(
      stealth.body,
      '<ul class="techniques"><li class="technique listed retired off-tactic" data-line="2" title="T1070.001 Indicator Removal: Clear Windows Event Logs ' +
        '(revoked in v19.2: replaced by T1685.005 Clear Windows Event Logs) (ATT&amp;CK lists it under Defense Impairment)">' +
        '<span class="tid">T1070.001</span><span class="tname">Clear Windows Event Logs</span><span class="replaced">→ T1685.005 Clear Windows Event Logs</span>' +
        '<span class="visually-hidden"> (listed in a tactic row; revoked; ATT&amp;CK lists it under Defense Impairment)</span></li></ul>',
    );
  });
});
