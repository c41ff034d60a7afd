/**
 * The calendar-date half of the date scanner (dateScanner.ts): ISO, numeric and month-name dates, day ranges within a year and
 * bare years, validated against the calendar. Each read starts at a position and reads a bounded number of tokens (dateLexer.ts).
 */
import { type CalendarDate, MONTH_BY_NAME, MONTH_NAMES, WEEKDAY_BY_NAME, WEEKDAY_NAMES, calendarError, weekdayOf } from './calendar';
import { DateLexer, isDigitAt } from './dateLexer';
import { isLetterAt } from '../text/chars';
import type { YearMode } from './dateQualifiers';
import type { DateStyle, DayFirst } from './parseDate';

/** A calendar date as written, before any time or zone: a year, a month, a day, or a day range within a year (`to`). */
export interface DateCore extends CalendarDate {
  precision: 'year' | 'month' | 'day';
  end: number;
  style?: DateStyle;
  iso?: boolean;
  ambiguous?: boolean;
  to?: CalendarDate;
  /** A day range within a month that ends before it starts ("June 3–1, 2026"): its written end, read as the start day alone. */
  backwardsTo?: CalendarDate;
}
/** A date that reads as one but is not a real one ("February 30", a wrong weekday): thrown while reading, caught by DateScanner. */
export class InvalidDate {
  constructor(
    readonly reason: string,
    readonly end: number,
  ) {}
}

/** Why `date` (one end of `core`) is no real date, or undefined; a month or year precision checks no day. */
function calendarErrorOf(date: CalendarDate, core: DateCore): string | undefined {
  return calendarError(date.year, date.month, core.precision === 'day' ? date.day : 1);
}

/** Reads the calendar date of a date expression; DateScanner adds times, zones, ranges and qualifiers. */
export class CalendarDateReader extends DateLexer {
  /** After "between", a range connector is "and". */
  protected between = false;
  /** A date right after a qualifier or range connector is exempt from the glued-number check ("late-2026", "…/2026-06-03"). */
  protected exempt = -1;
  /**
   * Read a/b/yyyy with a, b ≤ 12 as day/month: the report writes its numeric dates day first (numericOrder.ts).
   * A function is asked on the first numeric date read, if any: most dates are not numeric, and the answer
   * may take a look at the whole report.
   */
  protected dayFirstOrder: DayFirst = false;
  get dayFirst(): boolean {
    const order = this.dayFirstOrder;
    return typeof order === 'boolean' ? order : (this.dayFirstOrder = order());
  }
  set dayFirst(order: DayFirst) {
    this.dayFirstOrder = order;
  }

  /** A number may start here: not glued to a word, nor continuing a dotted or dashed number ("1.10.06.2026", "IR-2026-0117"). */
  protected canStartNumberAt(position: number): boolean {
    const before = this.text[position - 1];
    if (position <= 0 || position === this.exempt) return true;
    return (
      !this.isAlphanumericAt(position - 1) &&
      !(('-./_'.includes(before) && this.isAlphanumericAt(position - 2)) || (before === ':' && isDigitAt(this.text, position - 2)))
    );
  }
  /** A day of the month, with an optional "st", "nd", "rd" or "th". */
  private readDay(position: number): { value: number; end: number } | undefined {
    const number = this.readNumber(position, 1, 2),
      suffixEnd = number && this.wordEnd(number.end);
    if (!number || !suffixEnd || (suffixEnd > number.end && !['st', 'nd', 'rd', 'th'].includes(this.lowerCaseSlice(number.end, suffixEnd)))) {
      return undefined;
    }
    return { value: number.value, end: suffixEnd };
  }
  /** Month name at `position`; with `lead`, after whitespace and an optional "of". */
  private readMonth(position: number, lead = false): { month: number; end: number } | undefined {
    let start = position;
    if (lead) {
      if ((start = this.skipWhitespace(position, false)) === position) return undefined; // "Step 3\nJune 2026" is no date
      const ofEnd = this.phraseEnd(start, 'of');
      if (ofEnd > 0) start = this.skipWhitespace(ofEnd);
    }
    const end = this.wordEnd(start);
    const month = isLetterAt(this.text, start - 1) ? undefined : MONTH_BY_NAME.get(this.lowerCaseSlice(start, end));
    return month ? { month, end: this.text[end] === '.' ? end + 1 : end } : undefined;
  }
  /** A four-digit year after whitespace or ", ". */
  private readYearAfter(position: number): { value: number; end: number } | undefined {
    const start = this.skipWhitespace(this.text[position] === ',' ? position + 1 : position);
    return start > position ? this.readNumber(start, 4, 4) : undefined;
  }
  /** After a range connector ("–", "-", "to", "through"; "and" after "between"; "/" between ISO dates), or -1. */
  protected afterRangeConnector(position: number, iso = false): number {
    const start = this.skipWhitespace(position, false),
      char = this.text[start];
    if (char === '\u2013' || char === '\u2014' || char === '-' || (iso && char === '/')) return this.skipWhitespace(start + 1, false);
    for (const word of start === position ? [] : this.between ? ['and'] : ['to', 'through', 'thru', 'until', 'till']) {
      const end = this.phraseEnd(start, word);
      if (end > 0 && this.skipWhitespace(end, false) > end) return this.skipWhitespace(end, false);
    }
    return -1;
  }

  /** A calendar date, optionally after a weekday ("Mon, 1 Jun 2026"), validated. */
  protected readCalendarDate(position: number, years: YearMode): DateCore | undefined {
    let start = position,
      writtenWeekday = -1;
    const weekdayEnd = this.wordEnd(position);
    const weekday = weekdayEnd > position ? WEEKDAY_BY_NAME.get(this.lowerCaseSlice(position, weekdayEnd)) : undefined;
    if (weekday !== undefined) {
      start = weekdayEnd + (this.text[weekdayEnd] === '.' ? 1 : 0);
      start += this.text[start] === ',' ? 1 : 0;
      if (this.skipWhitespace(start) === start) return undefined;
      [start, writtenWeekday] = [this.skipWhitespace(start), weekday];
    }
    const core = this.readIsoDate(start) ?? this.readNumericDate(start) ?? this.readNamedDate(start) ?? (years ? this.readBareYear(start, years) : undefined);
    if (!core) return undefined;
    if (core.to && core.to.month * 100 + core.to.day < core.month * 100 + core.day) {
      if (core.to.month === core.month) [core.backwardsTo, core.to] = [core.to, undefined];
      else core.year--; // "December 30 – January 2, 2026"
    }
    const other = core.to ?? core.backwardsTo;
    const reason = calendarErrorOf(core, core) ?? (other ? calendarErrorOf(other, core) : undefined);
    if (reason) throw new InvalidDate(reason, core.end);
    if (writtenWeekday < 0) return core;
    const actualWeekday = core.precision === 'day' ? weekdayOf(core.year, core.month, core.day) : writtenWeekday;
    if (actualWeekday !== writtenWeekday) {
      const written = `${MONTH_NAMES[core.month - 1]} ${core.day}, ${core.year}`;
      throw new InvalidDate(`${written} is a ${WEEKDAY_NAMES[actualWeekday]}, not a ${WEEKDAY_NAMES[writtenWeekday]}`, core.end);
    }
    return core;
  }
  /** 2026-06-01, 2026/6/1, and 20260601 when a "T" and a time follow. */
  private readIsoDate(position: number): DateCore | undefined {
    const text = this.text,
      digitsEnd = this.digitsEnd(position);
    if (!this.canStartNumberAt(position)) return undefined;
    if (digitsEnd - position === 8 && (text[digitsEnd] === 'T' || text[digitsEnd] === 't') && isDigitAt(text, digitsEnd + 1)) {
      return {
        year: +text.slice(position, position + 4),
        month: +text.slice(position + 4, position + 6),
        day: +text.slice(position + 6, digitsEnd),
        precision: 'day',
        end: digitsEnd,
        style: 'iso',
        iso: true,
      };
    }
    const separator = digitsEnd - position === 4 ? text[digitsEnd] : '',
      minDigits = separator === '-' ? 2 : 1;
    if (separator !== '-' && separator !== '/') return undefined;
    const month = this.readNumber(digitsEnd + 1, minDigits, 2);
    const day = month && text[month.end] === separator ? this.readNumber(month.end + 1, minDigits, 2) : undefined;
    if (!month || !day) return undefined;
    return {
      year: +text.slice(position, digitsEnd),
      month: month.value,
      day: day.value,
      precision: 'day',
      end: day.end,
      style: 'iso',
      iso: separator === '-',
    };
  }
  /** a/b/yyyy and a-b-yyyy: month/day unless a > 12 or the report writes day first (then day/month unless b > 12); dd.mm.yyyy: day.month. */
  private readNumericDate(position: number): DateCore | undefined {
    const first = this.readNumber(position, 1, 2),
      separator = first && this.text[first.end];
    if (!first || (separator !== '/' && separator !== '.' && separator !== '-') || !this.canStartNumberAt(position)) return undefined;
    const second = this.readNumber(first.end + 1, 1, 2);
    const year = second && this.text[second.end] === separator ? this.readNumber(second.end + 1, 4, 4) : undefined;
    if (!second || !year) return undefined;
    const dayFirst = separator === '.' || first.value > 12 || (this.dayFirst && second.value <= 12);
    return {
      year: year.value,
      month: dayFirst ? second.value : first.value,
      day: dayFirst ? first.value : second.value,
      precision: 'day',
      end: year.end,
      style: dayFirst ? 'day-month-year' : 'month-day-year',
      ambiguous: separator !== '.' && first.value <= 12 && second.value <= 12 && first.value !== second.value,
    };
  }
  /** Dates with a month name, month first or day first. */
  private readNamedDate(position: number): DateCore | undefined {
    const text = this.text;
    const firstMonth = this.readMonth(position);
    if (firstMonth) {
      // June 2026 | June of 2026 | June 1(st)[–[July] 3], 2026
      const start = this.skipWhitespace(firstMonth.end);
      if (start === firstMonth.end && text[start - 1] !== '.' && text[start] !== ',') return undefined;
      const ofEnd = this.phraseEnd(start, 'of');
      const monthYear = this.readYearAfter(ofEnd > 0 ? ofEnd : start) ?? (text[start] === ',' ? undefined : this.readNumber(start, 4, 4));
      if (monthYear) return { year: monthYear.value, month: firstMonth.month, day: 1, precision: 'month', end: monthYear.end };
      const firstDay = this.readDay(start),
        connectorEnd = firstDay ? this.afterRangeConnector(firstDay.end) : -1;
      if (!firstDay) return undefined;
      const secondMonth = connectorEnd >= 0 ? this.readMonth(connectorEnd) : undefined;
      const secondDay = connectorEnd >= 0 ? this.readDay(secondMonth ? this.skipWhitespace(secondMonth.end) : connectorEnd) : undefined;
      const ranged = secondDay && (!secondMonth || this.skipWhitespace(secondMonth.end) > secondMonth.end);
      const year = this.readYearAfter(ranged ? secondDay.end : firstDay.end);
      if (!year) return undefined;
      const to = ranged ? { year: year.value, month: secondMonth ? secondMonth.month : firstMonth.month, day: secondDay.value } : undefined;
      return { year: year.value, month: firstMonth.month, day: firstDay.value, precision: 'day', end: year.end, style: 'month-day-year', to };
    }
    const firstDay = this.canStartNumberAt(position) ? this.readDay(position) : undefined; // 1(st) [of] June [– 3 July] 2026 | 1–3 June 2026
    if (!firstDay) return undefined;
    const connectorEnd = this.afterRangeConnector(firstDay.end);
    let secondDay = connectorEnd >= 0 ? this.readDay(connectorEnd) : undefined,
      secondMonth: number | undefined;
    const month = this.readMonth(secondDay ? secondDay.end : firstDay.end, true);
    if (!month) return undefined;
    let end = month.end;
    const laterConnectorEnd = secondDay ? -1 : this.afterRangeConnector(end);
    const laterDay = laterConnectorEnd >= 0 ? this.readDay(laterConnectorEnd) : undefined;
    const laterMonth = laterDay && this.readMonth(laterDay.end, true);
    if (laterDay && laterMonth) [secondDay, secondMonth, end] = [laterDay, laterMonth.month, laterMonth.end];
    const year = this.readYearAfter(end);
    if (!year) return undefined;
    const to = secondDay ? { year: year.value, month: secondMonth ?? month.month, day: secondDay.value } : undefined;
    return { year: year.value, month: month.month, day: firstDay.value, precision: 'day', end: year.end, style: 'day-month-year', to };
  }
  /** A bare year 1900–2199, only after a qualifier that allows one. */
  private readBareYear(position: number, years: YearMode): DateCore | undefined {
    const year = this.readNumber(position, 4, 4);
    if (!year || year.value < 1900 || year.value > 2199 || !this.canStartNumberAt(position) || !this.canEndAt(year.end)) return undefined;
    const next = this.text[this.skipWhitespace(year.end, false)];
    if (years === 1 && next !== undefined && !'.,;:!?()\n\r'.includes(next)) return undefined;
    return { year: year.value, month: 1, day: 1, precision: 'year', end: year.end };
  }
}
