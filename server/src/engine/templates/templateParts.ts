import type { FieldSpec } from '../schema/reportSpec';

/** A template line: literal text and holes for the writer to fill (tab stops in a snippet). */
export type TemplatePart = string | { hole: string };
export type TemplateLine = TemplatePart[];

/**
 * The one form of template text: `[TODO: what to write]`, a bracketed request for content that the
 * placeholder rule reports (warning) until it is replaced. Every hole of a new report, a snippet, an added
 * section or field is one, so that nothing inserted reads like a fact: no example indicator, no date, no
 * `N/A`. Brackets and line breaks in `what` (a schema's description) would end it early: they become
 * parentheses and spaces.
 */
export function todo(what: string): { hole: string } {
  const text = what.replace(/\[/g, '(').replace(/\]/g, ')').replace(/\s+/g, ' ').trim().replace(/\.$/, '');
  return { hole: `[TODO: ${text}]` };
}

/** The hole for a field's value: the date form for a date, else what the field holds (its title). */
export function fieldHole(field: FieldSpec): { hole: string } {
  if (field.kind === 'date') return todo('YYYY-MM-DD');
  if (field.kind === 'datetime') return todo('YYYY-MM-DD HH:MM UTC');
  return todo(field.title.toLowerCase());
}

/** The hole for a timeline phase's name (a phase heading or a table row's phase cell). */
export const PHASE_HOLE = todo('phase name');

/** The hole for an ATT&CK tactic's row: the writer says which techniques, or N/A; the template does not. */
export const TACTIC_HOLE = todo('techniques used, or N/A');
