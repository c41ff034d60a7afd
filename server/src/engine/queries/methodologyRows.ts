import { findTechniqueMentions, type TechniqueMention } from '../attack/techniqueMentions';
import type { Block, Field, Section, Table, TableCell, TableRow } from '../model/modelTypes';
import type { SectionSpec } from '../schema/reportSpec';
import type { LineIndex } from '../text/lineIndex';
import type { Range } from '../types';

/**
 * The rows of an Attack Methodology section as the ATT&CK rules, features, preview and exports read them,
 * whichever dialect the report is written in: `**Tactic:** techniques` items, and (when the section's
 * schema accepts the table dialect) each body row of a table with a technique column, its tactic cell as
 * the key and its technique cells as the value.
 */

/** A row: a `**Key:** value` field, or a field read from a table row (`table` then says which cells). */
export interface MethodologyRow extends Field {
  table?: TableRowSource;
}

/** A row read from a table (the renderer and features take rows as plain fields). */
export function isTableRow(field: Field): field is MethodologyRow & { table: TableRowSource } {
  return (field as MethodologyRow).table !== undefined;
}

export interface TableRowSource {
  /** The cells techniques are read from, in column order. */
  techniqueCells: TableCell[];
  /** The table has no tactic column: techniques go under their ATT&CK tactics and no tactic is checked. */
  tacticless: boolean;
  /** The tactic cell is empty: the row continues the tactic of the row above (key and keyRange are that row's). */
  continued: boolean;
}

/** A table of the section or one of its subsections, and the role of each of its columns (undefined: a column the section does not read). */
export interface ReadTable {
  table: Table;
  roles: (string | undefined)[];
  /** Read as rows: the section accepts tables and a column is a technique column. */
  recognised: boolean;
}

export interface LocatedMention {
  line: number;
  mention: TechniqueMention;
}

export function readTables(section: Section, sectionSpec: SectionSpec): ReadTable[] {
  const accepts = sectionSpec.dialects.includes('table');
  // Tables of its H3 subsections too ("### Enterprise", "### Cloud"): a mapping is often split so.
  return [section, ...section.subsections]
    .flatMap((container) => container.tables)
    .map((table) => {
      const roles = table.header.cells.map((cell) => sectionSpec.columnRole(cell.text));
      return { table, roles, recognised: accepts && roles.includes('technique') };
    });
}

const cache = new WeakMap<Section, { spec: SectionSpec; rows: MethodologyRow[] }>();

/** The section's rows in source order: its fields, then (merged by line) the rows of its recognised tables. */
export function methodologyRows(section: Section, sectionSpec: SectionSpec): MethodologyRow[] {
  const cached = cache.get(section);
  if (cached?.spec === sectionSpec) return cached.rows;
  const tableRows = readTables(section, sectionSpec)
    .filter((read) => read.recognised)
    .flatMap((read) => rowsOfTable(read));
  const rows: MethodologyRow[] = [...section.fields, ...tableRows];
  if (tableRows.length > 0) rows.sort((a, b) => a.range.start.line - b.range.start.line);
  cache.set(section, { spec: sectionSpec, rows });
  return rows;
}

function rowsOfTable({ table, roles }: ReadTable): MethodologyRow[] {
  const tacticless = !roles.includes('tactic');
  const rows: MethodologyRow[] = [];
  let previous: { key: string; keyRange: Range } | undefined;
  for (const row of table.rows) {
    const cells = (role: string) => row.cells.filter((_, index) => roles[index] === role);
    const tacticCell = cells('tactic').find((cell) => cell.text !== '');
    const techniqueCells = cells('technique');
    const written = techniqueCells.filter((cell) => cell.text !== '');
    if (!tacticCell && written.length === 0) continue; // a blank row
    const continued = !tacticless && !tacticCell && previous !== undefined;
    const keyRange = tacticCell?.range ?? (continued && previous ? previous.keyRange : startOf(row));
    const key = tacticCell?.text ?? (continued && previous ? previous.key : '');
    const valueRange = written.length > 0 ? { start: written[0].range.start, end: written[written.length - 1].range.end } : emptyValueAt(row, techniqueCells);
    rows.push({
      key,
      keyRange,
      value: written.map((cell) => cell.text).join(' '),
      valueRange,
      range: row.range,
      table: { techniqueCells: written, tacticless, continued },
    });
    if (tacticCell) previous = { key, keyRange };
  }
  return rows;
}

function startOf(row: TableRow): Range {
  return { start: row.range.start, end: row.range.start };
}

function emptyValueAt(row: TableRow, techniqueCells: TableCell[]): Range {
  const at = techniqueCells[0]?.range.start ?? row.range.end;
  return { start: at, end: at };
}

/**
 * The technique IDs written in a row's value, in order. A table row reads its technique cells only; an ID
 * alone in its cell takes its name from a technique cell that holds a name and no ID (`| T1095 | Encrypted Channel |`).
 */
export function rowMentions(lines: LineIndex, row: MethodologyRow): LocatedMention[] {
  if (!row.table) return fieldMentions(lines, row);
  const found: LocatedMention[] = [];
  const nameCells: TableCell[] = [];
  for (const cell of row.table.techniqueCells) {
    const { line, character } = cell.range.start;
    const mentions = findTechniqueMentions(cell.text).map((mention) => shifted(mention, character));
    if (mentions.length === 0 && /^\p{L}/u.test(cell.text)) nameCells.push(cell);
    for (const mention of mentions) found.push({ line, mention });
  }
  if (found.length === 1 && !found[0].mention.name && nameCells.length === 1) {
    const [cell] = nameCells;
    const name = { text: cell.text, start: cell.range.start.character, end: cell.range.end.character };
    // The name cell is on the row's line: checks and quick fixes address it by line and columns.
    if (cell.range.start.line === found[0].line) found[0] = { line: found[0].line, mention: { ...found[0].mention, name } };
  }
  return found;
}

function fieldMentions(lines: LineIndex, field: Field): LocatedMention[] {
  const found: LocatedMention[] = [];
  for (let line = field.valueRange.start.line; line <= field.valueRange.end.line; line++) {
    const from = line === field.valueRange.start.line ? field.valueRange.start.character : 0;
    for (const mention of findTechniqueMentions(lines.lineText(line))) if (mention.start >= from) found.push({ line, mention });
  }
  return found;
}

function shifted(mention: TechniqueMention, by: number): TechniqueMention {
  const moved: TechniqueMention = { ...mention, start: mention.start + by, end: mention.end + by };
  if (mention.name) moved.name = { ...mention.name, start: mention.name.start + by, end: mention.name.end + by };
  return moved;
}

/** The spans of a line that a row covers: the whole line for a bullet row, its key and technique cells for a table row. */
export function coveredSpans(row: MethodologyRow): { line: number; start: number; end: number }[] {
  if (!row.table) {
    const spans = [];
    for (let line = row.range.start.line; line <= Math.max(row.range.end.line, row.valueRange.end.line); line++) spans.push({ line, start: 0, end: Infinity });
    return spans;
  }
  const cells = row.table.continued ? row.table.techniqueCells : [{ range: row.keyRange }, ...row.table.techniqueCells];
  return cells.map((cell) => ({ line: cell.range.start.line, start: cell.range.start.character, end: cell.range.end.character }));
}

/** The blocks of the section that are not read as rows: prose, lists without `**Key:**` items, tables the section does not read. */
export function unreadBlocks(section: Section, sectionSpec: SectionSpec): Block[] {
  const recognised = new Set(
    readTables(section, sectionSpec)
      .filter((read) => read.recognised)
      .map((read) => read.table.range.start.line),
  );
  return section.blocks.filter((block) => !(block.kind === 'table' && recognised.has(block.range.start.line)));
}
