import { parseReportDate, type DayFirst } from '../dates/parseDate';
import { splitQualifier } from '../schema/headingNames';

/**
 * Timeline dates completed from their context, as a reader completes them: a day written without a year
 * takes the year of its column header, its heading or the last entry that wrote one; a time alone takes
 * the day of the last entry that wrote one (timelineEntries.ts).
 */

/** What earlier rows and the header say about the days of a table's rows. */
export interface DayContext {
  /** The year of the date column's header ("Date (2021)"), else of the last row that wrote one. */
  year?: string;
  /** The day of the last row that wrote one, as written ("Oct 31, 2021", "2026-06-01"). */
  day?: string;
  /** The report writes numeric dates day first (a function: asked only when a numeric date is read). */
  dayFirst: DayFirst;
}

/** Longest date cell completed from its context: a day and a time, not a sentence. */
export const MAX_COMPLETED_CELL = 64;
/** Most white-space-separated words of a date cell tried as its leading day ("2026-06-01 05:00 UTC" → "2026-06-01"). */
const DAY_PREFIX_WORDS = 6;

/**
 * The date cell's text completed from its context when it is not a date by itself: a day without a year
 * ("Oct 31", "31 Oct", "10/31") takes the year, a time alone ("21:34", "9:05 PM") the last row's day. The
 * context is updated from each row that writes a day. Undefined: the cell is read as written.
 */
export function completeDate(text: string, context: DayContext): { text: string; completed: 'year' | 'day' } | undefined {
  if (text === '') return undefined;
  const alone = parseReportDate(text, undefined, context.dayFirst);
  if (alone.kind === 'date') {
    const day = leadingDay(text, context.dayFirst);
    if (day) [context.day, context.year] = [day, yearOf(day) ?? context.year];
    return undefined;
  }
  if (alone.kind === 'invalid') return undefined;
  if (text.length > MAX_COMPLETED_CELL) return undefined;
  const withYear = context.year ? withYearAdded(text, context.year, context.dayFirst) : undefined;
  if (withYear) {
    const day = leadingDay(withYear, context.dayFirst);
    if (day) context.day = day;
    return { text: withYear, completed: 'year' };
  }
  if (context.day && /^\d/.test(text)) {
    const candidate = `${context.day} ${text}`;
    const result = parseReportDate(candidate, undefined, context.dayFirst);
    if (result.kind !== 'none' && (result.kind === 'invalid' || (result.date.end === candidate.length && result.date.precision !== 'day')))
      return { text: candidate, completed: 'day' };
  }
  return undefined;
}

/**
 * The cell's text with `year` written after its leading day ("Oct 31" → "Oct 31, 2021", "3 June 09:00" →
 * "3 June 2021 09:00", "10/31" → "10/31/2021"), when that makes all of it one date.
 */
export function withYearAdded(text: string, year: string, dayFirst: DayFirst): string | undefined {
  const words = text.split(/\s+/, DAY_PREFIX_WORDS);
  for (let count = Math.min(words.length, 3); count > 0; count--) {
    const day = words.slice(0, count).join(' ');
    const rest = text.slice(text.indexOf(words[count - 1]) + words[count - 1].length);
    // "Oct 31, 2021" but "31 Oct 2021": the comma only after a month written first.
    const joins = /^\p{L}/u.test(day) ? [`${day}, ${year}`, `${day} ${year}`] : [`${day} ${year}`, `${day}/${year}`];
    for (const joined of joins) {
      const candidate = `${joined}${rest}`;
      const result = parseReportDate(candidate, undefined, dayFirst);
      if (result.kind === 'date' && result.date.start === 0 && result.date.end === candidate.length && result.date.precision !== 'year') return candidate;
      // "Sep 31" under "Date (2023)": an impossible day, which date-invalid explains, not an unreadable cell.
      if (result.kind === 'invalid' && result.start === 0 && /^\p{L}+\.? \d|^\d+ \p{L}/u.test(text)) return candidate;
    }
  }
  return undefined;
}

/** The longest run of leading words of `text` that is a date of one day. */
export function leadingDay(text: string, dayFirst: DayFirst): string | undefined {
  const words = text.split(/\s+/, DAY_PREFIX_WORDS);
  for (let count = words.length; count > 0; count--) {
    const prefix = words.slice(0, count).join(' ');
    if (isDay(prefix, dayFirst)) return prefix;
  }
  return undefined;
}

/** A four-digit year written in a day's text. */
export function yearOf(day: string): string | undefined {
  return /(?:^|\D)((?:19|20)\d\d)(?!\d)/.exec(day)?.[1];
}

/** The year a section heading's qualifier names: "Timeline of Events (November 2025, all times UTC)". */
export function headingYear(heading: string): string | undefined {
  const qualifier = splitQualifier(heading)?.qualifier;
  return qualifier ? yearOf(qualifier) : undefined;
}

/** The year a date column's header gives its days: "Date (2021)", "Date – 2021". */
export function headerYear(header: string): string | undefined {
  const qualifier = splitQualifier(header)?.qualifier;
  return qualifier && /^(?:19|20)\d\d$/.test(qualifier.trim()) ? qualifier.trim() : undefined;
}

/** The text is a date of one day, without a time. */
export function isDay(text: string, dayFirst: DayFirst): boolean {
  const result = parseReportDate(text, undefined, dayFirst);
  return result.kind === 'date' && result.date.precision === 'day' && !result.date.range;
}
