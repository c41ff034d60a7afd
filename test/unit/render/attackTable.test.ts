import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { exportJson, exportNavigatorLayer } from '../../../server/src/engine/export';
import { listedIn, renderV19 } from './matrixHtml';
import { assertLayerFormat, defaultVersionInput } from '../export/exportHelpers';
import { cleanReportText, projectRoot } from '../../helpers';

/** A report whose Attack Methodology is a table: the preview matrix and the exports read its rows like bullet rows. */

const TABLE_REPORT = 'examples/dialects/attack-table.md';
const tableReport = () => readFileSync(join(projectRoot(), TABLE_REPORT), 'utf8');

const attackSection = (html: string): string =>
  html.slice(html.indexOf('kind-attack-tactics'), html.indexOf('kind-fields', html.indexOf('kind-attack-tactics')));

test('preview: table rows fill the matrix like bullet rows; a table with a text column stays shown above it', () => {
  const html = renderV19(tableReport());
  assert.match(html, /8 of 15 tactics with techniques listed/);
  assert.deepEqual(listedIn(html, 'Collection'), ['T1213.002', 'T1114.002']);
  assert.deepEqual(listedIn(html, 'Defense Impairment'), ['T1685.002']);
  assert.deepEqual(listedIn(html, 'Stealth'), ['T1564.008']);
  // The Procedure column says what the matrix cannot: the table is kept.
  assert.match(attackSection(html), /<table[\s\S]*Directory listing through the Graph API/);
  assert.match(html, /one row per technique observed/);
  // A table of tactics and techniques only is the matrix: not repeated.
  const plain = renderV19(
    tableReport().replace(
      '| Tactic | Technique ID | Technique Name | Procedure |\n|---|---|---|---|',
      '| Tactic | Technique ID | Technique Name |\n|---|---|---|',
    ),
  );
  assert.match(plain, /8 of 15 tactics with techniques listed/);
  assert.doesNotMatch(attackSection(plain), /<table/);
});

test('preview: a technique-only table puts techniques under their ATT&CK tactics; a row naming no tactic is listed below', () => {
  const text = cleanReportText().replace(
    /(## Attack Methodology\n)[\s\S]*?(\n## )/,
    (_, heading: string, next: string) =>
      `${heading}| Technique | Notes |\n|---|---|\n| T1078.004 Cloud Accounts | x |\n\n| Tactic | Technique |\n|---|---|\n| Colection | T1530 |\n${next}`,
  );
  const html = renderV19(text);
  for (const tactic of ['Initial Access', 'Persistence', 'Privilege Escalation', 'Stealth']) assert.deepEqual(listedIn(html, tactic), ['T1078.004'], tactic);
  assert.match(html, /4 of 15 tactics with techniques listed/);
  assert.match(html, /Rows that name no ATT&amp;CK tactic:[\s\S]*Colection[\s\S]*T1530/);
});

test('exports: the Navigator layer and the JSON rows of a table-dialect report', () => {
  const input = defaultVersionInput(tableReport(), TABLE_REPORT);
  const layer = exportNavigatorLayer(input);
  assertLayerFormat(layer);
  assert.deepEqual(
    layer.techniques.map((t) => `${t.techniqueID}@${t.tactic}`),
    [
      'T1566.002@initial-access',
      'T1528@credential-access',
      'T1098.003@persistence',
      'T1564.008@stealth',
      'T1685.002@defense-impairment',
      'T1087.004@discovery',
      'T1213.002@collection',
      'T1114.002@collection',
      'T1567.002@exfiltration',
    ],
  );
  const rows = exportJson(input).tactics.map((row) => `${row.form} ${row.row}@${row.line}: ${row.techniques.map((t) => `${t.id}:${t.column}`).join(' ')}`);
  assert.deepEqual(rows.slice(6, 8), ['table Collection@32: T1213.002:16', 'table Collection@33: T1114.002:6']);
  assert.equal(rows.length, 9);
});

test('preview: the ### subsections of Attack Methodology are shown; one whose only table the matrix shows is left out', () => {
  const text = cleanReportText().replace(
    /(## Attack Methodology\n)[\s\S]*?(\n## )/,
    (_, heading: string, next: string) =>
      `${heading}### Cloud\n| Tactic | Technique | Procedure |\n|---|---|---|\n| Discovery | T1087.004 | Graph API listing |\n` +
      `### Endpoint\n| Tactic | Technique |\n|---|---|\n| Execution | T1059.001 |\n### Notes\nThe provider confirmed the listing.\n${next}`,
  );
  const section = attackSection(renderV19(text));
  assert.match(
    section,
    /<h3 data-line="22">Cloud<\/h3><div class="table-scroll" role="region" tabindex="0" aria-label="Table: Tactic, Technique, Procedure"><table data-line="23">[\s\S]*Graph API listing/,
  );
  assert.match(section, /<h3 data-line="30">Notes<\/h3><p data-line="31">The provider confirmed the listing\.<\/p>/);
  assert.doesNotMatch(section, /Endpoint/);
  assert.deepEqual(listedIn(renderV19(text), 'Execution'), ['T1059.001']);
});
