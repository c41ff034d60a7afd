/**
 * The date grammar over one text: a hand-written scanner (tokens: dateLexer.ts, calendar dates: calendarDateReader.ts) without
 * regex backtracking. Each read starts at a position and reads a bounded number of tokens, so a text scans in linear time.
 */
import { type ClockTime, readClock } from './clockTime';
import { CalendarDateReader, type DateCore, InvalidDate } from './calendarDateReader';
import { type ZoneInfo, readZone, spanOf } from './timeZones';
import { PARENTHESIZED_APPROXIMATE, QUALIFIERS_BY_FIRST_CHAR, TRAILING_QUALIFIERS, type DateQualifier, type Qualifier, type YearMode } from './dateQualifiers';
import type { DateParseResult, DateReading, ParsedDate } from './parseDate';
import type { CalendarDate } from './calendar';

type Precision = ParsedDate['precision'];
const DAY_MS = 86_400_000;
/** A clock range on one day whose end is earlier than its start crosses midnight when it then lasts at most this long. */
const MIDNIGHT_CROSSING_MS = 12 * 60 * 60 * 1000;

/** A range end as written: its day and, if written, its clock time. */
function readingOf(day: CalendarDate, time?: ClockTime): DateReading {
  return time ? { year: day.year, month: day.month, day: day.day, hour: time.hour, minute: time.minute } : { year: day.year, month: day.month, day: day.day };
}
const PRECISION_RANK: Precision[] = ['second', 'minute', 'day', 'month', 'year'];

/** An endpoint's rank in PRECISION_RANK: its time's precision, else its date's. */
function precisionRank(endpoint: Endpoint): number {
  return PRECISION_RANK.indexOf(endpoint.time ? endpoint.time.precision : endpoint.core.precision);
}

/** A written zone that is a zone (not "Europe/Londn"). */
function known(written: ZoneInfo | undefined): ZoneInfo | undefined {
  return written?.unknown ? undefined : written;
}

/** The earliest and latest instant an endpoint can mean, read in `zone`. */
function endpointSpan(endpoint: Endpoint, zone: ZoneInfo | undefined): [number, number] {
  return spanOf(zone, endpoint.core.precision, endpoint.core, endpoint.core.to ?? endpoint.core, endpoint.time);
}

/**
 * The qualifier of a whole expression from its parts' (leading, each endpoint's, trailing): "before" or "after"
 * when one says so, else "approximate" when one does, else exact. "from June 1 to 3" is exact: "from" only
 * means "after" without a range end.
 */
function qualifierOf(ranged: boolean, ...parts: (Qualifier | DateQualifier | undefined)[]): DateQualifier {
  let approximate = false;
  for (const part of parts) {
    const meaning = typeof part === 'object' ? (ranged && part.phrase === 'from' ? 'exact' : part.meaning) : part;
    if (meaning === 'before' || meaning === 'after') return meaning;
    if (meaning === 'approximate') approximate = true;
  }
  return approximate ? 'approximate' : 'exact';
}

/** One end of a date expression: its calendar date, time (and a time range's end), zone and qualifier. */
interface Endpoint {
  core: DateCore;
  time?: ClockTime;
  until?: ClockTime;
  zone?: ZoneInfo;
  qualifier?: Qualifier;
  end: number;
}

/** The date grammar over one text: each read starts at a position and reads a bounded number of tokens. */
export class DateScanner extends CalendarDateReader {
  /** Read only a date, no time, zone, range or trailing words: the retry when those left a bad end. */
  private bare = false;
  /** The zone of a date that writes none, when its context gives one (its section's heading: "all times EST"). */
  defaultZone: ZoneInfo | undefined;
  private readQualifier(position: number): { qualifier: Qualifier; next: number } | undefined {
    const code = this.text.charCodeAt(position);
    for (const qualifier of QUALIFIERS_BY_FIRST_CHAR[code >= 65 && code <= 90 ? code + 32 : code] ?? []) {
      const end = this.phraseEnd(position, qualifier.phrase);
      if (end < 0) continue;
      const next = qualifier.years === 2 && this.text[end] === '-' ? end + 1 : this.skipWhitespace(end, false);
      if (next > end || qualifier.phrase === '~' || qualifier.phrase.endsWith('.')) return { qualifier, next };
    }
    return undefined;
  }

  /** ", 05:00", " at approx. 5 PM ET", "T05:00:00Z" after a day; the qualifier applies to the whole date. */
  private readTimeAfter(position: number, iso: boolean): { time: ClockTime; qualifier?: Qualifier } | undefined {
    const char = this.text[position];
    if (iso && (char === 'T' || char === 't')) {
      const time = readClock(this.text, position + 1, true, true);
      return time && { time };
    }
    let start = this.skipWhitespace(char === ',' ? position + 1 : position, false);
    if (start === position) return undefined;
    // "Nov 24, 2025 – 09:30 UTC": a spaced dash before a clock time with a colon (not a range's end).
    const dash = this.text[start];
    if ((dash === '\u2013' || dash === '\u2014' || dash === '-') && this.text[start + 1] === ' ') {
      const clockStart = this.skipWhitespace(start + 1, false);
      const digits = this.digitsEnd(clockStart) - clockStart;
      if ((digits === 1 || digits === 2) && this.text[clockStart + digits] === ':') start = clockStart;
    }
    const skipAt = () => {
      const end = this.text[start] === '@' ? start + 1 : this.phraseEnd(start, 'at');
      if (end > 0 && this.skipWhitespace(end, false) > end) start = this.skipWhitespace(end, false);
    };
    skipAt();
    const read = this.readQualifier(start);
    const used = read && read.qualifier.include && read.qualifier.meaning !== 'exact' && read.qualifier.years !== 2 ? read : undefined;
    if (used) start = used.next;
    skipAt();
    const time = readClock(this.text, start, iso, false);
    return time && { time, qualifier: used?.qualifier };
  }
  private readEndpoint(position: number, years: YearMode): Endpoint | undefined {
    const core = this.readCalendarDate(position, years);
    if (!core || this.bare) return core && { core, end: core.end };
    const timeAfter = core.precision === 'day' && !core.to ? this.readTimeAfter(core.end, !!core.iso) : undefined;
    if (timeAfter) return { core, time: timeAfter.time, zone: timeAfter.time.zone, qualifier: timeAfter.qualifier, end: timeAfter.time.end };
    const zoneStart = this.skipWhitespace(core.end, false);
    const zone = zoneStart > core.end ? readZone(this.text, zoneStart, true) : undefined;
    // A zone after a bare date must be upper case, so "June 1, 2026 et al." keeps its Latin.
    if (zone && !zone.error && !zone.zone.unknown && (zone.zone.iana || zone.zone.name === zone.zone.name.toUpperCase()))
      return { core, zone: zone.zone, end: zone.end };
    return { core, end: core.end };
  }
  /** "05:00 UTC on June 1, 2026", "5 PM ET, June 1, 2026", "05:00–07:00 UTC on 2026-06-01". */
  private readTimeFirst(position: number): Endpoint | undefined {
    const time = !this.bare && this.canStartNumberAt(position) ? readClock(this.text, position, false, false) : undefined;
    if (!time) return undefined;
    const connectorEnd = this.afterRangeConnector(time.end);
    const until = connectorEnd >= 0 ? readClock(this.text, connectorEnd, false, false) : undefined;
    const timesEnd = until ? until.end : time.end;
    let start = this.skipWhitespace(this.text[timesEnd] === ',' ? timesEnd + 1 : timesEnd);
    const onEnd = this.phraseEnd(start, 'on');
    if (onEnd > 0) start = this.skipWhitespace(onEnd);
    const core = start > timesEnd ? this.readCalendarDate(start, 0) : undefined;
    return core && core.precision === 'day' && !core.to ? { core, time, until, zone: time.zone ?? until?.zone, end: core.end } : undefined;
  }

  /** The date expression starting at `position`; when time, zone, range or trailing words end badly, the date alone. */
  readExpression(position: number): DateParseResult | undefined {
    const full = this.attempt(position);
    if (full !== 'retry') return full;
    this.bare = true;
    const bare = this.attempt(position);
    this.bare = false;
    return bare === 'retry' ? undefined : bare;
  }
  private attempt(position: number): DateParseResult | 'retry' | undefined {
    const leading = this.readQualifier(position),
      dateStart = leading ? leading.next : position;
    const start = leading?.qualifier.include ? position : dateStart;
    this.between = leading?.qualifier.phrase === 'between';
    this.exempt = leading ? dateStart : -1;
    try {
      const first = this.readEndpoint(dateStart, leading ? leading.qualifier.years : 0) ?? this.readTimeFirst(dateStart);
      if (!first) return undefined;
      let second: Endpoint | undefined = first.until && { core: first.core, time: first.until, zone: first.until.zone, end: first.end };
      const connectorEnd = first.core.to || second || this.bare ? -1 : this.afterRangeConnector(first.end, first.core.iso);
      if (connectorEnd >= 0) {
        this.exempt = connectorEnd;
        // Both ends of a range are written in one order: an end that can only be day first ("20/09/2026") reads the other so.
        const dayFirst = this.dayFirstOrder;
        if (first.core.ambiguous === false) this.dayFirst = first.core.style === 'day-month-year';
        try {
          second = this.readEndpoint(connectorEnd, 0);
        } finally {
          this.dayFirst = dayFirst;
        }
        const time = !second && first.time ? readClock(this.text, connectorEnd, !!first.core.iso, false) : undefined;
        if (time) second = { core: first.core, time, zone: time.zone, end: time.end };
      }
      if (first.time?.error) throw new InvalidDate(first.time.error, first.time.errorEnd ?? first.time.end);
      if (second?.time?.error) throw new InvalidDate(second.time.error, second.time.errorEnd ?? second.time.end);
      // A zone-like name that is no zone ("Europe/Londn") is not read as UTC: the date keeps no zone and says so.
      const unknown = first.zone?.unknown ?? second?.zone?.unknown;
      const zone = known(first.zone) ?? known(second?.zone) ?? (unknown ? undefined : this.defaultZone);
      const [earliest, firstLatest] = endpointSpan(first, zone);
      let latest = second ? endpointSpan(second, known(second.zone) ?? zone)[1] : firstLatest;
      // 23:30–01:15 on one day crosses midnight; 14:00–13:00 (more than 12 hours on) is a range written backwards.
      if (second && second.core === first.core && latest < earliest && latest + DAY_MS - earliest < MIDNIGHT_CROSSING_MS + 60_000) latest += DAY_MS;
      const rangeEnd = second ? second.end : first.end;
      let backwards: ParsedDate['backwards'];
      if (first.core.backwardsTo) backwards = { from: readingOf(first.core), to: readingOf(first.core.backwardsTo) };
      if (second && latest < earliest) {
        backwards = { from: readingOf(first.core, first.time), to: readingOf(second.core, second.time) };
        [second, latest] = [undefined, firstLatest]; // read as its start
      }
      const ranged = !!(second || first.core.to);
      if (this.between && !ranged && !backwards) return undefined;
      const trailing = this.bare ? undefined : this.readTrailingQualifier(rangeEnd);
      const end = trailing ? trailing.end : rangeEnd;
      if (!this.canEndAt(end)) return this.bare ? undefined : 'retry';
      const qualifier = qualifierOf(ranged, leading?.qualifier, first.qualifier, second?.qualifier, trailing?.meaning);
      const rank = second ? Math.max(precisionRank(first), precisionRank(second)) : precisionRank(first);
      const date: ParsedDate = { earliest, latest, precision: PRECISION_RANK[rank], qualifier, start, end };
      if (zone) date.zone = zone.name;
      if (zone && zone === this.defaultZone) date.zoneFromContext = true;
      if (zone?.iana) date.iana = zone.iana;
      if (unknown) date.unknownZone = { ...unknown, name: this.text.slice(unknown.start, unknown.end) };
      if (first.core.style) date.style = first.core.style;
      if (ranged) date.range = true;
      if (backwards) date.backwards = backwards;
      date.reading = readingOf(first.core, first.time);
      if (second && second.core !== first.core) date.readingTo = readingOf(second.core.to ?? second.core, second.time);
      else if (second?.time) date.readingTo = readingOf(first.core, second.time);
      else if (first.core.to) date.readingTo = readingOf(first.core.to);
      if (first.core.ambiguous) date.ambiguousOrder = true;
      return { kind: 'date', date };
    } catch (error) {
      if (error instanceof InvalidDate) return { kind: 'invalid', reason: error.reason, start, end: error.end };
      throw error;
    }
  }
  /** "(estimated)", "or earlier", "at the latest", "onwards" after a date. */
  private readTrailingQualifier(position: number): { meaning: DateQualifier; end: number } | undefined {
    const start = this.skipWhitespace(this.text[position] === ',' ? position + 1 : position, false);
    if (this.text[start] === '(') {
      const close = start + this.text.slice(start, start + 20).indexOf(')');
      if (close > start && PARENTHESIZED_APPROXIMATE.has(this.lowerCaseSlice(start + 1, close).trim())) return { meaning: 'approximate', end: close + 1 };
    }
    for (const [phrase, meaning] of start > position ? TRAILING_QUALIFIERS : []) {
      const end = this.phraseEnd(start, phrase);
      if (end > 0) return { meaning, end };
    }
    return undefined;
  }
}
