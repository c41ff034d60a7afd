import { iocKindOfName } from '../iocs/typedIocs';
import type { IocType } from '../iocs/scanIocs';
import type { Section, Table } from '../model/modelTypes';
import type { SectionSpec } from '../schema/reportSpec';

/** A table cell whose indicator kind the table names, on one line (`start`/`end`: its characters). */
export interface TypedCell {
  line: number;
  start: number;
  end: number;
  kind: IocType;
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

function typedCells(table: Table, sectionSpec: SectionSpec): TypedCell[] {
  const roles = table.header.cells.map((cell) => sectionSpec.columnRole(cell.text));
  const headerKinds = table.header.cells.map((cell, index) => (roles[index] === 'context' ? undefined : iocKindOfName(cell.text)));
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
