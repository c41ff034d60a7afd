/**
 * Clock times in report dates: "05:00", "05:00:30.123", "5 AM", "5:00 p.m.", military "1430Z", each with an
 * optional zone (timeZones.ts). Reads a bounded number of characters from where it starts.
 */
import { isDigitAt, skipSpaces } from './dateLexer';
import { isLetterAt } from '../text/chars';
import { type ZoneInfo, readZone } from './timeZones';

/** A clock time with its zone, if any. `error` (a reason) marks an impossible time or offset, ending at `errorEnd`. */
export interface ClockTime {
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  /** Length in ms of the time's last written unit: 60 000 for a minute, 1 for milliseconds. */
  span: number;
  precision: 'minute' | 'second';
  end: number;
  zone?: ZoneInfo;
  error?: string;
  errorEnd?: number;
}

/**
 * A clock time at `start`: "05:00", "05:00:30.123", "5 AM", "5:00 p.m.", then an optional zone. Four or six digits
 * ("1430", "143000") are military time and need a zone or "hrs" unless they follow an ISO "T".
 * `iso`: an attached "-07:00" is an offset, as in ISO 8601; elsewhere it starts a range ("05:00-07:00").
 */
export function readClock(text: string, start: number, iso: boolean, afterT: boolean): ClockTime | undefined {
  let digitsEnd = start;
  while (isDigitAt(text, digitsEnd)) digitsEnd++;
  const digitCount = digitsEnd - start;
  if (digitCount === 0 || (digitCount > 2 && digitCount !== 4 && digitCount !== 6) || (!afterT && isLetterAt(text, start - 1))) return undefined;
  const twoDigitsAt = (index: number) => isDigitAt(text, index) && isDigitAt(text, index + 1) && !isDigitAt(text, index + 2);
  const clock: ClockTime = {
    hour: +text.slice(start, start + Math.min(digitCount, 2)),
    minute: 0,
    second: 0,
    millisecond: 0,
    span: 60_000,
    precision: 'minute',
    end: digitsEnd,
  };
  const fail = (reason: string) => {
    if (!clock.error) [clock.error, clock.errorEnd] = [reason, clock.end];
  };
  /** Seconds end at `secondsEnd`; an optional fraction follows (milliseconds, further digits ignored). */
  const readSecondsEnd = (secondsEnd: number) => {
    [clock.precision, clock.span, clock.end] = ['second', 1000, secondsEnd];
    if (text[secondsEnd] !== '.' || !isDigitAt(text, secondsEnd + 1)) return;
    let fractionEnd = secondsEnd + 1;
    while (isDigitAt(text, fractionEnd)) fractionEnd++;
    const fraction = text.slice(secondsEnd + 1, Math.min(fractionEnd, secondsEnd + 4));
    [clock.millisecond, clock.span, clock.end] = [+fraction.padEnd(3, '0'), 10 ** (3 - fraction.length), fractionEnd];
  };
  let hasColon = false;
  let needsZone = false;
  if (digitCount > 2) {
    clock.minute = +text.slice(start + 2, start + 4);
    if (digitCount === 6) {
      clock.second = +text.slice(start + 4, start + 6);
      readSecondsEnd(digitsEnd);
    }
    const unitStart = skipSpaces(text, clock.end);
    let unitEnd = unitStart;
    while (isLetterAt(text, unitEnd)) unitEnd++;
    if (/^(hrs|hours|h)$/i.test(text.slice(unitStart, unitEnd))) clock.end = unitEnd;
    else needsZone = !afterT;
  } else if (text[digitsEnd] === ':' && twoDigitsAt(digitsEnd + 1)) {
    [clock.minute, clock.end, hasColon] = [+text.slice(digitsEnd + 1, digitsEnd + 3), digitsEnd + 3, true];
    if (text[digitsEnd + 3] === ':' && twoDigitsAt(digitsEnd + 4)) {
      clock.second = +text.slice(digitsEnd + 4, digitsEnd + 6);
      readSecondsEnd(digitsEnd + 6);
    }
  }
  const meridiemStart = skipSpaces(text, clock.end);
  // Only an `a` or a `p` (either case) starts one: most times are read without a slice, a copy and a regex.
  const initial = text.charCodeAt(meridiemStart) | 0x20;
  const meridiem = initial === 0x61 || initial === 0x70 ? /^([ap])(\.?)m\2/.exec(text.slice(meridiemStart, meridiemStart + 4).toLowerCase()) : null;
  const meridiemEnd = meridiem ? meridiemStart + meridiem[0].length : meridiemStart;
  if (meridiem && meridiemStart - clock.end <= 1 && !isLetterAt(text, meridiemEnd) && !isDigitAt(text, meridiemEnd)) {
    const isPm = meridiem[1] === 'p';
    clock.end = meridiemEnd;
    if (clock.hour > 12 || (clock.hour === 0 && isPm)) fail('with AM/PM, hours run from 1 to 12');
    clock.hour = (clock.hour % 12) + (isPm ? 12 : 0);
  } else if (!hasColon && digitCount <= 2) return undefined;
  if (clock.hour > 23) fail('hours run from 0 to 23');
  if (clock.minute > 59) fail('minutes run from 0 to 59');
  if (clock.second > 59) fail('seconds run from 0 to 59');
  const zoneStart = skipSpaces(text, clock.end);
  const zone = readZone(text, zoneStart, iso || zoneStart > clock.end);
  if (needsZone && !(zone && isLetterAt(text, zoneStart))) return undefined; // "1430Z", "1430 UTC"; not "2026-06" (a date)
  if (zone) {
    clock.zone = zone.zone;
    clock.end = zone.end;
    if (zone.error) fail(zone.error);
  }
  return clock;
}
