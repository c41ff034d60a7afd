import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { exportJson, exportNavigatorLayer } from '../../../server/src/engine/export';
import { complete } from '../../../server/src/engine/features/completion';
import type { SymbolNode } from '../../../server/src/engine/features/featureTypes';
import { hover } from '../../../server/src/engine/features/hover';
import { documentLinks } from '../../../server/src/engine/features/links';
import { documentSymbols } from '../../../server/src/engine/features/symbols';
import { listedIn, renderV19 } from '../render/matrixHtml';
import { assertLayerFormat, defaultVersionInput } from '../export/exportHelpers';
import { checked } from '../features/fixHarness';
import { defaultVersionEngine, formatRange, projectRoot } from '../../helpers';
import { withMethodology } from './withMethodology';

/** What the preview, the exports and the editor features make of the headings dialect (examples/dialects/attack-headings.md). */

const HEADINGS_REPORT = 'examples/dialects/attack-headings.md';
const headingsReport = () => readFileSync(join(projectRoot(), HEADINGS_REPORT), 'utf8');

/** A tactic heading, a misspelt one and one that is no tactic; the body starts on line 22. */
const MIXED =
  '### Initial Access (TA0001)\n- T1566.001 Spearphishing Attachment: invoice.docm mailed to finance\n- **T1078** Valid Accounts — reused VPN credentials\n' +
  '### Colection\n- T1005 Data from Local System\n' +
  '### Enterprise\n- T1530 Data from Cloud Storage: a bucket listed\n';

test('preview: technique bullets fill their heading’s column; a heading that is no tactic places by ATT&CK; the bullets stay shown', () => {
  const html = renderV19(withMethodology(MIXED));
  assert.deepEqual(listedIn(html, 'Initial Access'), ['T1566.001', 'T1078']);
  // The misspelt heading names no tactic: its row is listed below the matrix, not placed.
  assert.deepEqual(listedIn(html, 'Collection'), ['T1530']);
  assert.match(html, /Rows that name no ATT&amp;CK tactic:[\s\S]*Colection[\s\S]*T1005/);
  const start = html.indexOf('kind-attack-tactics');
  const section = html.slice(start, html.indexOf('<figure class="attack-matrix"', start));
  assert.match(section, /<h3 data-line="22">Initial Access \(TA0001\)<\/h3>/);
  assert.match(section, /invoice\.docm mailed to finance/);
  assert.match(section, /<h3 data-line="27">Enterprise<\/h3>/);
  const example = renderV19(headingsReport());
  assert.deepEqual(listedIn(example, 'Collection'), ['T1213.002', 'T1114.002']);
  // "Seen by the cloud provider" is no tactic: T1078.004 goes under each tactic ATT&CK lists it for, the
  // ninth column (Privilege Escalation) among them.
  assert.match(example, /9 of 15 tactics with techniques listed/);
  assert.deepEqual(listedIn(example, 'Privilege Escalation'), ['T1078.004']);
  assert.deepEqual(listedIn(example, 'Initial Access'), ['T1566.002', 'T1078.004']);
});

test('exports: the Navigator layer and the JSON rows of a headings-dialect report', () => {
  const input = defaultVersionInput(withMethodology(MIXED));
  const layer = exportNavigatorLayer(input);
  assertLayerFormat(layer);
  assert.deepEqual(
    layer.techniques.map((technique) => `${technique.techniqueID}@${technique.tactic}`),
    ['T1566.001@initial-access', 'T1078@initial-access', 'T1530@collection'],
  );
  assert.match(layer.techniques[2].comment, /^Listed under its ATT&CK tactics in /);
  const rows = exportJson(input).tactics.map(
    (row) => `${row.form} ${row.row}@${row.line} ${row.tactic?.id ?? null}: ${row.techniques.map((t) => `${t.id}:${t.column}`).join(' ')}`,
  );
  assert.deepEqual(rows, [
    'heading Initial Access (TA0001)@24 TA0001: T1566.001:3',
    'heading Initial Access (TA0001)@25 TA0001: T1078:5',
    'heading Colection@27 null: T1005:3',
    'technique-heading Enterprise@29 null: T1530:3',
  ]);
});

test('outline: technique bullets are leaves of their heading, named by their IDs', () => {
  const text = withMethodology('- **Reconnaissance:** N/A\n' + MIXED);
  const { context } = checked(text, defaultVersionEngine());
  const methodology = documentSymbols(context)
    .flatMap((title) => title.children)
    .find((node) => node.name === 'Attack Methodology');
  const outline = (node: SymbolNode): string[] =>
    node.children.flatMap((child) => [`${child.name}@${formatRange(child.selectionRange)}`, ...outline(child).map((line) => `  ${line}`)]);
  assert.ok(methodology);
  assert.deepEqual(outline(methodology), [
    'Reconnaissance@22:4-22:18',
    'Initial Access (TA0001)@23:4-23:27',
    '  T1566.001@24:2-24:68',
    '  T1078@25:2-25:51',
    'Colection@26:4-26:13',
    '  T1005@27:2-27:30',
    'Enterprise@28:4-28:14',
    '  T1530@29:2-29:48',
  ]);
});

test('links and hover: a tactic heading links to its tactic once and hovers as the tactic; other headings do not', () => {
  const { context } = checked(withMethodology(MIXED), defaultVersionEngine());
  const tacticLinks = documentLinks(context)
    .filter((link) => link.target.includes('/tactics/'))
    .map((link) => `${formatRange(link.range)} ${link.target}`);
  assert.deepEqual(tacticLinks, ['22:4-22:27 https://attack.mitre.org/tactics/TA0001/']);
  const shown = hover(context, { line: 22, character: 8 });
  assert.equal(shown?.range && formatRange(shown.range), '22:4-22:27');
  assert.match(JSON.stringify(shown?.contents), /TA0001/);
  assert.equal(hover(context, { line: 27, character: 6 }), undefined);
});

test('completion: a bullet under a tactic heading offers that tactic’s techniques; elsewhere keys as before', () => {
  const text = withMethodology('### Execution\n- T1059.001 PowerShell\n- \n### Enterprise\n- \n');
  const { context } = checked(text, defaultVersionEngine());
  const execution = complete(context, { line: 24, character: 2 });
  assert.ok(execution.length > 0);
  assert.ok(
    execution.slice(0, 10).every((entry) => entry.kind === 'technique' && /Execution/.test(entry.detail ?? '')),
    execution.map((entry) => entry.label).join(' '),
  );
  // Typed words rank the heading's tactic first: on a new bullet, and on a bullet that has an ID already.
  const spear = withMethodology('### Lateral Movement\n- spearphishing\n### Reconnaissance\n- spearph\n- T1598.002 Spearphishing Attachment, spearph\n');
  const spearContext = checked(spear, defaultVersionEngine()).context;
  const first = (line: number, character: number) => complete(spearContext, { line, character })[0];
  assert.equal(first(23, 15)?.label, 'T1534', 'Internal Spearphishing');
  assert.equal(first(25, 9)?.label, 'T1598.001');
  assert.equal(first(26, 45)?.label, 'T1598.001');
  assert.equal(formatRange(first(26, 45)!.range), '26:38-26:45');
  const enterprise = complete(context, { line: 26, character: 2 });
  assert.ok(enterprise.length > 0 && enterprise.every((entry) => entry.kind === 'tactic'), enterprise.map((entry) => entry.kind).join(' '));
});
