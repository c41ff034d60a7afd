/**
 * Findings about how one date value was written, beside the date rules of dateRules.ts: a zone-like name
 * that is no zone ("Europe/Londn"), and a range that ends before it starts.
 */
import { describeRange } from '../dates/describeDate';
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
