/**
 * Time zones as written in incident reports ("UTC", "ET", "(CEST)", "UTC+2", "-05:00"), US daylight saving
 * time, and the UTC instants of wall-clock times and calendar spans in a zone. Abbreviations and offsets are
 * table-driven; IANA names ("Europe/Berlin") use the runtime's Intl zone data (ianaZones.ts). Nothing
 * depends on the machine's own zone.
 */
import { type CalendarDate, daysInMonth, nthSunday, wallClockMs } from './calendar';
import type { ClockTime } from './clockTime';
import { isDigitAt, isSign } from './dateLexer';
import { isLetterAt } from '../text/chars';
import { ianaInstant, readIanaName } from './ianaZones';

/** A zone as written in a report. `offset` is minutes east of UTC; for `usRule` zones it is the standard offset. */
export interface ZoneInfo {
  name: string;
  offset: number;
  /** ET/CT/MT/PT: add an hour while US daylight saving time is in effect on the local date and time. */
  usRule?: boolean;
  /** An IANA zone ("Europe/Berlin"): its canonical name; the offset comes from the runtime's zone data for each date (ianaZones.ts). */
  iana?: string;
  /** A zone-like name that is no IANA zone ("Europe/Londn"), where it is written and the nearest real zone: the date is reported, not read in it. */
  unknown?: { start: number; end: number; suggestion?: string };
}

interface ZoneRead {
  zone: ZoneInfo;
  end: number;
  /** Set when the text is clearly an offset but an impossible one, e.g. "+25:00". */
  error?: string;
}

/**
 * Abbreviations with one fixed offset. Ambiguous abbreviations take the meaning incident reports most often
 * intend: CST = US Central (not China), IST = India (not Ireland or Israel), BST = British Summer Time.
 */
const FIXED_OFFSETS: Record<string, number> = {
  utc: 0,
  gmt: 0,
  ut: 0,
  z: 0,
  wet: 0,
  west: 60,
  cet: 60,
  cest: 120,
  bst: 60,
  eet: 120,
  eest: 180,
  msk: 180,
  ist: 330,
  sgt: 480,
  hkt: 480,
  awst: 480,
  jst: 540,
  kst: 540,
  acst: 570,
  acdt: 630,
  aest: 600,
  aedt: 660,
  nzst: 720,
  nzdt: 780,
  hst: -600,
  akst: -540,
  akdt: -480,
  pst: -480,
  pdt: -420,
  mst: -420,
  mdt: -360,
  cst: -360,
  cdt: -300,
  est: -300,
  edt: -240,
};
/** Generic US zones: standard offset, daylight time computed from the date. */
const US_RULE_OFFSETS: Record<string, number> = { et: -300, ct: -360, mt: -420, pt: -480 };

/**
 * Reads a zone starting exactly at `start`: "UTC", "Z", "ET", "(UTC)", "UTC+2", "GMT-05:30", "+02:00", "-0500", "+02".
 * `allowMinus` is false where a directly attached "-" means a range ("05:00-07:00"), not an offset.
 */
export function readZone(text: string, start: number, allowMinus: boolean): ZoneRead | undefined {
  let position = start;
  const inParentheses = text[position] === '(';
  if (inParentheses) position++;
  let name: string;
  let offset = 0;
  let usRule = false;
  let error: string | undefined;
  const iana = isLetterAt(text, position) ? readIanaName(text, position) : undefined;
  if (iana) {
    const zone: ZoneInfo = iana.canonical
      ? { name: iana.name, offset: 0, iana: iana.canonical }
      : { name: iana.name, offset: 0, unknown: { start: position, end: iana.end, suggestion: iana.suggestion } };
    position = iana.end;
    if (inParentheses) {
      if (text[position] !== ')') return undefined;
      position++;
    }
    return isLetterAt(text, position) || isDigitAt(text, position) ? undefined : { zone, end: position };
  }
  if (isLetterAt(text, position)) {
    let end = position;
    while (isLetterAt(text, end)) end++;
    const word = text.slice(position, end).toLowerCase();
    if ((word === 'utc' || word === 'gmt' || word === 'ut') && isSign(text[end])) {
      const read = readOffset(text, end, true);
      if (!read) return undefined;
      ({ offset, error } = read);
      end = read.end;
    } else if (word in FIXED_OFFSETS) offset = FIXED_OFFSETS[word];
    else if (word in US_RULE_OFFSETS) [offset, usRule] = [US_RULE_OFFSETS[word], true];
    else return undefined;
    name = text.slice(position, end);
    position = end;
  } else if (isSign(text[position]) && (allowMinus || text[position] === '+' || inParentheses)) {
    const read = readOffset(text, position, false);
    if (!read) return undefined;
    if (!inParentheses && text[position] === '-' && zoneFollows(text, read.end)) return undefined; // "05:00-07:00 UTC" is a time range
    ({ offset, error } = read);
    name = text.slice(position, read.end);
    position = read.end;
  } else return undefined;
  if (inParentheses) {
    if (text[position] !== ')') return undefined;
    position++;
  }
  if (isLetterAt(text, position) || isDigitAt(text, position)) return undefined;
  return { zone: usRule ? { name, offset, usRule } : { name, offset }, end: position, error };
}

/** Whether a zone name follows after spaces at `start`. */
function zoneFollows(text: string, start: number): boolean {
  let position = start;
  while (text[position] === ' ' || text[position] === '\t') position++;
  return position > start && isLetterAt(text, position) && readZone(text, position, false) !== undefined;
}

/** "+02:00", "-0500", "+02", and after UTC/GMT (`short`) also "+2", "+5:30". */
function readOffset(text: string, signAt: number, short: boolean) {
  const sign = text[signAt] === '+' ? 1 : -1;
  let end = signAt + 1;
  while (isDigitAt(text, end)) end++;
  const digitCount = end - signAt - 1;
  let hours: number;
  let minutes = 0;
  if (digitCount === 4) [hours, minutes] = [+text.slice(signAt + 1, signAt + 3), +text.slice(signAt + 3, end)];
  else if (digitCount === 2 || (short && digitCount === 1)) {
    hours = +text.slice(signAt + 1, end);
    if (text[end] === ':' && isDigitAt(text, end + 1) && isDigitAt(text, end + 2) && !isDigitAt(text, end + 3)) {
      minutes = +text.slice(end + 1, end + 3);
      end += 3;
    }
  } else return undefined;
  const error = hours > 14 || minutes > 59 || (hours === 14 && minutes > 0) ? 'UTC offsets run from -12:00 to +14:00' : undefined;
  return { offset: sign * (hours * 60 + minutes), end, error };
}

/** [start month, day, end month, day] of US daylight time: 2007 on, 1987-2006, and before 1987 (1974-75 ignored). */
function usDaylightDays(year: number): [number, number, number, number] {
  if (year >= 2007) return [3, nthSunday(year, 3, 2), 11, nthSunday(year, 11, 1)];
  if (year >= 1987) return [4, nthSunday(year, 4, 1), 10, nthSunday(year, 10, -1)];
  return [4, nthSunday(year, 4, -1), 10, nthSunday(year, 10, -1)];
}

/**
 * Whether US daylight time applies to a local wall time (minutes after midnight). Changes happen at 02:00.
 * The skipped hour (02:00-02:59 on the spring day) reads as standard time, like Temporal's "compatible";
 * the repeated hour (01:00-01:59 on the autumn day) is daylight time for the earliest reading and
 * standard time for the latest, so a range covers both instants.
 */
function usDaylight(year: number, month: number, day: number, wallMinutes: number, latest: boolean): boolean {
  const [startMonth, startDay, endMonth, endDay] = usDaylightDays(year);
  const key = month * 100 + day;
  if (key < startMonth * 100 + startDay || key > endMonth * 100 + endDay) return false;
  if (key === startMonth * 100 + startDay) return wallMinutes >= 180;
  if (key === endMonth * 100 + endDay) return wallMinutes < 60 || (wallMinutes < 120 && !latest);
  return true;
}

/** The UTC instant of a wall time in `zone` (UTC when undefined). `latest` picks the later reading of a repeated hour. */
function toInstant(
  zone: ZoneInfo | undefined,
  latest: boolean,
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
  millisecond = 0,
): number {
  if (zone?.iana) return ianaInstant(zone.iana, wallClockMs(year, month, day, hour, minute, second, millisecond), latest);
  let offset = zone ? zone.offset : 0;
  if (zone?.usRule && usDaylight(year, month, day, hour * 60 + minute + second / 60, latest)) offset += 60;
  return wallClockMs(year, month, day, hour, minute, second, millisecond) - offset * 60_000;
}

/** [earliest, latest] instants of a year, month or day (through `to` for a range), or of a clock time on `from`. */
export function spanOf(
  zone: ZoneInfo | undefined,
  precision: 'year' | 'month' | 'day',
  from: CalendarDate,
  to: CalendarDate,
  time?: ClockTime,
): [number, number] {
  if (time) {
    const at = (latest: boolean) => toInstant(zone, latest, from.year, from.month, from.day, time.hour, time.minute, time.second, time.millisecond);
    return [at(false), at(true) + time.span - 1];
  }
  const lastMonth = precision === 'year' ? 12 : to.month;
  const lastDay = precision === 'day' ? to.day : daysInMonth(to.year, lastMonth);
  return [toInstant(zone, false, from.year, from.month, from.day), toInstant(zone, true, to.year, lastMonth, lastDay, 23, 59, 59, 999)];
}
