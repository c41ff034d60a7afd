/**
 * Gregorian calendar helpers for the report date parser: month and weekday names, leap years, month
 * lengths, weekdays and wall-clock milliseconds. Pure arithmetic: no Intl data, no machine time zone.
 */

/** A calendar day: month 1-12, day 1-31. */
export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

export const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
export const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Lower-case month names and abbreviations ("sep", "sept") → 1-12. */
export const MONTH_BY_NAME = new Map<string, number>([['sept', 9]]);
MONTH_NAMES.forEach((name, index) => MONTH_BY_NAME.set(name.toLowerCase(), index + 1).set(name.slice(0, 3).toLowerCase(), index + 1));
/** Lower-case weekday names and abbreviations → 0-6 (0 = Sunday). */
export const WEEKDAY_BY_NAME = new Map<string, number>([
  ['tues', 2],
  ['thur', 4],
  ['thurs', 4],
]);
WEEKDAY_NAMES.forEach((name, index) => WEEKDAY_BY_NAME.set(name.toLowerCase(), index).set(name.slice(0, 3).toLowerCase(), index));

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return month === 2 ? (isLeapYear(year) ? 29 : 28) : [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

/** Why year-month-day is no calendar date, in a report writer's words; undefined when it is one. */
export function calendarError(year: number, month: number, day: number): string | undefined {
  if (month < 1 || month > 12) return `there is no month ${month}`;
  const monthLength = daysInMonth(year, month);
  if (day < 1) return 'days of the month start at 1';
  if (day <= monthLength) return undefined;
  if (month !== 2) return `${MONTH_NAMES[month - 1]} has ${monthLength} days`;
  if (day === 29) return `${year} is not a leap year: February has 28 days`;
  return `February has ${monthLength} days in ${year}${monthLength === 29 ? ' (a leap year)' : ''}`;
}

/** UTC milliseconds of a wall-clock time read as UTC; correct for years 0-99 too (unlike Date.UTC). */
export function wallClockMs(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, millisecond = 0): number {
  const date = new Date(Date.UTC(2000, 0, 1, hour, minute, second, millisecond));
  date.setUTCFullYear(year, month - 1, day);
  return date.getTime();
}

/** 0 = Sunday. */
export function weekdayOf(year: number, month: number, day: number): number {
  return new Date(wallClockMs(year, month, day)).getUTCDay();
}

/** Day of month of the `ordinal`th Sunday (-1: the last). */
export function nthSunday(year: number, month: number, ordinal: number): number {
  const first = 1 + ((7 - weekdayOf(year, month, 1)) % 7);
  if (ordinal > 0) return first + 7 * (ordinal - 1);
  return first + 28 <= daysInMonth(year, month) ? first + 28 : first + 21;
}
