import { iocKindOfName, type CellKind } from '../iocs/typedIocs';
import { readsFieldTables, tableFields } from '../model/tableFields';
import type { Section, Table, TableCell } from '../model/modelTypes';
import type { SectionSpec } from '../schema/reportSpec';
import type { Range } from '../types';

/** A table cell whose indicator kind the table names, on one line (`start`/`end`: its characters). */
export interface TypedCell {
  line: number;
  start: number;
  end: number;
  kind: CellKind;
}

/**
 * The cells of the section's tables (its own and its subsections') whose kind a header or a Type cell
 * names, by line. A column headed with a kind ("SHA-256", "Domain") names it for every cell below; a
 * cell of a column the schema's `x-columns` calls `type` ("Type", "Kind") names it for the cells of its
 * row's `indicator` columns ("Indicator", "Value"). Cells of `context` columns are never typed.
 */
export function typedCellsByLine(section: Section, sectionSpec: SectionSpec): Map<number, TypedCell[]> {
  const byLine = new Map<number, TypedCell[]>();
  for (const container of [section, ...section.subsections]) {
    for (const table of container.tables) {
      for (const cell of typedCells(table, sectionSpec)) {
        const cells = byLine.get(cell.line) ?? [];
        cells.push(cell);
        byLine.set(cell.line, cells);
      }
    }
  }
  return byLine;
}

/** Each column's role by the schema's `x-columns`, and the indicator kind its header names (never for a `context` column). */
function columnsOf(table: Table, sectionSpec: SectionSpec): { roles: (string | undefined)[]; headerKinds: (CellKind | undefined)[] } {
  const roles = table.header.cells.map((cell) => sectionSpec.columnRole(cell.text));
  const headerKinds = table.header.cells.map((cell, index) => (roles[index] === 'context' ? undefined : iocKindOfName(cell.text)));
  return { roles, headerKinds };
}

function typedCells(table: Table, sectionSpec: SectionSpec): TypedCell[] {
  const { roles, headerKinds } = columnsOf(table, sectionSpec);
  const typeColumn = roles.indexOf('type');
  const typed: TypedCell[] = [];
  for (const row of table.rows) {
    const rowKind = typeColumn >= 0 && row.cells[typeColumn] ? iocKindOfName(row.cells[typeColumn].text) : undefined;
    row.cells.forEach((cell, index) => {
      const kind = headerKinds[index] ?? (roles[index] === 'indicator' ? rowKind : undefined);
      if (!kind || cell.range.end.character <= cell.range.start.character) return;
      typed.push({ line: cell.range.start.line, start: cell.range.start.character, end: cell.range.end.character, kind });
    });
  }
  return typed;
}

/** A body row of an indicator table, as the outline lists it. */
export interface IocTableRow {
  /** Its first non-empty indicator cell (a column `x-columns` calls `indicator`, or one headed with a kind); else the first of them, empty (zero-width at the row's end when the row has no such cell). */
  indicator: TableCell;
  /** What the row says the indicator is: its Type cell, else the header of the indicator's column when that names a kind ("SHA-256"); '' when neither. */
  type: string;
  /** Its non-empty `context` cells ("Context", "First Seen"), in column order. */
  context: TableCell[];
  range: Range;
}

/**
 * The body rows of the section's indicator tables (its own and its subsections'), in source order: tables
 * with an `indicator` column or a column headed with a kind. Blank rows are left out, and so are the rows of
 * a key/value table that the section reads as fields (an extension giving the section the `table` dialect).
 */
export function iocTableRows(section: Section, sectionSpec: SectionSpec): IocTableRow[] {
  const found: IocTableRow[] = [];
  for (const container of [section, ...section.subsections]) {
    for (const table of container.tables) {
      if (readsFieldTables(sectionSpec) && tableFields(table, sectionSpec).length > 0) continue;
      const { roles, headerKinds } = columnsOf(table, sectionSpec);
      const indicatorColumns = roles.flatMap((role, index) => (role === 'indicator' || headerKinds[index] ? [index] : []));
      if (indicatorColumns.length === 0) continue;
      const typeColumn = roles.indexOf('type');
      for (const row of table.rows) {
        if (row.cells.every((cell) => cell.text === '')) continue; // a blank row
        const column = indicatorColumns.find((index) => (row.cells[index]?.text ?? '') !== '') ?? indicatorColumns[0];
        const typeCell = typeColumn >= 0 ? row.cells[typeColumn] : undefined;
        const headerKind = headerKinds[column] ? table.header.cells[column].text : '';
        found.push({
          indicator: row.cells[column] ?? { text: '', range: { start: row.range.end, end: row.range.end } },
          type: typeCell && typeCell.text !== '' ? typeCell.text : headerKind,
          context: row.cells.filter((cell, index) => roles[index] === 'context' && cell.text !== ''),
          range: row.range,
        });
      }
    }
  }
  return found;
}
