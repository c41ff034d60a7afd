import { reportWritesDayFirst } from '../dates/numericOrder';
import { placeholderAt } from '../placeholders/scanPlaceholders';
import { sectionFields } from '../queries/sectionFields';
import { certainlyAfter, certainlyBefore } from '../dates/dateBounds';
import { headingZone } from '../dates/headingZone';
import { parseReportDate, type ParsedDate } from '../dates/parseDate';
import type { ZoneInfo } from '../dates/timeZones';
import { timelineEntries, type TimelineEntry } from '../queries/timelineEntries';
import type { Range } from '../types';
import type { FieldSpec } from '../schema/reportSpec';
import type { Rule, RuleContext, RuleMeta } from './ruleTypes';
import { readAs, reportAmbiguousOrder, reportBackwards, reportUnknownZone, orderNote } from './dateFindings';

export const dateRuleMeta: readonly RuleMeta[] = [
  { id: 'date-invalid', family: 'dates', defaultSeverity: 'error', summary: 'A date that cannot exist (June 31, February 29 in a common year, hour 25).' },
  { id: 'date-unparseable', family: 'dates', defaultSeverity: 'warning', summary: 'A date field whose value is not a date.' },
  { id: 'date-discovery-before-incident', family: 'dates', defaultSeverity: 'error', summary: 'The incident was discovered before it began.' },
  { id: 'timeline-order', family: 'dates', defaultSeverity: 'warning', summary: 'Timeline phases are not in chronological order.' },
  { id: 'date-range-backwards', family: 'dates', defaultSeverity: 'warning', summary: 'A date or time range that ends before it starts.' },
  {
    id: 'date-order-ambiguous',
    family: 'dates',
    defaultSeverity: 'info',
    summary: 'A numeric date such as 05/08/2026 in a report that writes both day-first and month-first dates and sets no order.',
  },
  { id: 'date-future', family: 'dates', defaultSeverity: 'warning', summary: 'A date of the incident that lies after the time of the check.' },
];

const DATE_KINDS = new Set(['date', 'datetime']);
/** Values that honestly say "no date": not a mistake. */
const NO_DATE = /^(?:unknown|n\/?a|not (?:yet )?(?:known|applicable|determined)|undetermined|ongoing|pending|none)\b/i;
/**
 * Template leftovers are the placeholder rule's to report, once: these, and in the report text (which that
 * rule reads, unlike the front matter) any value that starts with a placeholder.
 */
const PLACEHOLDER_VALUE = /^(?:TBD|TBC|TODO|FIXME|XXX|\{\{|\[|YYYY|MM\/DD|DD\/MM)/;

interface DatedValue {
  label: string;
  spec: FieldSpec;
  date: ParsedDate;
  range: Range;
  /** For timeline phases: the phase heading; for timeline entries (table rows, dated bullets): their title. */
  phase?: string;
  /** A timeline entry rather than a phase. */
  entry?: boolean;
  /** Its zone, when not written, is its table column header's ("Time (UTC)"). */
  zoneFromColumn?: boolean;
  /** The date as messages quote it when it is not the text of its range (a date cell and a time cell). */
  shown?: string;
}

/** Date fields come from the schema (x-kind date/datetime); nothing here names a field. */
export const dateRule: Rule = {
  meta: dateRuleMeta,
  check(context: RuleContext) {
    const { model, spec } = context;
    const dated: DatedValue[] = [];
    let zone: ZoneInfo | undefined;
    // The label is made only for a date field: most fields are not, and every field is read.
    const read = (key: string, inFrontMatter: boolean, fieldSpec: FieldSpec | undefined, valueRange: Range, phase?: string) => {
      if (!fieldSpec?.kind || !DATE_KINDS.has(fieldSpec.kind)) return;
      const label = inFrontMatter ? `Front matter field '${key}'` : `Field '${key}'`;
      const date = readDate(context, label, fieldSpec, valueRange, zone);
      if (date) dated.push({ label, spec: fieldSpec, date: date.date, range: date.range, phase });
    };
    for (const entry of model.frontMatter?.entries ?? []) read(entry.key, true, spec.findFrontMatterField(entry.key), entry.valueRange);
    const timeline: DatedValue[] = [];
    for (const section of model.sections) {
      const sectionSpec = spec.sectionOf(section);
      if (!sectionSpec) continue;
      zone = headingZone(section.heading.text);
      for (const field of sectionFields(section, sectionSpec)) read(field.key, false, sectionSpec.findField(field.key), field.valueRange);
      const phases: DatedValue[] = [];
      for (const subsection of section.subsections) {
        const before = dated.length;
        for (const field of subsection.fields) read(field.key, false, sectionSpec.findSubsectionField(field.key), field.valueRange, subsection.heading.text);
        if (sectionSpec.kind === 'timeline' && dated.length > before) phases.push(dated[before]);
      }
      if (sectionSpec.kind !== 'timeline') continue;
      const dateSpec = sectionSpec.subsectionFields.find((field) => field.kind !== undefined && DATE_KINDS.has(field.kind));
      const entries: DatedValue[] = [];
      for (const entry of timelineEntries(model.lines, section, sectionSpec)) {
        if (!dateSpec) break;
        const withTime = readWithTime(context, entry);
        if (withTime === 'reported') continue;
        const date = withTime ?? readDate(context, entryLabel(entry), dateSpec, entry.dateRange, entry.zone);
        if (!date) continue;
        const name = entryName(entry);
        const value: DatedValue = { label: `Timeline entry '${name}'`, spec: dateSpec, date: date.date, range: date.range, phase: name, entry: true };
        if (entry.zoneFromColumn) value.zoneFromColumn = true;
        if (withTime) value.shown = entry.dateText;
        entries.push(value);
      }
      dated.push(...entries);
      // Phases and entries in the order they are written.
      timeline.push(...[...phases, ...entries].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character));
    }
    checkDiscoveryOrder(context, dated);
    checkTimelineOrder(context, timeline);
    const now = context.now.getTime();
    for (const value of dated) {
      if (certainlyAfter(value.date, now)) {
        context.report(
          'date-future',
          value.range,
          `${value.label} is in the future: '${shownText(context, value)}'${readAs(context, value.date)}${readIn(value.date, value.zoneFromColumn)} is after ${context.now.toISOString().slice(0, 10)}, when this check ran`,
        );
      }
    }
  },
};

/** " (in EST as its section's heading says)" for a date whose zone comes from the heading (or its table column's header). */
function readIn(date: ParsedDate, fromColumn = false): string {
  return date.zoneFromContext ? ` (in ${date.zone} as its ${fromColumn ? 'column header' : "section's heading"} says)` : '';
}

function readDate(
  context: RuleContext,
  label: string,
  fieldSpec: FieldSpec,
  valueRange: Range,
  zone: ZoneInfo | undefined,
): { date: ParsedDate; range: Range } | undefined {
  const { lines } = context.model;
  const base = lines.offsetAt(valueRange.start);
  const text = lines.text.slice(base, lines.offsetAt(valueRange.end));
  const value = text.trim().replace(/^["']/, '');
  if (value === '' || NO_DATE.test(value) || PLACEHOLDER_VALUE.test(value)) return undefined;
  if (!context.model.verbatimLines.has(valueRange.start.line) && placeholderAt(value, 0)) return undefined;
  // The report's numeric order is read (a scan of the whole text) only for a value that holds a numeric date.
  const result = parseReportDate(text, zone, () => reportWritesDayFirst(lines));
  const rangeOf = (start: number, end: number) => lines.rangeOf(base + start, base + end);
  if (result.kind === 'invalid') {
    context.report('date-invalid', rangeOf(result.start, result.end), `Impossible date '${text.slice(result.start, result.end)}': ${result.reason}`);
    return undefined;
  }
  if (result.kind === 'none') {
    const example = fieldSpec.example ? ` such as ${fieldSpec.example}` : '';
    context.report('date-unparseable', valueRange, `${label} should be a date${example}; '${truncate(text)}' is not one`);
    return undefined;
  }
  reportUnknownZone(context, result.date, label, rangeOf);
  reportBackwards(context, result.date, label, rangeOf, orderNote(context, result.date));
  const range = rangeOf(result.date.start, result.date.end);
  if (reportAmbiguousOrder(context, result.date, range, text.slice(result.date.start, result.date.end))) return undefined;
  return { date: result.date, range };
}

function checkDiscoveryOrder(context: RuleContext, dated: readonly DatedValue[]): void {
  const discovered = dated.find((value) => value.spec.dateRole === 'discovered' && value.phase === undefined);
  const began = dated.find((value) => value.spec.dateRole === 'began' && value.phase === undefined);
  if (!discovered || !began || !certainlyBefore(discovered.date, began.date)) return;
  context.report(
    'date-discovery-before-incident',
    discovered.range,
    `The incident was discovered ('${sliceOf(context, discovered.range)}'${readAs(context, discovered.date)}) before it began ('${sliceOf(context, began.range)}'${readAs(context, began.date)}): check both dates`,
    { began: sliceOf(context, began.range) },
  );
}

/**
 * Each dated phase must not be certainly earlier than a phase listed before it. Comparing with the
 * phase whose interval starts latest suffices; it is tracked separately for dates with and without a
 * zone because their comparison tolerances differ. Linear, for timelines of thousands of phases.
 */
/**
 * The timeline's phases and entries in the order written, against the order they happened. The ones out of
 * place are those outside a longest run in chronological order (keeping the earlier-listed ones on a
 * tie), so one mistyped date is one finding at that date, not one at each entry after it. Each is reported
 * against its nearest neighbour in that run that it certainly happened before (or after).
 */
function checkTimelineOrder(context: RuleContext, phases: readonly DatedValue[]): void {
  const kept = inOrder(phases.map((value) => value.date.earliest));
  const label = (value: DatedValue) =>
    `'${value.phase}' ('${shownText(context, value)}'${readAs(context, value.date)}${readIn(value.date, value.zoneFromColumn)})`;
  // The next kept value after each index, found in one pass from the end.
  const nextKept = new Array<DatedValue | undefined>(phases.length);
  for (let index = phases.length - 1, next: DatedValue | undefined; index >= 0; index--) {
    nextKept[index] = next;
    if (kept.has(index)) next = phases[index];
  }
  let previous: DatedValue | undefined;
  for (let index = 0; index < phases.length; index++) {
    const current = phases[index];
    if (kept.has(index)) {
      previous = current;
      continue;
    }
    const noun = current.entry ? 'Entry' : 'Phase';
    const list = `list ${current.entry ? 'the timeline' : 'phases'} in chronological order`;
    if (previous && certainlyBefore(current.date, previous.date)) {
      context.report('timeline-order', current.range, `${noun} ${label(current)} is listed after ${label(previous)} but happened before it: ${list}`, {
        before: previous.phase,
      });
      continue;
    }
    const next = nextKept[index];
    if (next && certainlyBefore(next.date, current.date)) {
      context.report('timeline-order', current.range, `${noun} ${label(current)} is listed before ${label(next)} but happened after it: ${list}`);
    }
  }
}

/**
 * The indices of a longest non-decreasing run of `keys` (patience sorting, O(n log n)). Scanned from the
 * end with the order reversed, so that between runs of one length the earlier-listed elements are kept.
 */
function inOrder(keys: readonly number[]): Set<number> {
  const tails: number[] = []; // tails[k]: index ending the best run of length k + 1 (from the end: non-increasing)
  const link = new Array<number>(keys.length).fill(-1);
  for (let index = keys.length - 1; index >= 0; index--) {
    let low = 0;
    let high = tails.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (keys[tails[middle]] >= keys[index]) low = middle + 1;
      else high = middle;
    }
    link[index] = low > 0 ? tails[low - 1] : -1;
    tails[low] = index;
  }
  const kept = new Set<number>();
  for (let index = tails.length > 0 ? tails[tails.length - 1] : -1; index >= 0; index = link[index]) kept.add(index);
  return kept;
}

/**
 * A table row's date as its context completes it: its date cell and time cell read together ("2026-07-16"
 * and "14:10"), reported from the date cell to the time cell, and a cell without a year or day read with
 * the one its header or an earlier row gives (timelineEntries.ts). 'reported' for an impossible date;
 * undefined when there is nothing to complete (the date cell is then read alone).
 */
function readWithTime(context: RuleContext, entry: TimelineEntry): { date: ParsedDate; range: Range } | 'reported' | undefined {
  if (!entry.time && !entry.completed) return undefined;
  const result = parseReportDate(entry.dateText, entry.zone, entry.dayFirst);
  const last = entry.time?.range ?? entry.dateRange;
  if (result.kind === 'invalid') {
    context.report('date-invalid', last, `Impossible date '${entry.dateText}'${completedFrom(entry)}: ${result.reason}`);
    return 'reported';
  }
  if (result.kind !== 'date' || (result.date.precision === 'day' && !entry.completed)) return undefined;
  return { date: result.date, range: { start: entry.dateRange.start, end: last.end } };
}

/** ", read with the year of the column header" and the like: how a completed table date was read. */
function completedFrom(entry: TimelineEntry): string {
  if (entry.completed === 'year') return ' (the year taken from the column header or an earlier row)';
  return entry.completed === 'day' ? ' (the day taken from an earlier row)' : '';
}

function shownText(context: RuleContext, value: DatedValue): string {
  return value.shown ?? sliceOf(context, value.range);
}

/** The label of an entry's date in date-unparseable: "Column 'Time (UTC)' of row 'Resignation'", "Timeline entry '…'". */
function entryLabel(entry: TimelineEntry): string {
  return entry.dialect === 'table' ? `The date of timeline row '${entryName(entry)}'` : `Timeline entry '${entryName(entry)}'`;
}

/** What an entry is called in messages: its title, else its details (shortened), else its date. */
function entryName(entry: TimelineEntry): string {
  return truncate(entry.title || entry.details || entry.dateText);
}

function sliceOf(context: RuleContext, range: Range): string {
  const { lines } = context.model;
  return lines.text.slice(lines.offsetAt(range.start), lines.offsetAt(range.end));
}

function truncate(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > 50 ? `${oneLine.slice(0, 47)}…` : oneLine;
}
