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

const DAY_MS = 86_400_000;

/**
 * Days from 1970-01-01 to a day of the proleptic Gregorian calendar, by arithmetic (no Date object: this
 * runs for every date read). Months and days out of range carry over, as Date.UTC does.
 */
export function daysFromCivil(year: number, month: number, day: number): number {
  const monthIndex = month - 1;
  let y = year + Math.floor(monthIndex / 12);
  const m = monthIndex - 12 * Math.floor(monthIndex / 12) + 1;
  if (m <= 2) y--;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * ((m + 9) % 12) + 2) / 5) + day - 1; // from March 1
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** UTC milliseconds of a wall-clock time read as UTC; correct for years 0-99 too (unlike Date.UTC). */
export function wallClockMs(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, millisecond = 0): number {
  return daysFromCivil(year, month, day) * DAY_MS + ((hour * 60 + minute) * 60 + second) * 1000 + millisecond;
}

/** 0 = Sunday. */
export function weekdayOf(year: number, month: number, day: number): number {
  const days = daysFromCivil(year, month, day);
  return (((days + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
}

/** Day of month of the `ordinal`th Sunday (-1: the last). */
export function nthSunday(year: number, month: number, ordinal: number): number {
  const first = 1 + ((7 - weekdayOf(year, month, 1)) % 7);
  if (ordinal > 0) return first + 7 * (ordinal - 1);
  return first + 28 <= daysInMonth(year, month) ? first + 28 : first + 21;
}
