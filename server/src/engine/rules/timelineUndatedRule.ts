import { parseReportDate } from '../dates/parseDate';
import type { ContentContainer, Field, Section } from '../model/modelTypes';
import { timelineEntries } from '../queries/timelineEntries';
import type { FieldSpec, SectionSpec } from '../schema/reportSpec';
import type { Rule, RuleContext, RuleMeta } from './ruleTypes';

const meta: readonly RuleMeta[] = [
  {
    id: 'timeline-undated',
    family: 'dates',
    defaultSeverity: 'info',
    summary: 'A timeline phase with no date at all, or a timeline table row with an empty date cell: its place in the order cannot be checked.',
  },
];

const DATE_KINDS = new Set(['date', 'datetime']);
/** A key or value that says the phase did not happen: "N/A", "None", "Unknown", "Not applicable". */
const SAYS_NOTHING_HAPPENED = /^(?:n\/?a|none|unknown|not (?:yet )?(?:known|applicable|determined|observed)|undetermined)\b/i;

/**
 * `timeline-undated`: a phase of the timeline (an H3 of the section the schema marks `x-kind: timeline`)
 * whose fields and text hold no date at all. The order rule skips such a phase without a word, so this
 * says so, at `info`: a phase can legitimately have no date of its own (what followed the discovery). A
 * phase that only says N/A, or that has a date field at all, gets nothing here.
 */
export const timelineUndatedRule: Rule = {
  meta,
  check(context: RuleContext) {
    const { model, spec } = context;
    for (const section of model.sections) {
      const sectionSpec = spec.sectionOf(section);
      if (sectionSpec?.kind !== 'timeline') continue;
      const dateField = sectionSpec.subsectionFields.find((field) => field.kind !== undefined && DATE_KINDS.has(field.kind));
      for (const phase of section.subsections) {
        if (saysNothingHappened(phase.fields, sectionSpec) || hasAnyDate(context, phase)) continue;
        const name = phase.heading.text.trim() || '(untitled)';
        context.report('timeline-undated', phase.heading.textRange, messageFor(name, dateField));
      }
      checkRows(context, section, sectionSpec);
    }
  },
};

/** A row of a timeline table whose date cell is empty (a cell that says 'Unknown' or N/A is an answer). */
function checkRows(context: RuleContext, section: Section, sectionSpec: SectionSpec): void {
  for (const entry of timelineEntries(context.model.lines, section, sectionSpec)) {
    if (entry.dialect !== 'table' || entry.dateText !== '') continue;
    const header = entry.dateHeader ?? 'date';
    const name = entry.title || entry.details;
    const row = name ? `Row '${name.length > 50 ? `${name.slice(0, 47)}…` : name}'` : 'A row';
    context.report(
      'timeline-undated',
      entry.range,
      `${row} has no date, so its place in the timeline cannot be checked: fill in its '${header}' cell (write 'Unknown' when it is not known)`,
    );
  }
}

function messageFor(phase: string, dateField: FieldSpec | undefined): string {
  const where = dateField ? `add a **${dateField.title}:** field` : 'give it a date';
  return `Phase '${phase}' has no date, so its place in the timeline cannot be checked: ${where} (write 'Unknown' when it is not known)`;
}

/**
 * The phase answers the question already: it has a date field (whatever its value: an unknown, empty or
 * unreadable date is another rule's, or honest), or every field says N/A (as a key, like `**N/A:** …`, or
 * as a value).
 */
function saysNothingHappened(fields: readonly Field[], sectionSpec: SectionSpec): boolean {
  if (fields.length === 0) return false;
  const hasDateField = fields.some((field) => {
    const fieldSpec = sectionSpec.findSubsectionField(field.key);
    return fieldSpec?.kind !== undefined && DATE_KINDS.has(fieldSpec.kind);
  });
  return hasDateField || fields.every((field) => SAYS_NOTHING_HAPPENED.test(field.key.trim()) || SAYS_NOTHING_HAPPENED.test(field.value.trim()));
}

/** A day written without its year ("on October 8", "8 Oct."): a date to a reader of the report, though not one the order check can use. */
const MONTH =
  '(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\\.?|Feb\\.?|Mar\\.?|Apr\\.?|Jun\\.?|Jul\\.?|Aug\\.?|Sept?\\.?|Oct\\.?|Nov\\.?|Dec\\.?)';
const DAY_WITHOUT_YEAR = new RegExp(`\\b(?:${MONTH} \\d{1,2}(?:st|nd|rd|th)?\\b|\\d{1,2}(?:st|nd|rd|th)? ${MONTH}(?![a-z]))`);

const HAS_DIGIT = /\d/;

/**
 * Whether the phase's text, below its heading, holds a date expression (valid or not: an invalid one is
 * reported elsewhere), or a day written without its year.
 */
function hasAnyDate(context: RuleContext, phase: ContentContainer): boolean {
  const { lines } = context.model;
  const start = lines.offsetAt({ line: phase.heading.range.end.line + 1, character: 0 });
  const end = lines.offsetAt(phase.range.end);
  if (end <= start) return false;
  const text = lines.text.slice(start, end);
  // Every date expression, and every day without its year, writes a digit: a text without one holds none.
  if (!HAS_DIGIT.test(text)) return false;
  return DAY_WITHOUT_YEAR.test(text) || parseReportDate(text).kind !== 'none';
}
