import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildModel } from '../../../server/src/engine/model/buildModel';
import type { TableRow } from '../../../server/src/engine/model/modelTypes';
import { splitTableLine } from '../../../server/src/engine/model/tables';
import { formatRange } from '../../helpers';

const cells = (row: TableRow) => row.cells.map((cell) => `${cell.text}@${formatRange(cell.range)}`);

test('model tables: header and body cells with trimmed text and exact ranges, in sections and subsections', () => {
  const model = buildModel(
    '## Attack Methodology\nIntro.\n\n| Tactic | Technique |\n|---|---|\n|  Colection | T1567.002 Exfiltration to Cloud Storage |\n\n### Notes\nTactic | ID\n--- | ---\nPersistence | T1213\n',
  );
  const [table] = model.sections[0].tables;
  assert.deepEqual(cells(table.header), ['Tactic@3:2-3:8', 'Technique@3:11-3:20']);
  assert.deepEqual(table.rows.map(cells), [['Colection@5:3-5:12', 'T1567.002 Exfiltration to Cloud Storage@5:15-5:54']]);
  assert.equal(formatRange(table.range), '3:0-5:56');
  assert.equal(formatRange(table.rows[0].range), '5:0-5:56');
  // Without outer pipes, in a subsection.
  const [inner] = model.sections[0].subsections[0].tables;
  assert.deepEqual(cells(inner.header), ['Tactic@8:0-8:6', 'ID@8:9-8:11']);
  assert.deepEqual(inner.rows.map(cells), [['Persistence@10:0-10:11', 'T1213@10:14-10:19']]);
  assert.deepEqual(
    model.sections[0].blocks.map((block) => block.kind),
    ['paragraph', 'table'],
  );
});

test('model tables: escaped pipes and pipes in code spans do not split a cell; UTF-16 columns', () => {
  const model = buildModel('## S\n| A | B |\n|---|---|\n| a \\| b | `x | y` é😀 |\n| only |\n| 1 | 2 | 3 |\n');
  const [table] = model.sections[0].tables;
  assert.deepEqual(table.rows.map(cells), [
    ['a \\| b@3:2-3:8', '`x | y` é😀@3:11-3:22'],
    ['only@4:2-4:6'],
    // GFM ignores cells beyond the header's.
    ['1@5:2-5:3', '2@5:6-5:7'],
  ]);
});

test('model tables: splitTableLine handles empty cells, unmatched backticks and double-backtick spans', () => {
  const spans = (line: string) => splitTableLine(line).map((span) => line.slice(span.start, span.end));
  assert.deepEqual(spans('|  | b |'), ['', 'b']);
  assert.deepEqual(spans('| ` | b |'), ['`', 'b']);
  assert.deepEqual(spans('| `` a ` | b `` | c |'), ['`` a ` | b ``', 'c']);
  assert.deepEqual(spans('a|b'), ['a', 'b']);
  assert.deepEqual(spans('| a | b'), ['a', 'b']);
  assert.deepEqual(
    splitTableLine('|  | b |').map((span) => [span.start, span.end]),
    [
      [3, 3],
      [5, 6],
    ],
  );
});

test('model tables: a table in a list item or code block is no table of the section', () => {
  const model = buildModel('## S\n```\n| a | b |\n|---|---|\n```\n');
  assert.equal(model.sections[0].tables.length, 0);
});
