import { findTechniqueMentions, type TechniqueMention } from '../attack/techniqueMentions';
import type { Block, ContentContainer, Field, Section, Subsection, Table, TableCell, TableRow } from '../model/modelTypes';
import type { SectionSpec } from '../schema/reportSpec';
import type { LineIndex } from '../text/lineIndex';
import { isLetterAt } from '../text/chars';
import type { Range } from '../types';
import { DerivedCache } from '../model/derivedCache';

/**
 * The rows of an Attack Methodology section as the ATT&CK rules, features, preview and exports read them,
 * whichever dialect the report is written in (the section schema's `x-dialects`): `**Tactic:** techniques`
 * items (`rows`); each body row of a table with a technique column, its tactic cell as the key and its
 * technique cells as the value (`table`); and each bullet with a technique ID under a `###` heading, the
 * heading as the key and the bullet as the value (`headings`).
 */

/**
 * A row: a `**Key:** value` field, a field read from a table row (`table` then says which cells), or a
 * bullet under a `###` heading (`heading`).
 */
export interface MethodologyRow extends Field {
  table?: TableRowSource;
  heading?: HeadingRowSource;
}

/** A row read from a table (the renderer and features take rows as plain fields). */
export function isTableRow(field: Field): field is MethodologyRow & { table: TableRowSource } {
  return (field as MethodologyRow).table !== undefined;
}

/** A row read from a bullet under a `###` heading. */
export function isHeadingRow(field: Field): field is MethodologyRow & { heading: HeadingRowSource } {
  return (field as MethodologyRow).heading !== undefined;
}

/** A row whose key is written once for several rows (a table's empty tactic cell, a heading's later bullets): its tactic is checked, linked and outlined at the first. */
export function continuesTactic(field: Field): boolean {
  const row = field as MethodologyRow;
  return row.table?.continued === true || row.heading?.continued === true;
}

/**
 * A bullet of a `###` subsection of the section, not a `**Key:** value` field, with a technique ID in it:
 * its key is the heading's text (keyRange the heading text), its value the bullet's text. Whether the
 * heading names a tactic is the catalog's to say (queries/attackQueries.ts headingNamesTactic): one that
 * does not ("### Enterprise") puts its techniques under their ATT&CK tactics, like a table without a tactic column.
 */
export interface HeadingRowSource {
  subsection: Subsection;
  /** A later bullet of the same heading: the heading's tactic is checked at its first row only. */
  continued: boolean;
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

const tablesCache = new DerivedCache<Section, { spec: SectionSpec; tables: ReadTable[] }>('readTables');

/** Kept on the section (rows, the section-form rule and its unread blocks each ask): callers do not change it. */
export function readTables(section: Section, sectionSpec: SectionSpec): ReadTable[] {
  const cached = tablesCache.get(section);
  if (cached?.spec === sectionSpec) return cached.tables;
  const accepts = sectionSpec.dialects.includes('table');
  // Tables of its H3 subsections too ("### Enterprise", "### Cloud"): a mapping is often split so.
  const tables = [section, ...section.subsections]
    .flatMap((container) => container.tables)
    .map((table) => {
      const roles = table.header.cells.map((cell) => sectionSpec.columnRole(cell.text));
      return { table, roles, recognised: accepts && roles.includes('technique') };
    });
  tablesCache.set(section, { spec: sectionSpec, tables });
  return tables;
}

const cache = new DerivedCache<Section, { spec: SectionSpec; rows: MethodologyRow[] }>('methodologyRows');

/** The section's rows in source order: its fields, then (merged by line) the rows of its recognised tables and of its headings. */
export function methodologyRows(section: Section, sectionSpec: SectionSpec): MethodologyRow[] {
  const cached = cache.get(section);
  if (cached?.spec === sectionSpec) return cached.rows;
  const tableRows: MethodologyRow[] = [];
  for (const read of readTables(section, sectionSpec)) if (read.recognised) tableRows.push(...rowsOfTable(read));
  const headingRows = sectionSpec.dialects.includes('headings') ? section.subsections.flatMap(rowsUnderHeading) : [];
  const rows: MethodologyRow[] = [...section.fields, ...tableRows, ...headingRows];
  if (tableRows.length > 0 || headingRows.length > 0) rows.sort((a, b) => a.range.start.line - b.range.start.line);
  cache.set(section, { spec: sectionSpec, rows });
  return rows;
}

/** The bullets of a `###` subsection that are rows: top-level items, not fields, with a technique ID (well-formed or not) in them. */
function rowsUnderHeading(subsection: Subsection): MethodologyRow[] {
  const rows: MethodologyRow[] = [];
  for (const item of subsection.items) {
    if (item.isField || findTechniqueMentions(item.text).length === 0) continue;
    rows.push({
      key: subsection.heading.text,
      keyRange: subsection.heading.textRange,
      value: item.text,
      valueRange: item.textRange,
      range: item.range,
      heading: { subsection, continued: rows.length > 0 },
    });
  }
  return rows;
}

function rowsOfTable({ table, roles }: ReadTable): MethodologyRow[] {
  const tacticless = !roles.includes('tactic');
  const rows: MethodologyRow[] = [];
  let previous: { key: string; keyRange: Range } | undefined;
  const tacticColumns = columnsOf(roles, 'tactic');
  const techniqueColumns = columnsOf(roles, 'technique');
  // Loops rather than map/find/filter: this runs for every row of every check.
  for (const row of table.rows) {
    let tacticCell: TableCell | undefined;
    for (const index of tacticColumns) {
      const cell = row.cells[index];
      if (cell !== undefined && cell.text !== '') {
        tacticCell = cell;
        break;
      }
    }
    let firstTechniqueCell: TableCell | undefined;
    const written: TableCell[] = [];
    for (const index of techniqueColumns) {
      const cell = row.cells[index];
      if (!cell) continue;
      firstTechniqueCell ??= cell;
      if (cell.text !== '') written.push(cell);
    }
    if (!tacticCell && written.length === 0) continue; // a blank row
    const continued = !tacticless && !tacticCell && previous !== undefined;
    const keyRange = tacticCell?.range ?? (continued && previous ? previous.keyRange : startOf(row));
    const key = tacticCell?.text ?? (continued && previous ? previous.key : '');
    const valueRange =
      written.length > 0 ? { start: written[0].range.start, end: written[written.length - 1].range.end } : emptyValueAt(row, firstTechniqueCell);
    rows.push({
      key,
      keyRange,
      value: written.length === 1 ? written[0].text : written.map((cell) => cell.text).join(' '),
      valueRange,
      range: row.range,
      table: { techniqueCells: written, tacticless, continued },
    });
    if (tacticCell) previous = { key, keyRange };
  }
  return rows;
}

/** The indexes of the columns with a role. */
function columnsOf(roles: readonly (string | undefined)[], role: string): number[] {
  const columns: number[] = [];
  for (let index = 0; index < roles.length; index++) if (roles[index] === role) columns.push(index);
  return columns;
}

function startOf(row: TableRow): Range {
  return { start: row.range.start, end: row.range.start };
}

function emptyValueAt(row: TableRow, firstTechniqueCell: TableCell | undefined): Range {
  const at = firstTechniqueCell?.range.start ?? row.range.end;
  return { start: at, end: at };
}

/**
 * The technique IDs written in a row's value, in order. A table row reads its technique cells only; an ID
 * alone in its cell takes its name from a technique cell that holds a name and no ID (`| T1095 | Encrypted Channel |`).
 * A bullet under a heading reads the name after an ID in bold or code (`**T1078** Valid Accounts`).
 */
export function rowMentions(lines: LineIndex, row: MethodologyRow): LocatedMention[] {
  if (row.heading) return fieldMentions(lines, row, unmarked);
  if (!row.table) return fieldMentions(lines, row);
  const found: LocatedMention[] = [];
  const nameCells: TableCell[] = [];
  for (const cell of row.table.techniqueCells) {
    const { line, character } = cell.range.start;
    const mentions = findTechniqueMentions(cell.text);
    if (mentions.length === 0 && isLetterAt(cell.text, 0)) nameCells.push(cell);
    for (const mention of mentions) found.push({ line, mention: shifted(mention, character) });
  }
  if (found.length === 1 && !found[0].mention.name && nameCells.length === 1) {
    const [cell] = nameCells;
    const name = { text: cell.text, start: cell.range.start.character, end: cell.range.end.character };
    // The name cell is on the row's line: checks and quick fixes address it by line and columns.
    if (cell.range.start.line === found[0].line) {
      // Written out, not spread: a spread object of optional properties is slow to make and to read.
      const { id, start, end, wellFormed } = found[0].mention;
      found[0] = { line: found[0].line, mention: { id, start, end, wellFormed, name } };
    }
  }
  return found;
}

function fieldMentions(lines: LineIndex, field: Field, read: (line: string) => string = (line) => line): LocatedMention[] {
  const found: LocatedMention[] = [];
  for (let line = field.valueRange.start.line; line <= field.valueRange.end.line; line++) {
    const from = line === field.valueRange.start.line ? field.valueRange.start.character : 0;
    for (const mention of findTechniqueMentions(read(lines.lineText(line)))) if (mention.start >= from) found.push({ line, mention });
  }
  return found;
}

/** An ID between bold, italic or code markers (`**T1078**`, `` `T1078` ``): fixed-length alternatives around a bounded ID, linear. */
const MARKED_ID = /(?<![\w*`])(?:\*\*|__|\*|_|`)(T\d{2,5}(?:[./]\d{1,4})?)(?:\*\*|__|\*|_|`)(?![\w*`])/g;

/** The line with the markers around IDs blanked (same length, so columns stay): the words after `**T1078**` are its name. */
function unmarked(line: string): string {
  if (!line.includes('T')) return line;
  return line.replace(MARKED_ID, (whole: string, id: string) => {
    const open = whole.indexOf(id);
    return `${' '.repeat(open)}${id}${' '.repeat(whole.length - open - id.length)}`;
  });
}

function shifted(mention: TechniqueMention, by: number): TechniqueMention {
  // Written out rather than spread: a spread of an object with optional properties takes a slow path.
  const moved: TechniqueMention = { id: mention.id, start: mention.start + by, end: mention.end + by, wellFormed: mention.wellFormed };
  const { name } = mention;
  if (name) moved.name = { text: name.text, start: name.start + by, end: name.end + by };
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

/** The blocks of `containers` (the section, or some of its `###` subsections) that are not read as rows: prose, lists, tables the section does not read. */
export function unreadBlocks(section: Section, sectionSpec: SectionSpec, containers: readonly ContentContainer[] = [section]): Block[] {
  const recognised = new Set(
    readTables(section, sectionSpec)
      .filter((read) => read.recognised)
      .map((read) => read.table.range.start.line),
  );
  const rowLines = new Set(methodologyRows(section, sectionSpec).flatMap((row) => (row.heading ? [row.range.start.line] : [])));
  const holdsRow = (block: Block) => {
    for (let line = block.range.start.line; line <= block.range.end.line; line++) if (rowLines.has(line)) return true;
    return false;
  };
  // A list of technique bullets under a heading is read.
  return containers
    .flatMap((container) => container.blocks)
    .filter((block) => (block.kind === 'table' ? !recognised.has(block.range.start.line) : !(block.kind === 'list' && holdsRow(block))));
}
