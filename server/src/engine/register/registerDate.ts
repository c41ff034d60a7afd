import { parseReportDate } from '../dates/parseDate';
import type { ZoneInfo } from '../dates/timeZones';
import type { RegisterDate } from './registerTypes';

/**
 * A date of the register as the date rules read it (the report's numeric order, the section heading's
 * zone). Text that holds no date, or a date the parser rejects, is kept as written with the reason: the
 * register never guesses a date.
 */
export function readRegisterDate(text: string, line: number, zone: ZoneInfo | undefined, dayFirst: boolean): RegisterDate {
  const trimmed = text.trim();
  if (trimmed === '') return { text: trimmed, line, unreadable: 'no date written' };
  const result = parseReportDate(trimmed, zone, dayFirst);
  if (result.kind === 'invalid') return { text: trimmed, line, unreadable: result.reason };
  if (result.kind === 'none') return { text: trimmed, line, unreadable: 'no date the engine can read' };
  const { date } = result;
  return { text: trimmed, line, start: new Date(date.earliest).toISOString(), end: new Date(date.latest).toISOString(), precision: date.precision };
}

/** The instant a metric measures from or to: the start of the interval the date means; undefined when unreadable. */
export function instantOf(date: RegisterDate | null): number | undefined {
  if (!date || !('start' in date)) return undefined;
  // A row's dates outlive many registers (the editor rebuilds one on every change): parse each once.
  let instant = instants.get(date);
  if (instant === undefined) instants.set(date, (instant = Date.parse(date.start)));
  return instant;
}

const instants = new WeakMap<RegisterDate, number>();
