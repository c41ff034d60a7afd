import type { TacticData } from '../attack/catalogTypes';
import type { SectionSpec } from '../schema/reportSpec';
import { fieldHole, PHASE_HOLE, TACTIC_HOLE, todo, type TemplateLine, type TemplatePart } from './templateParts';

/**
 * The table flavour of the skeleton (`templates.style: tables`), derived from the schema alone: a section
 * is written as a table when its `x-dialects` has `table` and its `x-columns` names a header for every
 * column its reader takes; each header is the first the schema lists for its role. Every other section
 * keeps its bullet flavour.
 */

/**
 * The column roles a section's table is read by, by the section's kind: an ATT&CK mapping's tactic and
 * technique (queries/methodologyRows.ts), a timeline's date, phase and details (queries/timelineEntries.ts),
 * a field section's key and value (model/tableFields.ts).
 */
function tableRoles(section: SectionSpec): readonly string[] {
  if (section.kind === 'attack-tactics') return ['tactic', 'technique'];
  if (section.kind === 'timeline') return ['date', 'title', 'details'];
  if (section.fields.length > 0) return ['key', 'value'];
  return [];
}

/** The header of each column of the section's table, in role order; undefined when the schema gives the section no table. */
export function tableHeaders(section: SectionSpec): string[] | undefined {
  const roles = tableRoles(section);
  if (roles.length === 0 || !section.dialects.includes('table')) return undefined;
  // The first header of the role that reads back as that role (an extension may list one header under two roles).
  const headers = roles.map((role) => section.columns[role]?.find((header) => header.trim() !== '' && section.columnRole(header) === role));
  return headers.every((header) => header !== undefined) ? headers : undefined;
}

/** The section's body as a table (header, delimiter row, rows), or undefined when the schema gives it no table. */
export function tableBody(section: SectionSpec, tactics: readonly TacticData[]): TemplateLine[] | undefined {
  const headers = tableHeaders(section);
  if (!headers) return undefined;
  const head: TemplateLine[] = [[row(headers.map(cellText))], [`|${headers.map(() => '---').join('|')}|`]];
  if (section.kind === 'attack-tactics') return [...head, ...tactics.map((tactic) => cells([cellText(tactic.name), TACTIC_HOLE]))];
  if (section.kind === 'timeline') return [...head, timelineCells(section, headers)];
  return [...head, ...section.fields.map((field) => cells([cellText(field.title), cellHole(fieldHole(field))]))];
}

/** One row of the section's timeline table (holes for the phase's date, its name, its details), or undefined when the schema gives it no table. */
export function timelineRow(section: SectionSpec): TemplateLine | undefined {
  const headers = section.kind === 'timeline' ? tableHeaders(section) : undefined;
  return headers && timelineCells(section, headers);
}

function timelineCells(section: SectionSpec, headers: readonly string[]): TemplateLine {
  const roles = tableRoles(section);
  return cells(
    headers.map((header, index) => {
      if (roles[index] === 'title') return PHASE_HOLE;
      const field = section.findSubsectionField(header);
      if (field) return cellHole(fieldHole(field));
      return roles[index] === 'date' ? todo('YYYY-MM-DD HH:MM UTC') : cellHole(todo(header.toLowerCase()));
    }),
  );
}

function row(texts: readonly string[]): string {
  return `| ${texts.join(' | ')} |`;
}

/** `| a | b |` with holes for cells. */
function cells(parts: readonly TemplatePart[]): TemplateLine {
  const line: TemplateLine = [];
  parts.forEach((part, index) => line.push(index === 0 ? '| ' : ' | ', part));
  line.push(' |');
  return line;
}

/** A pipe in a cell's text would end the cell. */
function cellText(text: string): string {
  return text.replace(/\|/g, '\\|');
}

function cellHole(part: TemplatePart): TemplatePart {
  return typeof part === 'string' ? part : { hole: cellText(part.hole) };
}
