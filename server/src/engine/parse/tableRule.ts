// Adapted from markdown-it 14 (lib/rules_block/table.mjs), Copyright (c) 2014 Vitaly Puzrin, Alex Kocharin,
// MIT License: see dist/THIRD_PARTY_NOTICES.md. test/unit/engine/blockRules.test.ts holds it to markdown-it's decisions.
import type MarkdownIt from 'markdown-it';
import { terminatedAt } from './terminators';
type StateBlock = MarkdownIt.StateBlock;

/**
 * markdown-it's GFM `table` block rule (markdown-it 14.1, lib/rules_block/table.mjs) with the same
 * decisions (which lines start a table, which lines end it) but only `table_open` and `table_close`
 * tokens: every line of a table is one of its rows, so the model reads its rows from the table's line
 * span (model/tables.ts), and splits each row into cells once, with their positions. markdown-it's rule
 * splits each row into strings and pushes five tokens per cell, which the model never read: for a
 * report whose ATT&CK mapping is a table, that was about a tenth of a check.
 */

/** markdown-it's bound on the empty cells it adds to short rows, past which a table ends. */
const MAX_AUTOCOMPLETED_CELLS = 0x10000;
const PIPE = 0x7c;
const BACKSLASH = 0x5c;
const DASH = 0x2d;
const COLON = 0x3a;
/** A delimiter row's cell: `---`, `:--`, `--:`, `:-:`. Single quantifier: linear. */
const DELIMITER_CELL = /^:?-+:?$/;

const isSpace = (code: number) => code === 0x09 || code === 0x20;

/** The text of a line after its indentation, as markdown-it's rule reads it. */
function lineText(state: StateBlock, line: number): string {
  return state.src.slice(state.bMarks[line] + state.tShift[line], state.eMarks[line]);
}

/**
 * How many cells markdown-it's `escapedSplit` gives a trimmed row once a leading and a trailing empty
 * cell are dropped: unescaped pipes (a pipe right after a backslash is escaped) split cells. Counted
 * without making the cells' strings.
 */
export function rowCellCount(row: string): number {
  if (row.length === 0) return 0;
  let pieces = 1;
  let escaped = false;
  for (let index = 0; index < row.length; index++) {
    const code = row.charCodeAt(index);
    if (code === PIPE && !escaped) pieces++;
    escaped = code === BACKSLASH;
  }
  let count = row.charCodeAt(0) === PIPE ? pieces - 1 : pieces;
  const last = row.length - 1;
  if (count > 0 && row.charCodeAt(last) === PIPE && (last === 0 || row.charCodeAt(last - 1) !== BACKSLASH)) count--;
  return count;
}

/** The number of columns a delimiter row gives, or -1 when it is no delimiter row. */
function delimiterColumns(state: StateBlock, line: number): number {
  let pos = state.bMarks[line] + state.tShift[line];
  const max = state.eMarks[line];
  if (pos >= max) return -1;
  const first = state.src.charCodeAt(pos++);
  if (first !== PIPE && first !== DASH && first !== COLON) return -1;
  if (pos >= max) return -1;
  const second = state.src.charCodeAt(pos++);
  if (second !== PIPE && second !== DASH && second !== COLON && !isSpace(second)) return -1;
  if (first === DASH && isSpace(second)) return -1;
  for (; pos < max; pos++) {
    const code = state.src.charCodeAt(pos);
    if (code !== PIPE && code !== DASH && code !== COLON && !isSpace(code)) return -1;
  }
  const cells = lineText(state, line).split('|');
  let columns = 0;
  for (let index = 0; index < cells.length; index++) {
    const cell = cells[index].trim();
    if (!cell) {
      if (index === 0 || index === cells.length - 1) continue;
      return -1;
    }
    if (!DELIMITER_CELL.test(cell)) return -1;
    columns++;
  }
  return columns;
}

export function table(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  if (startLine + 2 > endLine) return false;
  const delimiterLine = startLine + 1;
  if (state.sCount[delimiterLine] < state.blkIndent) return false;
  if (state.sCount[delimiterLine] - state.blkIndent >= 4) return false;
  const columnCount = delimiterColumns(state, delimiterLine);
  if (columnCount < 0) return false;
  const header = lineText(state, startLine).trim();
  if (header.indexOf('|') === -1) return false;
  if (state.sCount[startLine] - state.blkIndent >= 4) return false;
  const headerCells = rowCellCount(header);
  if (headerCells === 0 || headerCells !== columnCount) return false;
  if (silent) return true;

  const oldParentType = state.parentType;
  // As markdown-it's rule sets it while its terminators are asked about each row (its types omit 'table').
  state.parentType = 'table' as typeof state.parentType;
  const terminatorRules = state.md.block.ruler.getRules('blockquote');
  const open = state.push('table_open', 'table', 1);
  let autocompletedCells = 0;
  let counting = false;
  let nextLine = startLine + 2;
  for (; nextLine < endLine; nextLine++) {
    if (state.sCount[nextLine] < state.blkIndent) break;
    if (terminatedAt(terminatorRules, state, nextLine, endLine)) break;
    const row = lineText(state, nextLine).trim();
    if (!row) break;
    if (state.sCount[nextLine] - state.blkIndent >= 4) break;
    // A row adds at most `columnCount` cells, so the bound cannot be passed before the rows so far could
    // add more than it: only then are their cells counted (once), and each later row's as it comes.
    if (!counting && (nextLine - startLine - 1) * columnCount > MAX_AUTOCOMPLETED_CELLS) {
      counting = true;
      for (let line = startLine + 2; line < nextLine; line++) autocompletedCells += columnCount - rowCellCount(lineText(state, line).trim());
    }
    if (!counting) continue;
    autocompletedCells += columnCount - rowCellCount(row);
    if (autocompletedCells > MAX_AUTOCOMPLETED_CELLS) break;
  }
  open.map = [startLine, nextLine];
  state.push('table_close', 'table', -1);
  state.parentType = oldParentType;
  state.line = nextLine;
  return true;
}
