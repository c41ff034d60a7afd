/**
 * Primitives for the report date parser (parseDate.ts): a small lexer, clock times, zones and calendar
 * arithmetic. Pure and table-driven: no Intl time-zone data, so results do not depend on the Node build or
 * the machine's zone.
 */

/** A zone as written in a report. `offset` is minutes east of UTC; for `usRule` zones it is the standard offset. */
export interface ZoneInfo {
  name: string;
  offset: number;
  /** ET/CT/MT/PT: add an hour while US daylight saving time is in effect on the local date and time. */
  usRule?: boolean;
}

export interface ZoneRead {
  zone: ZoneInfo;
  end: number;
  /** Set when the text is clearly an offset but an impossible one, e.g. "+25:00". */
  error?: string;
}

/**
 * Abbreviations with one fixed offset. Ambiguous abbreviations take the meaning incident reports most often
 * intend: CST = US Central (not China), IST = India (not Ireland or Israel), BST = British Summer Time.
 */
const FIXED: Record<string, number> = {
  utc: 0, gmt: 0, ut: 0, z: 0, wet: 0, west: 60, cet: 60, cest: 120, bst: 60, eet: 120, eest: 180, msk: 180,
  ist: 330, sgt: 480, hkt: 480, awst: 480, jst: 540, kst: 540, acst: 570, acdt: 630, aest: 600, aedt: 660,
  nzst: 720, nzdt: 780, hst: -600, akst: -540, akdt: -480, pst: -480, pdt: -420, mst: -420, mdt: -360,
  cst: -360, cdt: -300, est: -300, edt: -240,
};
/** Generic US zones: standard offset, daylight time computed from the date. */
const US_RULE: Record<string, number> = { et: -300, ct: -360, mt: -420, pt: -480 };

export const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September',
  'October', 'November', 'December'];
export const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
/** Lower-case month names and abbreviations ("sep", "sept") → 1-12; weekday names and abbreviations → 0-6. */
export const MONTHS = new Map<string, number>([['sept', 9]]);
MONTH_NAMES.forEach((m, i) => MONTHS.set(m.toLowerCase(), i + 1).set(m.slice(0, 3).toLowerCase(), i + 1));
export const WEEKDAYS = new Map<string, number>([['tues', 2], ['thur', 4], ['thurs', 4]]);
WEEKDAY_NAMES.forEach((w, i) => WEEKDAYS.set(w.toLowerCase(), i).set(w.slice(0, 3).toLowerCase(), i));
export type Ymd = { y: number; mo: number; d: number };

export const isDigitAt = (t: string, i: number): boolean => { const c = t.charCodeAt(i); return c >= 48 && c <= 57; };
export const isLetterAt = (t: string, i: number): boolean => {
  const c = t.charCodeAt(i);
  if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) return true;
  return c > 127 && /\p{L}/u.test(t[i]);
};

/**
 * Reads a zone starting exactly at `p`: "UTC", "Z", "ET", "(UTC)", "UTC+2", "GMT-05:30", "+02:00", "-0500", "+02".
 * `allowMinus` is false where a directly attached "-" means a range ("05:00-07:00"), not an offset.
 */
export function readZone(t: string, p: number, allowMinus: boolean): ZoneRead | undefined {
  let q = p;
  const paren = t[q] === '(';
  if (paren) q++;
  let name: string;
  let offset = 0;
  let usRule = false;
  let error: string | undefined;
  if (isLetterAt(t, q)) {
    let e = q;
    while (isLetterAt(t, e)) e++;
    const word = t.slice(q, e).toLowerCase();
    if ((word === 'utc' || word === 'gmt' || word === 'ut') && isSign(t[e])) {
      const off = readOffset(t, e, true);
      if (!off) return undefined;
      ({ offset, error } = off);
      e = off.end;
    } else if (word in FIXED) offset = FIXED[word];
    else if (word in US_RULE) [offset, usRule] = [US_RULE[word], true];
    else return undefined;
    name = t.slice(q, e);
    q = e;
  } else if (isSign(t[q]) && (allowMinus || t[q] === '+' || paren)) {
    const off = readOffset(t, q, false);
    if (!off) return undefined;
    if (!paren && t[q] === '-' && zoneFollows(t, off.end)) return undefined; // "05:00-07:00 UTC" is a time range
    ({ offset, error } = off);
    name = t.slice(q, off.end);
    q = off.end;
  } else return undefined;
  if (paren) {
    if (t[q] !== ')') return undefined;
    q++;
  }
  if (isLetterAt(t, q) || isDigitAt(t, q)) return undefined;
  return { zone: usRule ? { name, offset, usRule } : { name, offset }, end: q, error };
}

/** Whether a zone name follows after spaces at `p`. */
function zoneFollows(t: string, p: number): boolean {
  let q = p;
  while (t[q] === ' ' || t[q] === '\t') q++;
  return q > p && isLetterAt(t, q) && readZone(t, q, false) !== undefined;
}

const PHRASE_PARTS = new Map<string, string[]>();

/** Scanning helpers over one text, for the date grammar in parseDate.ts. */
export class Lexer {
  constructor(protected readonly t: string) {}

  protected digits(p: number): number { while (isDigitAt(this.t, p)) p++; return p; }
  protected word(p: number): number { while (isLetterAt(this.t, p)) p++; return p; }
  protected lower(p: number, e: number): string { return this.t.slice(p, e).toLowerCase(); }
  protected alnum(p: number): boolean { return isDigitAt(this.t, p) || isLetterAt(this.t, p); }
  /** Spaces and tabs, plus at most one line break when `lines` (dates wrap in Markdown paragraphs; times do not). */
  protected ws(p: number, lines = true): number {
    for (let breaks = lines ? 0 : 1; ;) {
      const c = this.t[p];
      if (c === ' ' || c === '\t' || c === '\u00a0') p++;
      else if ((c === '\n' || c === '\r') && breaks++ === 0) p += c === '\r' && this.t[p + 1] === '\n' ? 2 : 1;
      else return p;
    }
  }
  protected endOk(p: number): boolean {
    return !this.alnum(p) && !('.:/-'.includes(this.t[p] ?? 'x') && isDigitAt(this.t, p + 1));
  }
  /** End of `phrase` (lower case; a space matches spaces) at p, or -1. */
  protected phrase(p: number, phrase: string): number {
    if ((this.t.charCodeAt(p) | 0x20) !== phrase.charCodeAt(0)) return -1;
    let e = p, parts = PHRASE_PARTS.get(phrase);
    if (!parts) PHRASE_PARTS.set(phrase, (parts = phrase.split(' ')));
    for (const part of parts) {
      if (e > p) { const s = this.ws(e, false); if (s === e) return -1; e = s; }
      if (this.lower(e, e + part.length) !== part) return -1;
      e += part.length;
      if (part.charCodeAt(part.length - 1) >= 97 && isLetterAt(this.t, e)) return -1;
    }
    return e;
  }
  protected num(p: number, min: number, max: number): { v: number; end: number } | undefined {
    const e = this.digits(p);
    return e - p >= min && e - p <= max ? { v: +this.t.slice(p, e), end: e } : undefined;
  }
}

/** Spaces, tabs and no-break spaces; never a line break. */
export function skipSpaces(t: string, p: number): number {
  while (t[p] === ' ' || t[p] === '\t' || t[p] === '\u00a0') p++;
  return p;
}

/** A clock time with its zone, if any. `error` (a reason) marks an impossible time or offset, ending at `errorEnd`. */
export interface Clock {
  h: number; mi: number; s: number; ms: number;
  /** Length in ms of the time's last written unit: 60 000 for a minute, 1 for milliseconds. */
  span: number;
  prec: 'minute' | 'second'; end: number; zone?: ZoneInfo; error?: string; errorEnd?: number;
}

/**
 * A clock time at `p`: "05:00", "05:00:30.123", "5 AM", "5:00 p.m.", then an optional zone. Four or six digits
 * ("1430", "143000") are military time and need a zone or "hrs" unless they follow an ISO "T".
 * `iso`: an attached "-07:00" is an offset, as in ISO 8601; elsewhere it starts a range ("05:00-07:00").
 */
export function readClock(t: string, p: number, iso: boolean, afterT: boolean): Clock | undefined {
  let a = p;
  while (isDigitAt(t, a)) a++;
  const n = a - p;
  if (n === 0 || (n > 2 && n !== 4 && n !== 6) || (!afterT && isLetterAt(t, p - 1))) return undefined;
  const two = (i: number) => isDigitAt(t, i) && isDigitAt(t, i + 1) && !isDigitAt(t, i + 2);
  const c: Clock = { h: +t.slice(p, p + Math.min(n, 2)), mi: 0, s: 0, ms: 0, span: 60_000, prec: 'minute', end: a };
  const fail = (reason: string) => { if (!c.error) [c.error, c.errorEnd] = [reason, c.end]; };
  const seconds = (e: number) => {
    [c.prec, c.span, c.end] = ['second', 1000, e];
    if (t[e] !== '.' || !isDigitAt(t, e + 1)) return;
    let f = e + 1;
    while (isDigitAt(t, f)) f++;
    const frac = t.slice(e + 1, Math.min(f, e + 4));
    [c.ms, c.span, c.end] = [+frac.padEnd(3, '0'), 10 ** (3 - frac.length), f];
  };
  let colon = false, needZone = false;
  if (n > 2) {
    c.mi = +t.slice(p + 2, p + 4);
    if (n === 6) { c.s = +t.slice(p + 4, p + 6); seconds(a); }
    let w = skipSpaces(t, c.end);
    const unitStart = w;
    while (isLetterAt(t, w)) w++;
    if (/^(hrs|hours|h)$/i.test(t.slice(unitStart, w))) c.end = w;
    else needZone = !afterT;
  } else if (t[a] === ':' && two(a + 1)) {
    [c.mi, c.end, colon] = [+t.slice(a + 1, a + 3), a + 3, true];
    if (t[a + 3] === ':' && two(a + 4)) { c.s = +t.slice(a + 4, a + 6); seconds(a + 6); }
  }
  const s = skipSpaces(t, c.end), m = /^([ap])(\.?)m\2/.exec(t.slice(s, s + 4).toLowerCase());
  if (m && s - c.end <= 1 && !isLetterAt(t, s + m[0].length) && !isDigitAt(t, s + m[0].length)) {
    const pm = m[1] === 'p';
    c.end = s + m[0].length;
    if (c.h > 12 || (c.h === 0 && pm)) fail('with AM/PM, hours run from 1 to 12');
    c.h = (c.h % 12) + (pm ? 12 : 0);
  } else if (!colon && n <= 2) return undefined;
  if (c.h > 23) fail('hours run from 0 to 23');
  if (c.mi > 59) fail('minutes run from 0 to 59');
  if (c.s > 59) fail('seconds run from 0 to 59');
  const zs = skipSpaces(t, c.end), z = readZone(t, zs, iso || zs > c.end);
  if (needZone && !(z && isLetterAt(t, zs))) return undefined; // "1430Z", "1430 UTC"; not "2026-06" (a date)
  if (z) {
    c.zone = z.zone;
    c.end = z.end;
    if (z.error) fail(z.error);
  }
  return c;
}

function isSign(c: string | undefined): boolean {
  return c === '+' || c === '-' || c === '\u2212';
}

/** "+02:00", "-0500", "+02", and after UTC/GMT also "+2", "+5:30". */
function readOffset(t: string, p: number, short: boolean) {
  const sign = t[p] === '+' ? 1 : -1;
  let e = p + 1;
  while (isDigitAt(t, e)) e++;
  const n = e - p - 1;
  let hours: number;
  let minutes = 0;
  if (n === 4) [hours, minutes] = [+t.slice(p + 1, p + 3), +t.slice(p + 3, e)];
  else if (n === 2 || (short && n === 1)) {
    hours = +t.slice(p + 1, e);
    if (t[e] === ':' && isDigitAt(t, e + 1) && isDigitAt(t, e + 2) && !isDigitAt(t, e + 3)) {
      minutes = +t.slice(e + 1, e + 3);
      e += 3;
    }
  } else return undefined;
  const error = hours > 14 || minutes > 59 || (hours === 14 && minutes > 0)
    ? 'UTC offsets run from -12:00 to +14:00' : undefined;
  return { offset: sign * (hours * 60 + minutes), end: e, error };
}

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** Why y-mo-d is no calendar date, in a report writer's words; undefined when it is one. */
export function calendarError(y: number, mo: number, d: number): string | undefined {
  if (mo < 1 || mo > 12) return `there is no month ${mo}`;
  const dim = daysInMonth(y, mo);
  if (d < 1) return 'days of the month start at 1';
  if (d <= dim) return undefined;
  if (mo !== 2) return `${MONTH_NAMES[mo - 1]} has ${dim} days`;
  if (d === 29) return `${y} is not a leap year: February has 28 days`;
  return `February has ${dim} days in ${y}${dim === 29 ? ' (a leap year)' : ''}`;
}

export function daysInMonth(y: number, mo: number): number {
  return mo === 2 ? (isLeapYear(y) ? 29 : 28) : [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1];
}

/** UTC milliseconds of a wall-clock time read as UTC; correct for years 0-99 too (unlike Date.UTC). */
export function wallMs(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0): number {
  const date = new Date(Date.UTC(2000, 0, 1, h, mi, s, ms));
  date.setUTCFullYear(y, mo - 1, d);
  return date.getTime();
}

/** 0 = Sunday. */
export function weekdayOf(y: number, mo: number, d: number): number {
  return new Date(wallMs(y, mo, d)).getUTCDay();
}

/** Day of month of the nth Sunday (n = -1: the last). */
function sunday(y: number, mo: number, n: number): number {
  const first = 1 + ((7 - weekdayOf(y, mo, 1)) % 7);
  if (n > 0) return first + 7 * (n - 1);
  return first + 28 <= daysInMonth(y, mo) ? first + 28 : first + 21;
}

/** [start month, day, end month, day] of US daylight time: 2007 on, 1987-2006, and before 1987 (1974-75 ignored). */
function usDstDays(y: number): [number, number, number, number] {
  if (y >= 2007) return [3, sunday(y, 3, 2), 11, sunday(y, 11, 1)];
  if (y >= 1987) return [4, sunday(y, 4, 1), 10, sunday(y, 10, -1)];
  return [4, sunday(y, 4, -1), 10, sunday(y, 10, -1)];
}

/**
 * Whether US daylight time applies to a local wall time (minutes after midnight). Changes happen at 02:00.
 * The skipped hour (02:00-02:59 on the spring day) reads as standard time, like Temporal's "compatible";
 * the repeated hour (01:00-01:59 on the autumn day) is daylight time for the earliest reading and
 * standard time for the latest, so a range covers both instants.
 */
export function usDaylight(y: number, mo: number, d: number, wallMinutes: number, latest: boolean): boolean {
  const [sm, sd, em, ed] = usDstDays(y);
  const key = mo * 100 + d;
  if (key < sm * 100 + sd || key > em * 100 + ed) return false;
  if (key === sm * 100 + sd) return wallMinutes >= 180;
  if (key === em * 100 + ed) return wallMinutes < 60 || (wallMinutes < 120 && !latest);
  return true;
}

/** The UTC instant of a wall time in `zone` (UTC when undefined). `latest` picks the later reading of a repeated hour. */
export function toInstant(
  zone: ZoneInfo | undefined, latest: boolean, y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0,
): number {
  let offset = zone ? zone.offset : 0;
  if (zone?.usRule && usDaylight(y, mo, d, h * 60 + mi + s / 60, latest)) offset += 60;
  return wallMs(y, mo, d, h, mi, s, ms) - offset * 60_000;
}

/** [earliest, latest] instants of a year, month or day (through `to` for a range), or of a clock time on `from`. */
export function spanOf(
  zone: ZoneInfo | undefined, prec: 'year' | 'month' | 'day', from: Ymd, to: Ymd, time?: Clock,
): [number, number] {
  if (time) {
    const at = (latest: boolean) => toInstant(zone, latest, from.y, from.mo, from.d, time.h, time.mi, time.s, time.ms);
    return [at(false), at(true) + time.span - 1];
  }
  const lastMo = prec === 'year' ? 12 : to.mo, lastD = prec === 'day' ? to.d : daysInMonth(to.y, lastMo);
  return [toInstant(zone, false, from.y, from.mo, from.d), toInstant(zone, true, to.y, lastMo, lastD, 23, 59, 59, 999)];
}
