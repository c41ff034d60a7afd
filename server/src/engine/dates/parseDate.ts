/**
 * Pure parser for the dates incident reports contain: ISO 8601, "June 1, 2026", "1 June 2026", numeric
 * 06/01/2026 and 01.06.2026, month-year, qualified and ranged dates, with times and zones (see timeZones.ts).
 * A hand-written scanner without regex backtracking: each attempt reads a bounded number of tokens, so a text
 * scans in linear time. Never throws.
 */
import {
  type Clock, type Ymd, type ZoneInfo, Lexer, MONTHS, MONTH_NAMES, WEEKDAYS, WEEKDAY_NAMES, calendarError, isDigitAt,
  isLetterAt, readClock, readZone, spanOf, weekdayOf,
} from './timeZones';

export type DateQualifier = 'approximate' | 'before' | 'after' | 'exact';
export type DateStyle = 'iso' | 'month-day-year' | 'day-month-year';
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
  /** Offsets (UTF-16 code units) within the input of the date expression itself, qualifier included. */
  start: number;
  end: number;
  /** Field order of the (first) date as written; undefined for month- or year-only dates. */
  style?: DateStyle;
  /** A range ("June 1–3, 2026", "05:00–07:00 UTC"): earliest is its start, latest its end. */
  range?: boolean;
  /** Numeric "a/b/yyyy" with a, b ≤ 12 and a ≠ b: read as month/day (US) but could be day/month. */
  ambiguousOrder?: boolean;
}
export type DateParseResult =
  | { kind: 'date'; date: ParsedDate }
  | { kind: 'invalid'; reason: string; start: number; end: number }
  | { kind: 'none' };

type Precision = ParsedDate['precision'];
const PRECISION_RANK: Precision[] = ['second', 'minute', 'day', 'month', 'year'];

/** Bare years: 0 never, 1 only when followed by punctuation or the end ("in 2026."), 2 always ("mid-2026"). */
type YearMode = 0 | 1 | 2;
interface Qual { phrase: string; q: DateQualifier; years: YearMode; include: boolean }
const QUALS: Qual[] = ([
  ['no later than', 'before', 1], ['not later than', 'before', 1], ['no earlier than', 'after', 1],
  ['not earlier than', 'after', 1], ['prior to', 'before', 1], ['up until', 'before', 1],
  ['approximately', 'approximate', 0], ['approx.', 'approximate', 0], ['approx', 'approximate', 0],
  ['around', 'approximate', 0], ['about', 'approximate', 0], ['roughly', 'approximate', 0], ['circa', 'approximate', 1],
  ['ca.', 'approximate', 1], ['est.', 'approximate', 0], ['estimated', 'approximate', 0], ['~', 'approximate', 0],
  ['before', 'before', 1], ['by', 'before', 1], ['until', 'before', 1], ['till', 'before', 1], ['after', 'after', 1],
  ['since', 'after', 1], ['from', 'after', 1], ['early', 'approximate', 2], ['mid', 'approximate', 2],
  ['late', 'approximate', 2], ['between', 'exact', 0], ['in', 'exact', 1], ['during', 'exact', 1],
] as const).map(([phrase, q, years]) => ({ phrase, q, years, include: phrase !== 'in' && phrase !== 'during' }));
/** QUALS by the char code of their first letter, so most words are rejected with one lookup. */
const QUAL_INDEX: Qual[][] = Array.from({ length: 128 }, (_, c) => QUALS.filter((q) => q.phrase.charCodeAt(0) === c));
const TRAILING: [string, DateQualifier][] = [['or earlier', 'before'], ['or before', 'before'], ['at the latest', 'before'],
  ['or later', 'after'], ['or after', 'after'], ['at the earliest', 'after'], ['onwards', 'after'], ['onward', 'after']];
const PAREN_APPROX = new Set(['estimated', 'est.', 'est', 'approx.', 'approx', 'approximate', 'approximately', 'circa', 'ca.']);

interface Core extends Ymd {
  prec: 'year' | 'month' | 'day'; end: number; style?: DateStyle; iso?: boolean; ambiguous?: boolean; to?: Ymd;
}
interface Endpoint { c: Core; time?: Clock; until?: Clock; zone?: ZoneInfo; q?: Qual; end: number }
class Invalid { constructor(readonly reason: string, readonly end: number) {} }

class Scanner extends Lexer {
  private between = false;
  /** Read only a date, no time, zone, range or trailing words: the retry when those left a bad end. */
  private bare = false;
  /** A date right after a qualifier or range connector is exempt from the glued-number check ("late-2026", "…/2026-06-03"). */
  private exempt = -1;

  /** A number may start here: not glued to a word, nor continuing a dotted or dashed number ("1.10.06.2026", "IR-2026-0117"). */
  private startOk(p: number): boolean {
    const b = this.t[p - 1];
    if (p <= 0 || p === this.exempt) return true;
    return !this.alnum(p - 1) && !(('-./_'.includes(b) && this.alnum(p - 2)) || (b === ':' && isDigitAt(this.t, p - 2)));
  }
  private qual(p: number): { qual: Qual; next: number } | undefined {
    const c = this.t.charCodeAt(p);
    for (const qual of QUAL_INDEX[c >= 65 && c <= 90 ? c + 32 : c] ?? []) {
      const e = this.phrase(p, qual.phrase);
      if (e < 0) continue;
      const next = qual.years === 2 && this.t[e] === '-' ? e + 1 : this.ws(e, false);
      if (next > e || qual.phrase === '~' || qual.phrase.endsWith('.')) return { qual, next };
    }
    return undefined;
  }
  private day(p: number): { v: number; end: number } | undefined {
    const n = this.num(p, 1, 2), w = n && this.word(n.end);
    if (!n || !w || (w > n.end && !['st', 'nd', 'rd', 'th'].includes(this.lower(n.end, w)))) return undefined;
    return { v: n.v, end: w };
  }
  /** Month name at p; with `lead`, after whitespace and an optional "of". */
  private month(p: number, lead = false): { m: number; end: number } | undefined {
    let s = p;
    if (lead) {
      if ((s = this.ws(p, false)) === p) return undefined; // "Step 3\nJune 2026" is no date
      const of = this.phrase(s, 'of');
      if (of > 0) s = this.ws(of);
    }
    const e = this.word(s), m = isLetterAt(this.t, s - 1) ? undefined : MONTHS.get(this.lower(s, e));
    return m ? { m, end: this.t[e] === '.' ? e + 1 : e } : undefined;
  }
  private yearAfter(p: number): { v: number; end: number } | undefined {
    const s = this.ws(this.t[p] === ',' ? p + 1 : p);
    return s > p ? this.num(s, 4, 4) : undefined;
  }
  /** After a range connector ("–", "-", "to", "through"; "and" after "between"; "/" between ISO dates), or -1. */
  private rangeSep(p: number, iso = false): number {
    const s = this.ws(p, false), c = this.t[s];
    if (c === '\u2013' || c === '\u2014' || c === '-' || (iso && c === '/')) return this.ws(s + 1, false);
    for (const w of s === p ? [] : this.between ? ['and'] : ['to', 'through', 'thru', 'until', 'till']) {
      const e = this.phrase(s, w);
      if (e > 0 && this.ws(e, false) > e) return this.ws(e, false);
    }
    return -1;
  }

  /** A calendar date, optionally after a weekday ("Mon, 1 Jun 2026"), validated. */
  private core(p: number, years: YearMode): Core | undefined {
    let s = p, wd = -1;
    const we = this.word(p), w = we > p ? WEEKDAYS.get(this.lower(p, we)) : undefined;
    if (w !== undefined) {
      s = we + (this.t[we] === '.' ? 1 : 0);
      s += this.t[s] === ',' ? 1 : 0;
      if (this.ws(s) === s) return undefined;
      [s, wd] = [this.ws(s), w];
    }
    const c = this.iso(s) ?? this.numeric(s) ?? this.named(s) ?? (years ? this.year(s, years) : undefined);
    if (!c) return undefined;
    if (c.to && c.to.mo * 100 + c.to.d < c.mo * 100 + c.d) {
      if (c.to.mo === c.mo) throw new Invalid('the range ends before it starts', c.end);
      c.y--; // "December 30 – January 2, 2026"
    }
    for (const x of c.to ? [c, c.to] : [c]) {
      const reason = calendarError(x.y, x.mo, c.prec === 'day' ? x.d : 1);
      if (reason) throw new Invalid(reason, c.end);
    }
    const actual = c.prec === 'day' ? weekdayOf(c.y, c.mo, c.d) : wd;
    if (actual !== wd && wd >= 0) {
      throw new Invalid(`${MONTH_NAMES[c.mo - 1]} ${c.d}, ${c.y} is a ${WEEKDAY_NAMES[actual]}, not a ${WEEKDAY_NAMES[wd]}`, c.end);
    }
    return c;
  }
  /** 2026-06-01, 2026/6/1, and 20260601 when a "T" and a time follow. */
  private iso(p: number): Core | undefined {
    const t = this.t, b = this.digits(p);
    if (!this.startOk(p)) return undefined;
    if (b - p === 8 && (t[b] === 'T' || t[b] === 't') && isDigitAt(t, b + 1)) {
      return { y: +t.slice(p, p + 4), mo: +t.slice(p + 4, p + 6), d: +t.slice(p + 6, b), prec: 'day', end: b, style: 'iso', iso: true };
    }
    const sep = b - p === 4 ? t[b] : '', min = sep === '-' ? 2 : 1;
    if (sep !== '-' && sep !== '/') return undefined;
    const mo = this.num(b + 1, min, 2), d = mo && t[mo.end] === sep ? this.num(mo.end + 1, min, 2) : undefined;
    return mo && d ? { y: +t.slice(p, b), mo: mo.v, d: d.v, prec: 'day', end: d.end, style: 'iso', iso: sep === '-' } : undefined;
  }
  /** a/b/yyyy: month/day unless a > 12; dd.mm.yyyy: day.month. */
  private numeric(p: number): Core | undefined {
    const a = this.num(p, 1, 2), sep = a && this.t[a.end];
    if (!a || (sep !== '/' && sep !== '.') || !this.startOk(p)) return undefined;
    const b = this.num(a.end + 1, 1, 2), y = b && this.t[b.end] === sep ? this.num(b.end + 1, 4, 4) : undefined;
    if (!b || !y) return undefined;
    const dayFirst = sep === '.' || a.v > 12;
    return {
      y: y.v, mo: dayFirst ? b.v : a.v, d: dayFirst ? a.v : b.v, prec: 'day', end: y.end,
      style: dayFirst ? 'day-month-year' : 'month-day-year', ambiguous: !dayFirst && b.v <= 12 && a.v !== b.v,
    };
  }
  private named(p: number): Core | undefined {
    const m1 = this.month(p);
    if (m1) { // June 2026 | June of 2026 | June 1(st)[–[July] 3], 2026
      const s = this.ws(m1.end), t = this.t;
      if (s === m1.end && t[s - 1] !== '.' && t[s] !== ',') return undefined;
      const of = this.phrase(s, 'of');
      const y = this.yearAfter(of > 0 ? of : s) ?? (t[s] === ',' ? undefined : this.num(s, 4, 4));
      if (y) return { y: y.v, mo: m1.m, d: 1, prec: 'month', end: y.end };
      const d1 = this.day(s), r = d1 ? this.rangeSep(d1.end) : -1;
      if (!d1) return undefined;
      const m2 = r >= 0 ? this.month(r) : undefined, d2 = r >= 0 ? this.day(m2 ? this.ws(m2.end) : r) : undefined;
      const ranged = d2 && (!m2 || this.ws(m2.end) > m2.end);
      const yr = this.yearAfter(ranged ? d2.end : d1.end);
      if (!yr) return undefined;
      const to = ranged ? { y: yr.v, mo: m2 ? m2.m : m1.m, d: d2.v } : undefined;
      return { y: yr.v, mo: m1.m, d: d1.v, prec: 'day', end: yr.end, style: 'month-day-year', to };
    }
    const d1 = this.startOk(p) ? this.day(p) : undefined; // 1(st) [of] June [– 3 July] 2026 | 1–3 June 2026
    if (!d1) return undefined;
    const r = this.rangeSep(d1.end);
    let d2 = r >= 0 ? this.day(r) : undefined, m2: number | undefined;
    const m = this.month(d2 ? d2.end : d1.end, true);
    if (!m) return undefined;
    let end = m.end;
    const r2 = d2 ? -1 : this.rangeSep(end), dd = r2 >= 0 ? this.day(r2) : undefined, mm = dd && this.month(dd.end, true);
    if (dd && mm) [d2, m2, end] = [dd, mm.m, mm.end];
    const yr = this.yearAfter(end);
    if (!yr) return undefined;
    const to = d2 ? { y: yr.v, mo: m2 ?? m.m, d: d2.v } : undefined;
    return { y: yr.v, mo: m.m, d: d1.v, prec: 'day', end: yr.end, style: 'day-month-year', to };
  }
  /** A bare year 1900–2199, only after a qualifier that allows one. */
  private year(p: number, years: YearMode): Core | undefined {
    const y = this.num(p, 4, 4);
    if (!y || y.v < 1900 || y.v > 2199 || !this.startOk(p) || !this.endOk(y.end)) return undefined;
    const next = this.t[this.ws(y.end, false)];
    if (years === 1 && next !== undefined && !'.,;:!?()\n\r'.includes(next)) return undefined;
    return { y: y.v, mo: 1, d: 1, prec: 'year', end: y.end };
  }

  /** ", 05:00", " at approx. 5 PM ET", "T05:00:00Z" after a day; the qualifier applies to the whole date. */
  private timeAfter(p: number, iso: boolean): { time: Clock; q?: Qual } | undefined {
    const c = this.t[p];
    if (iso && (c === 'T' || c === 't')) { const time = readClock(this.t, p + 1, true, true); return time && { time }; }
    let s = this.ws(c === ',' ? p + 1 : p, false);
    if (s === p) return undefined;
    const at = () => {
      const e = this.t[s] === '@' ? s + 1 : this.phrase(s, 'at');
      if (e > 0 && this.ws(e, false) > e) s = this.ws(e, false);
    };
    at();
    const q = this.qual(s), used = q && q.qual.include && q.qual.q !== 'exact' && q.qual.years !== 2 ? q : undefined;
    if (used) s = used.next;
    at();
    const time = readClock(this.t, s, iso, false);
    return time && { time, q: used?.qual };
  }
  private endpoint(p: number, years: YearMode): Endpoint | undefined {
    const c = this.core(p, years);
    if (!c || this.bare) return c && { c, end: c.end };
    const ta = c.prec === 'day' && !c.to ? this.timeAfter(c.end, !!c.iso) : undefined;
    if (ta) return { c, time: ta.time, zone: ta.time.zone, q: ta.q, end: ta.time.end };
    const s = this.ws(c.end, false), z = s > c.end ? readZone(this.t, s, true) : undefined;
    // A zone after a bare date must be upper case, so "June 1, 2026 et al." keeps its Latin.
    if (z && !z.error && z.zone.name === z.zone.name.toUpperCase()) return { c, zone: z.zone, end: z.end };
    return { c, end: c.end };
  }
  /** "05:00 UTC on June 1, 2026", "5 PM ET, June 1, 2026", "05:00–07:00 UTC on 2026-06-01". */
  private timeFirst(p: number): Endpoint | undefined {
    const time = !this.bare && this.startOk(p) ? readClock(this.t, p, false, false) : undefined;
    if (!time) return undefined;
    const r = this.rangeSep(time.end), until = r >= 0 ? readClock(this.t, r, false, false) : undefined;
    const after = until ? until.end : time.end;
    let s = this.ws(this.t[after] === ',' ? after + 1 : after);
    const on = this.phrase(s, 'on');
    if (on > 0) s = this.ws(on);
    const c = s > after ? this.core(s, 0) : undefined;
    return c && c.prec === 'day' && !c.to ? { c, time, until, zone: time.zone ?? until?.zone, end: c.end } : undefined;
  }

  /** The date expression starting at p; when time, zone, range or trailing words end badly, the date alone. */
  expr(p: number): DateParseResult | undefined {
    const full = this.attempt(p);
    if (full !== 'retry') return full;
    this.bare = true;
    const bare = this.attempt(p);
    this.bare = false;
    return bare === 'retry' ? undefined : bare;
  }
  private attempt(p: number): DateParseResult | 'retry' | undefined {
    const q1 = this.qual(p), s = q1 ? q1.next : p, start = q1?.qual.include ? p : s;
    this.between = q1?.qual.phrase === 'between';
    this.exempt = q1 ? s : -1;
    try {
      const e1 = this.endpoint(s, q1 ? q1.qual.years : 0) ?? this.timeFirst(s);
      if (!e1) return undefined;
      let e2: Endpoint | undefined = e1.until && { c: e1.c, time: e1.until, zone: e1.until.zone, end: e1.end };
      const r = e1.c.to || e2 || this.bare ? -1 : this.rangeSep(e1.end, e1.c.iso);
      if (r >= 0) {
        this.exempt = r;
        e2 = this.endpoint(r, 0);
        const time = !e2 && e1.time ? readClock(this.t, r, !!e1.c.iso, false) : undefined;
        if (time) e2 = { c: e1.c, time, zone: time.zone, end: time.end };
      }
      for (const e of [e1, e2]) if (e?.time?.error) throw new Invalid(e.time.error, e.time.errorEnd ?? e.time.end);
      const zone = e1.zone ?? e2?.zone;
      const bounds = (e: Endpoint, z: ZoneInfo | undefined) => spanOf(z, e.c.prec, e.c, e.c.to ?? e.c, e.time);
      const [earliest, latest1] = bounds(e1, zone);
      let latest = e2 ? bounds(e2, e2.zone ?? zone)[1] : latest1;
      if (e2 && e2.c === e1.c && latest < earliest) latest += 86_400_000; // 23:00–01:00 crosses midnight
      if (latest < earliest) [e2, latest] = [undefined, latest1];
      const ranged = !!(e2 || e1.c.to);
      if (this.between && !ranged) return undefined;
      const trail = this.bare ? undefined : this.trailing(e2 ? e2.end : e1.end);
      const end = trail ? trail.end : e2 ? e2.end : e1.end;
      if (!this.endOk(end)) return this.bare ? undefined : 'retry';
      const resolve = (x?: Qual) => (x && ranged && x.phrase === 'from' ? 'exact' : x?.q); // "from June 1 to 3"
      const quals = [resolve(q1?.qual), resolve(e1.q), resolve(e2?.q), trail?.q];
      const qualifier = quals.find((q) => q === 'before' || q === 'after') ?? (quals.includes('approximate') ? 'approximate' : 'exact');
      const rank = Math.max(...[e1, e2].map((e) => (e ? PRECISION_RANK.indexOf(e.time ? e.time.prec : e.c.prec) : 0)));
      const date: ParsedDate = { earliest, latest, precision: PRECISION_RANK[rank], qualifier, start, end };
      if (zone) date.zone = zone.name;
      if (e1.c.style) date.style = e1.c.style;
      if (ranged) date.range = true;
      if (e1.c.ambiguous) date.ambiguousOrder = true;
      return { kind: 'date', date };
    } catch (e) {
      if (e instanceof Invalid) return { kind: 'invalid', reason: e.reason, start, end: e.end };
      throw e;
    }
  }
  /** "(estimated)", "or earlier", "at the latest", "onwards" after a date. */
  private trailing(p: number): { q: DateQualifier; end: number } | undefined {
    const s = this.ws(this.t[p] === ',' ? p + 1 : p, false);
    if (this.t[s] === '(') {
      const close = s + this.t.slice(s, s + 20).indexOf(')');
      if (close > s && PAREN_APPROX.has(this.lower(s + 1, close).trim())) return { q: 'approximate', end: close + 1 };
    }
    for (const [phrase, q] of s > p ? TRAILING : []) { const e = this.phrase(s, phrase); if (e > 0) return { q, end: e }; }
    return undefined;
  }
}

function scan(text: string, firstOnly: boolean): DateParseResult[] {
  const out: DateParseResult[] = [];
  if (typeof text !== 'string') return out;
  const scanner = new Scanner(text);
  for (let i = 0; i < text.length; i++) {
    const word = isDigitAt(text, i) || isLetterAt(text, i);
    if (text[i] !== '~' && !(word && !isDigitAt(text, i - 1) && !isLetterAt(text, i - 1))) continue;
    let r: DateParseResult | undefined;
    try { r = scanner.expr(i); } catch { r = undefined; }
    if (!r || r.kind === 'none') continue;
    out.push(r);
    if (firstOnly) break;
    i = Math.max(i, (r.kind === 'date' ? r.date.end : r.end) - 1);
  }
  return out;
}

/** The first date expression in a field value, e.g. "June 1, 2026, approx. 05:00 AM ET". */
export function parseReportDate(text: string): DateParseResult {
  return scan(text, true)[0] ?? { kind: 'none' };
}

/** Every date expression in a text, in order (only 'date' and 'invalid' results). */
export function findDates(text: string): DateParseResult[] {
  return scan(text, false);
}

/** The most frequent field order among the text's dates (ties: the first seen); numeric dates count by their order. */
export function dateStyleOf(text: string): DateStyle | undefined {
  const counts = new Map<DateStyle, number>();
  for (const r of findDates(text)) if (r.kind === 'date' && r.date.style) counts.set(r.date.style, (counts.get(r.date.style) ?? 0) + 1);
  let best: DateStyle | undefined;
  for (const [style, n] of counts) if (!best || n > (counts.get(best) ?? 0)) best = style;
  return best;
}

/** The date's calendar day in the machine's local zone (the user's "today"): "2026-11-27", "November 27, 2026", "27 November 2026". */
export function formatDateInStyle(date: Date, style: DateStyle): string {
  const y = date.getFullYear(), mo = date.getMonth(), d = date.getDate();
  if (style === 'iso') return `${String(y).padStart(4, '0')}-${String(mo + 1).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return style === 'month-day-year' ? `${MONTH_NAMES[mo]} ${d}, ${y}` : `${d} ${MONTH_NAMES[mo]} ${y}`;
}
