/**
 * Dates as messages say how they were read: "5 August 2026", "March 5, 2026 22:30", in the order the
 * report writes its dates, so that a writer can see which reading the checks used.
 */
import { MONTH_NAMES } from './calendar';
import type { DateReading, DateStyle, ParsedDate } from './parseDate';

const twoDigits = (value: number) => String(value).padStart(2, '0');

/** "5 August 2026" (or "August 5, 2026" for a month-first style), with " 14:00" when a time was written. */
export function describeReading(reading: DateReading, style?: DateStyle): string {
  const month = MONTH_NAMES[reading.month - 1];
  const day = style === 'month-day-year' ? `${month} ${reading.day}, ${reading.year}` : `${reading.day} ${month} ${reading.year}`;
  return reading.hour === undefined ? day : `${day} ${twoDigits(reading.hour)}:${twoDigits(reading.minute ?? 0)}`;
}

/** Both ends of a range; the day once when both ends are on it ("1 June 2026 14:00 to 13:00"). */
export function describeRange(from: DateReading, to: DateReading, style?: DateStyle): string {
  const sameDay = from.year === to.year && from.month === to.month && from.day === to.day;
  if (sameDay && to.hour !== undefined) return `${describeReading(from, style)} to ${twoDigits(to.hour)}:${twoDigits(to.minute ?? 0)}`;
  return `${describeReading(from, style)} to ${describeReading(to, style)}`;
}

/** "21:30 UTC" for an instant (UTC ms), with the day when it differs from `day`: "2026-03-06 01:30 UTC". */
export function describeUtc(instant: number, withDay: boolean): string {
  const iso = new Date(instant).toISOString();
  return `${withDay ? `${iso.slice(0, 10)} ` : ''}${iso.slice(11, 16)} UTC`;
}

const QUALIFIER_WORDS: Partial<Record<ParsedDate['qualifier'], string>> = { before: 'no later than ', after: 'no earlier than ', approximate: 'about ' };

/** A UTC instant as a reading: its day and time in UTC. */
function utcReading(instant: number): DateReading {
  const date = new Date(instant);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(), hour: date.getUTCHours(), minute: date.getUTCMinutes() };
}

/**
 * What a parsed date was read as, in words: "5 August 2026", "no later than 14 August 2026", "5 March 2026
 * 21:30 UTC" (a time with a zone, in UTC), "1 June 2026 09:00 to 11:30", "June 2026". Undefined when the
 * parser kept no reading.
 */
export function describeParsed(date: ParsedDate): string | undefined {
  const { reading, style } = date;
  if (!reading) return undefined;
  const qualifier = QUALIFIER_WORDS[date.qualifier] ?? '';
  if (date.precision === 'year') return `${qualifier}${reading.year}`;
  if (date.precision === 'month') return `${qualifier}${MONTH_NAMES[reading.month - 1]} ${reading.year}`;
  const zoned = reading.hour !== undefined && date.zone !== undefined && !date.backwards;
  const from = zoned ? utcReading(date.earliest) : reading;
  const to = zoned && date.readingTo ? utcReading(Math.floor(date.latest / 60_000) * 60_000) : date.readingTo;
  const text = to ? describeRange(from, to, style) : describeReading(from, style);
  return `${qualifier}${text}${zoned ? ' UTC' : ''}`;
}
