/**
 * Pure parser for the dates incident reports contain: ISO 8601, "June 1, 2026", "1 June 2026", numeric
 * 06/01/2026 and 01.06.2026, month-year, qualified and ranged dates, with times (clockTime.ts) and zones (timeZones.ts).
 * The public API and types; the grammar is a hand-written scanner (dateScanner.ts) without regex backtracking, linear in the text.
 * Never throws.
 */
import { MONTH_BY_NAME, MONTH_NAMES, WEEKDAY_BY_NAME } from './calendar';
import { isDigitAt } from './dateLexer';
import { isLetterAt } from '../text/chars';
import { QUALIFIERS_BY_FIRST_CHAR } from './dateQualifiers';
import { DateScanner } from './dateScanner';
import type { ZoneInfo } from './timeZones';

import type { DateQualifier } from './dateQualifiers';
export type { DateQualifier } from './dateQualifiers';
export type DateStyle = 'iso' | 'month-day-year' | 'day-month-year';
/** Whether numeric dates are read day first; a function is asked only when a numeric date is read (numericOrder.ts). */
export type DayFirst = boolean | (() => boolean);
export interface ParsedDate {
  /** Earliest instant the text can mean (UTC ms). For a bare date: its start in the given/assumed zone. */
  earliest: number;
  /** Latest instant (UTC ms), inclusive end: for a bare date, the end of that day; for a minute-precision time, that minute. */
  latest: number;
  precision: 'year' | 'month' | 'day' | 'minute' | 'second';
  /** Not applied to earliest/latest: "before June 1" keeps June 1's bounds. */
  qualifier: DateQualifier;
  /** As written, e.g. "ET", "UTC", "+02:00" (without parentheses). Undefined: no zone written, UTC assumed. */
  zone?: string;
  /** The canonical IANA name when the zone is one ("Europe/Berlin"; "UTC" for "Etc/UTC"). */
  iana?: string;
  /** A zone-like name after the time that is no IANA zone ("Europe/Londn"): where it is, and the nearest real zone. The date is read without a zone. */
  unknownZone?: { start: number; end: number; name: string; suggestion?: string };
  /** The (first) date as written: its day (the first of a month or year for those precisions) and its clock time, in the written zone. */
  reading?: DateReading;
  /** A range's end as written (undefined for a single date and for a backwards range, whose ends are in `backwards`). */
  readingTo?: DateReading;
  /** A range whose end is before its start ("2026-06-03 to 2026-06-01", "14:00–13:00"): both ends as written; the date is read as its start. */
  backwards?: { from: DateReading; to: DateReading };
  /** The zone was not written with the date but given by its context (its section heading's "all times EST"). */
  zoneFromContext?: boolean;
  /** Offsets (UTF-16 code units) within the input of the date expression itself, qualifier included. */
  start: number;
  end: number;
  /** Field order of the (first) date as written; undefined for month- or year-only dates. */
  style?: DateStyle;
  /** A range ("June 1–3, 2026", "05:00–07:00 UTC"): earliest is its start, latest its end. */
  range?: boolean;
  /** Numeric "a/b/yyyy" with a, b ≤ 12 and a ≠ b: read in the report's order (month first unless it writes day first) but could be the other. */
  ambiguousOrder?: boolean;
}
/** A calendar day as read, with its clock time when one was written (hour 0-23). */
export interface DateReading {
  year: number;
  month: number;
  day: number;
  hour?: number;
  minute?: number;
}
export type DateParseResult = { kind: 'date'; date: ParsedDate } | { kind: 'invalid'; reason: string; start: number; end: number } | { kind: 'none' };

/**
 * The words a date expression can start with, lower case: a qualifier's first word ("no", "approx", "mid"),
 * a month or a weekday name. Any other word cannot start one, so the scanner is not run there (most words
 * of a report): the grammar's other starts are digits and "~".
 */
const START_WORDS = new Set<string>([
  ...QUALIFIERS_BY_FIRST_CHAR.flat().map((qualifier) => /^[a-z]*/.exec(qualifier.phrase)?.[0] ?? ''),
  ...MONTH_BY_NAME.keys(),
  ...WEEKDAY_BY_NAME.keys(),
]);
START_WORDS.delete('');
const LONGEST_START_WORD = Math.max(...[...START_WORDS].map((word) => word.length));

/** The first three letters of a word, lower case, as one number: most words are rejected by it without a string being built. */
const prefixKey = (text: string, position: number) =>
  ((text.charCodeAt(position) | 0x20) << 16) | ((text.charCodeAt(position + 1) | 0x20) << 8) | (text.charCodeAt(position + 2) | 0x20);
const START_PREFIXES = new Set([...START_WORDS].filter((word) => word.length >= 3).map((word) => prefixKey(word, 0)));

/** Whether the word at `position` (a word start) is one a date expression can start with. */
function startsDateWord(text: string, position: number): boolean {
  let end = position;
  while (end - position <= LONGEST_START_WORD && isLetterAt(text, end)) end++;
  const length = end - position;
  if (length > LONGEST_START_WORD || (length >= 3 && !START_PREFIXES.has(prefixKey(text, position)))) return false;
  return START_WORDS.has(text.slice(position, end).toLowerCase());
}

function alphanumericEnd(text: string, position: number): number {
  while (isDigitAt(text, position) || isLetterAt(text, position)) position++;
  return position;
}

function scan(text: string, firstOnly: boolean, defaultZone?: ZoneInfo, dayFirst: DayFirst = false): DateParseResult[] {
  const results: DateParseResult[] = [];
  if (typeof text !== 'string') return results;
  const scanner = new DateScanner(text);
  scanner.defaultZone = defaultZone;
  scanner.dayFirst = dayFirst;
  for (let position = 0; position < text.length; position++) {
    if (text.charCodeAt(position) !== 0x7e /* ~ */) {
      const digit = isDigitAt(text, position);
      if (!digit && !isLetterAt(text, position)) continue;
      // Inside a word or number, or a word no date starts with: no start before the run's end.
      if (isDigitAt(text, position - 1) || isLetterAt(text, position - 1) || (!digit && !startsDateWord(text, position))) {
        position = alphanumericEnd(text, position) - 1;
        continue;
      }
    }
    let result: DateParseResult | undefined;
    try {
      result = scanner.readExpression(position);
    } catch {
      result = undefined;
    }
    if (!result || result.kind === 'none') continue;
    results.push(result);
    if (firstOnly) break;
    position = Math.max(position, (result.kind === 'date' ? result.date.end : result.end) - 1);
  }
  return results;
}

/**
 * The first date expression in a field value, e.g. "June 1, 2026, approx. 05:00 AM ET"; one that writes no
 * zone is read in `defaultZone` when its context gives one (see headingZone.ts); `dayFirst` reads 04/03/2026
 * as 4 March, for a report that writes its numeric dates day first (numericOrder.ts): as a function, it is
 * asked only if the text holds a numeric date.
 */
export function parseReportDate(text: string, defaultZone?: ZoneInfo, dayFirst: DayFirst = false): DateParseResult {
  return scan(text, true, defaultZone, dayFirst)[0] ?? { kind: 'none' };
}

/** Every date expression in a text, in order (only 'date' and 'invalid' results). */
export function findDates(text: string): DateParseResult[] {
  return scan(text, false);
}

/** The most frequent field order among the text's dates (ties: the first seen); numeric dates count by their order. */
export function dateStyleOf(text: string): DateStyle | undefined {
  const counts = new Map<DateStyle, number>();
  for (const result of findDates(text)) {
    if (result.kind === 'date' && result.date.style) counts.set(result.date.style, (counts.get(result.date.style) ?? 0) + 1);
  }
  let best: DateStyle | undefined;
  for (const [style, count] of counts) if (!best || count > (counts.get(best) ?? 0)) best = style;
  return best;
}

/** The date's calendar day in the machine's local zone (the user's "today"): "2026-11-27", "November 27, 2026", "27 November 2026". */
export function formatDateInStyle(date: Date, style: DateStyle): string {
  const year = date.getFullYear(),
    monthIndex = date.getMonth(),
    day = date.getDate();
  if (style === 'iso') return `${String(year).padStart(4, '0')}-${String(monthIndex + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return style === 'month-day-year' ? `${MONTH_NAMES[monthIndex]} ${day}, ${year}` : `${day} ${MONTH_NAMES[monthIndex]} ${year}`;
}
