/**
 * Findings about how one date value was written, beside the date rules of dateRules.ts: a zone-like name
 * that is no zone ("Europe/Londn"), and a range that ends before it starts.
 */
import { describeParsed, describeRange, describeReading } from '../dates/describeDate';
import { reportNumericOrder } from '../dates/numericOrder';
import type { ParsedDate } from '../dates/parseDate';
import type { Range } from '../types';
import type { RuleContext } from './ruleTypes';

type RangeOf = (start: number, end: number) => Range;

/** A zone-like name that is no zone ("Europe/Londn"): reported on the name, with the nearest real zone; the date is read without a zone. */
export function reportUnknownZone(context: RuleContext, date: ParsedDate, label: string, rangeOf: RangeOf): void {
  const unknown = date.unknownZone;
  if (!unknown) return;
  const suggestion = unknown.suggestion ? ` (did you mean ${unknown.suggestion}?)` : '';
  context.report(
    'date-unparseable',
    rangeOf(unknown.start, unknown.end),
    `${label}: '${unknown.name}' is not a time zone${suggestion}; the time is read without a zone, as if it could be in any zone from UTC-12 to UTC+14`,
  );
}

/** A range whose end is before its start: reported on the whole range, saying both ends as read; the date is read as its start. */
export function reportBackwards(context: RuleContext, date: ParsedDate, label: string, rangeOf: RangeOf, how = ''): void {
  const backwards = date.backwards;
  if (!backwards) return;
  const range = rangeOf(date.start, date.end);
  const { lines } = context.model;
  const written = lines.text.slice(lines.offsetAt(range.start), lines.offsetAt(range.end));
  context.report(
    'date-range-backwards',
    range,
    `${label} is a range that ends before it starts: '${written}' read as ${describeRange(backwards.from, backwards.to, date.style)}${how}; only its start is used: swap the two ends or correct one`,
  );
}

/** "line 12" for an offset of the report text. */
function lineOf(context: RuleContext, offset: number): string {
  return `line ${context.model.lines.positionAt(offset).line + 1}`;
}

/**
 * Why an ambiguous numeric date (05/08/2026) was read in its order: " (day first, as in 28/07/2026 on line 12)",
 * " (day first, set by dateOrder in the front matter)"; empty for a date that can be read one way only.
 */
export function orderNote(context: RuleContext, date: ParsedDate): string {
  if (!date.ambiguousOrder) return '';
  const order = reportNumericOrder(context.model.lines);
  const first = order.dayFirst ? 'day first' : 'month first';
  if (order.source === 'front matter') return ` (${first}, set by dateOrder in the front matter)`;
  if (order.source === 'configuration') return ` (${first}, set by dates.order in the configuration)`;
  if (order.example) return ` (${first}, as in ${order.example.text} on ${lineOf(context, order.example.offset)})`;
  if (order.mixed) return ` (${first} for want of a better reading: this report writes both orders)`;
  return ` (${first}, the default: no date of the report can only be day first)`;
}

/** " read as 5 August 2026 (day first, as in 28/07/2026 on line 12)": how a date's value was read, for messages. */
export function readAs(context: RuleContext, date: ParsedDate): string {
  const described = describeParsed(date);
  return described ? ` read as ${described}${orderNote(context, date)}` : '';
}

/**
 * An ambiguous numeric date in a report that writes both orders and sets none: it could be either reading, so
 * it is reported and (true) left out of the order and future checks rather than compared month first.
 */
export function reportAmbiguousOrder(context: RuleContext, date: ParsedDate, range: Range, written: string): boolean {
  const mixed = date.ambiguousOrder ? reportNumericOrder(context.model.lines).mixed : undefined;
  const reading = date.reading;
  if (!mixed || !reading) return false;
  const read = { year: reading.year, month: reading.month, day: reading.day };
  const swapped = { year: reading.year, month: reading.day, day: reading.month };
  const [dayFirst, monthFirst] = reportNumericOrder(context.model.lines).dayFirst ? [read, swapped] : [swapped, read];
  context.report(
    'date-order-ambiguous',
    range,
    `'${written}' can be ${describeReading(dayFirst)} (day first) or ${describeReading(monthFirst, 'month-day-year')} (month first): this report writes dates that can only be day first (${mixed.dayFirst.text} on ${lineOf(context, mixed.dayFirst.offset)}) and dates that can only be month first (${mixed.monthFirst.text} on ${lineOf(context, mixed.monthFirst.offset)}), so it is read month first; write ${isoOf(dayFirst)} or ${isoOf(monthFirst)}, or set dateOrder: dmy or mdy in the front matter`,
  );
  return true;
}

function isoOf(reading: { year: number; month: number; day: number }): string {
  return `${reading.year}-${String(reading.month).padStart(2, '0')}-${String(reading.day).padStart(2, '0')}`;
}
