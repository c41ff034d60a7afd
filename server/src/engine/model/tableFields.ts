import type { ReportSpec, SectionSpec } from '../schema/reportSpec';
import type { Field, ReportModel, Table, TableCell, TableRow } from './modelTypes';

/**
 * Field sections written as two-column key/value tables: a section whose schema's `x-dialects` has
 * `table` (and that is no ATT&CK tactic section, whose tables are rows of their own) reads each row
 * of such a table as a field, the first cell its key and the second its value, so every rule and
 * feature that reads fields reads these too. A table is key/value-shaped when it has two columns and
 * its header is either a key and a value column by the schema's `x-columns` (`| Field | Value |`) or
 * itself a field of the section (`| Discovery Date | 2026-06-01 |`); any other table stays a block.
 */
export function addTableFields(model: ReportModel, spec: ReportSpec): void {
  for (const section of model.sections) {
    const sectionSpec = spec.sectionOf(section);
    if (!sectionSpec || !readsFieldTables(sectionSpec)) continue;
    // The tables of its `###` headings too ("### Dates" above a table): their fields are the subsection's.
    for (const container of [section, ...section.subsections]) {
      if (container.tables.length === 0) continue;
      const fields = container.tables.flatMap((table) => tableFields(table, sectionSpec));
      if (fields.length === 0) continue;
      container.fields = [...container.fields, ...fields].sort((a, b) => a.range.start.line - b.range.start.line);
    }
  }
}

export function readsFieldTables(sectionSpec: SectionSpec): boolean {
  return sectionSpec.dialects.includes('table') && sectionSpec.kind !== 'attack-tactics';
}

/** The fields of one table: none when it is not key/value-shaped. */
export function tableFields(table: Table, sectionSpec: SectionSpec): Field[] {
  if (table.header.cells.length !== 2) return [];
  const [key, value] = table.header.cells.map((cell) => sectionSpec.columnRole(cell.text));
  const headerIsField = sectionSpec.findField(keyText(table.header.cells[0]).text) !== undefined;
  if (!headerIsField && !(key === 'key' && value === 'value')) return [];
  const rows = headerIsField ? [table.header, ...table.rows] : table.rows;
  return rows.flatMap((row) => rowField(row, row === table.header));
}

function rowField(row: TableRow, isHeader: boolean): Field[] {
  const [keyCell, valueCell] = row.cells;
  if (!keyCell || !valueCell) return [];
  const key = keyText(keyCell);
  if (!key.text) return [];
  const line = keyCell.range.start.line;
  const field: Field = {
    key: key.text,
    keyRange: { start: { line, character: key.start }, end: { line, character: key.end } },
    value: valueCell.text,
    valueRange: valueCell.range,
    range: row.range,
    inTable: isHeader ? 'header' : 'row',
  };
  return [field];
}

/** A key cell's key: without bold markers around it nor a colon after it (`**Discovery Date:**`). */
function keyText(cell: TableCell): { text: string; start: number; end: number } {
  let start = 0;
  let end = cell.text.length;
  for (const marker of ['**', '__']) {
    if (end - start > 2 * marker.length && cell.text.startsWith(marker, start) && cell.text.endsWith(marker, end)) {
      start += marker.length;
      end -= marker.length;
    }
  }
  while (end > start && (cell.text[end - 1] === ':' || cell.text[end - 1] === ' ')) end--;
  while (start < end && cell.text[start] === ' ') start++;
  const offset = cell.range.start.character;
  return { text: cell.text.slice(start, end), start: offset + start, end: offset + end };
}
