/**
 * Dates as messages say how they were read: "5 August 2026", "March 5, 2026 22:30", in the order the
 * report writes its dates, so that a writer can see which reading the checks used.
 */
import { MONTH_NAMES } from './calendar';
import type { DateReading, DateStyle } from './parseDate';

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
