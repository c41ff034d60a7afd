import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { useLineScanState } from '../../server/src/engine/parse/lineScanState';
import { projectRoot } from '../helpers';

/*
 * The engine's block parser builds markdown-it's line table its own way (server/src/engine/parse/lineScanState.ts).
 * Every block rule reads that table, so it must be markdown-it's, entry for entry, on every text.
 */
const stock = new MarkdownIt();
const adapted = new MarkdownIt();
useLineScanState(adapted);

function lineTable(parser: MarkdownIt, src: string) {
  const state = new parser.block.State(src, parser, {}, []);
  const { bMarks, eMarks, tShift, sCount, bsCount, lineMax, line, blkIndent, parentType, level, src: kept } = state;
  return { bMarks, eMarks, tShift, sCount, bsCount, lineMax, line, blkIndent, parentType, level, kept };
}

const agree = (src: string) => assert.deepEqual(lineTable(adapted, src), lineTable(stock, src), JSON.stringify(src.slice(0, 80)));

test('line table: the same as markdown-it’s at the edges (empty text, blank and indented last lines, tabs)', () => {
  for (const src of [
    '',
    '\n',
    '\n\n',
    ' ',
    '\t',
    ' \t ',
    'a',
    'a\n',
    'a\n ',
    'a\n\t',
    'a\n  \n',
    '  a  ',
    '\ta\n \tb\n  \t c',
    ' \n \n',
    'a\n\nb',
    '\t\t#\n    code\n',
  ]) {
    agree(src);
  }
  const state = new adapted.block.State('a\n  b\n', adapted, {}, []);
  assert.deepEqual(
    [state.bMarks, state.eMarks, state.tShift, state.sCount],
    [
      [0, 2, 6],
      [1, 5, 6],
      [0, 2, 0],
      [0, 2, 0],
    ],
  );
});

test('line table: the same as markdown-it’s on generated texts of spaces, tabs, breaks and text', () => {
  const piece = fc.constantFrom(' ', '  ', '\t', '\n', 'a', '# x', '- ', '\u00a0', '|');
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => agree(pieces.join(''))),
    { numRuns: 3000, seed: 11 },
  );
});

test('line table: the same as markdown-it’s on every Markdown file of the repository', () => {
  const files = (folder: string): string[] =>
    readdirSync(folder).flatMap((name) => {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) return name === 'node_modules' || name === 'out' || name.startsWith('.') ? [] : files(path);
      return name.endsWith('.md') ? [path] : [];
    });
  const paths = files(projectRoot());
  assert.ok(paths.length > 50, `${paths.length} files`);
  for (const path of paths) agree(readFileSync(path, 'utf8').replace(/\r\n?/g, '\n'));
});
