import type { Token } from '../parse/markdown';
import type { LineIndex } from '../text/lineIndex';
import type { Range } from '../types';
import type { Table, TableCell, TableRow } from './modelTypes';

/** A cell of one table line: UTF-16 offsets of its trimmed text. */
export interface CellSpan {
  start: number;
  end: number;
}

const PIPE = 0x7c;
const BACKSLASH = 0x5c;
const BACKTICK = 0x60;

/**
 * Splits one GFM table line into its cells: on pipes that are not escaped (`\|`) and not inside an
 * inline code span; the optional leading and trailing pipes delimit no cell. Each cell is trimmed
 * (an empty cell is zero-width at its middle's start). Linear: code spans are matched through the
 * line's backtick runs grouped by length, each group read once from left to right.
 */
export function splitTableLine(line: string, from = 0): CellSpan[] {
  const bounds: number[] = [];
  splitCells(line, from, bounds);
  const cells: CellSpan[] = [];
  for (let index = 0; index < bounds.length; index += 2) cells.push({ start: bounds[index], end: bounds[index + 1] });
  return cells;
}

/** {@link splitTableLine} into `bounds` (emptied first): each cell's start and end, one after the other, no object per cell. */
function splitCells(line: string, from: number, bounds: number[]): void {
  bounds.length = 0;
  // Most table lines hold no code span: the runs are only read when a backtick is there.
  const closers = line.indexOf('`', from) >= 0 ? new BacktickRuns(line, from) : undefined;
  let index = skipSpaces(line, from);
  if (line.charCodeAt(index) === PIPE) index++;
  let cellStart = index;
  while (index < line.length) {
    const code = line.charCodeAt(index);
    if (code === BACKSLASH) {
      index += 2;
    } else if (code === BACKTICK && closers) {
      index = closers.codeSpanEnd(index);
    } else if (code === PIPE) {
      pushTrimmed(line, cellStart, index, bounds);
      index++;
      cellStart = index;
    } else {
      index++;
    }
  }
  const cells = bounds.length;
  pushTrimmed(line, cellStart, line.length, bounds);
  // After a trailing pipe only spaces remain: no cell.
  if (bounds[cells + 1] <= bounds[cells] && cells > 0) bounds.length = cells;
}

/** Backtick runs of a line by length, for finding each code span's closing run in one pass. */
class BacktickRuns {
  private readonly runs = new Map<number, { starts: number[]; next: number }>();

  constructor(
    private readonly line: string,
    from: number,
  ) {
    let index = from;
    while (index < line.length) {
      if (line.charCodeAt(index) !== BACKTICK) {
        index += line.charCodeAt(index) === BACKSLASH && line.charCodeAt(index + 1) === BACKTICK ? 2 : 1;
        continue;
      }
      const start = index;
      while (line.charCodeAt(index) === BACKTICK) index++;
      const length = index - start;
      const group = this.runs.get(length) ?? { starts: [], next: 0 };
      group.starts.push(start);
      this.runs.set(length, group);
    }
  }

  /** Just after the code span opening at the run at `start`, or after the run when nothing closes it. */
  codeSpanEnd(start: number): number {
    let end = start;
    while (this.line.charCodeAt(end) === BACKTICK) end++;
    const group = this.runs.get(end - start);
    if (!group) return end;
    while (group.next < group.starts.length && group.starts[group.next] <= start) group.next++;
    if (group.next >= group.starts.length) return end;
    const closer = group.starts[group.next];
    group.next++;
    return closer + (end - start);
  }
}

function skipSpaces(line: string, from: number): number {
  let index = from;
  while (index < line.length && (line[index] === ' ' || line[index] === '\t')) index++;
  return index;
}

/** The cell `start`…`end` without its leading and trailing spaces and tabs (empty: zero-width at its middle's start). */
function pushTrimmed(line: string, start: number, end: number, bounds: number[]): void {
  let first = skipSpaces(line, start);
  let last = end;
  while (last > first && (line[last - 1] === ' ' || line[last - 1] === '\t')) last--;
  if (first > end) first = end;
  bounds.push(first, last);
}

/**
 * The table whose `table_open` token is at `openIndex`: its header and body rows, each cell with its
 * text and range. Every line of a table's span is a row but the delimiter row (parse/tableRule.ts).
 * Body rows keep at most as many cells as the header has (GFM ignores the rest).
 */
export function readTable(tokens: Token[], openIndex: number, lines: LineIndex, range: Range): Table {
  const map = tokens[openIndex].map;
  const startLine = map ? map[0] : range.start.line;
  const endLine = map ? map[1] : range.start.line + 1;
  const header = readRow(lines, startLine, Infinity);
  const width = header.cells.length;
  const rows: TableRow[] = [];
  for (let line = startLine + 2; line < endLine; line++) rows.push(readRow(lines, line, width));
  return { header, rows, range };
}

/** Cell bounds of the row being read: one array for every row (readRow makes the cells from it at once). */
const rowBounds: number[] = [];

function readRow(lines: LineIndex, line: number, width: number): TableRow {
  const text = lines.lineText(line);
  const start = contentStart(text);
  splitCells(text, start, rowBounds);
  const cells: TableCell[] = [];
  for (let index = 0; index < rowBounds.length && index < 2 * width; index += 2) {
    const cellStart = rowBounds[index];
    const cellEnd = rowBounds[index + 1];
    cells.push({ text: text.slice(cellStart, cellEnd), range: { start: { line, character: cellStart }, end: { line, character: cellEnd } } });
  }
  const first = cells.length > 0 ? cells[0].range.start.character : 0;
  const last = text.trimEnd().length;
  return { cells, range: { start: { line, character: Math.min(first, start) }, end: { line, character: last } } };
}

/** Where a table line's content starts: after indentation and blockquote markers. */
function contentStart(text: string): number {
  let index = skipSpaces(text, 0);
  while (text[index] === '>') index = skipSpaces(text, index + 1);
  return index;
}
