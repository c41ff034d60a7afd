import type { FieldSpec } from '../schema/reportSpec';

/** A template line: literal text and holes for the writer to fill (tab stops in a snippet). */
export type TemplatePart = string | { hole: string };
export type TemplateLine = TemplatePart[];

/** Today, written in the form date fields take: lets the snippet fill it in when inserted. */
export const TODAY_HOLE = { hole: '$today' };

/** The hole for a field's value: today for a date, else the schema's example, else its title. */
export function fieldHole(field: FieldSpec): TemplatePart {
  return field.kind === 'date' || field.kind === 'datetime' ? TODAY_HOLE : { hole: field.example ?? field.title };
}

/** The name a new report gives its first timeline phase (a phase heading or a table row's phase cell). */
export function firstPhaseName(section: { title: string; subsectionFields: readonly FieldSpec[] }): string {
  return section.subsectionFields.length > 0 ? 'Initial Access' : section.title;
}
