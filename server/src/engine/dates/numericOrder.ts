import type { LineIndex } from '../text/lineIndex';
import { DerivedCache } from '../model/derivedCache';

/** An explicit numeric date order: day first (28/07/2026) or month first (07/28/2026). */
export type DateOrder = 'dmy' | 'mdy';
/** The configuration's `dates.order`: an order, or `auto` (read from the report's own dates). */
export type DateOrderSetting = DateOrder | 'auto';
/** The front matter key by which a report sets its numeric date order (`dateOrder: dmy`). */
export const DATE_ORDER_KEY = 'dateOrder';

/**
 * How a report's numeric dates (a/b/yyyy, a-b-yyyy) are read, and why: set by the front matter or the
 * configuration, inferred from a date that can be read one way only, or month first by default. `example`
 * is the first such date; `mixed` marks a report with dates that can only be day first and others that can
 * only be month first (and no setting): its ambiguous dates are read month first but cannot be trusted.
 */
export interface NumericOrder {
  dayFirst: boolean;
  source: 'front matter' | 'configuration' | 'inferred' | 'default';
  example?: { text: string; offset: number };
  /** Set when `mixed`: the first date that can only be day first and the first that can only be month first. */
  mixed?: { dayFirst: { text: string; offset: number }; monthFirst: { text: string; offset: number } };
}

/**
 * The order a report's own dates show: day first when some numeric date has a first number above 12 and
 * none a second number above 12 ("28/07/2026", "30.07.2026", "28-07-2026"); month first when the reverse;
 * the default (month first) when it has none or both. Dotted dates are always day first, so they count for
 * day first only.
 */
export function inferNumericOrder(text: string): NumericOrder {
  let dayFirst: NumericOrder['example'];
  let monthFirst: NumericOrder['example'];
  // No nested quantifiers: each match is a fixed shape of at most 10 characters.
  const numericDate = /(?<![\d/.-])(\d{1,2})([/.-])(\d{1,2})\2\d{4}(?![\d/-]|\.\d)/g;
  for (const match of text.matchAll(numericDate)) {
    const example = { text: match[0], offset: match.index ?? 0 };
    if (+match[1] > 12 && +match[3] <= 12) dayFirst ??= example;
    else if (+match[3] > 12 && +match[1] <= 12 && match[2] !== '.') monthFirst ??= example;
  }
  if (dayFirst && !monthFirst) return { dayFirst: true, source: 'inferred', example: dayFirst };
  if (monthFirst && !dayFirst) return { dayFirst: false, source: 'inferred', example: monthFirst };
  return dayFirst && monthFirst ? { dayFirst: false, source: 'default', mixed: { dayFirst, monthFirst } } : { dayFirst: false, source: 'default' };
}

/** Whether a report writes numeric dates day first, by its own dates alone. */
export function writesDayFirst(text: string): boolean {
  return inferNumericOrder(text).dayFirst;
}

const cache = new DerivedCache<LineIndex, NumericOrder>('numericOrder');

/**
 * Sets the order of a report's numeric dates from its front matter (`dateOrder`) or the configuration
 * (`dates.order`), the front matter winning; without either the report's own dates decide, read on first use.
 * Called once per check by the engine, with a new line index, so that the rules, the preview and the exports read the report's dates alike.
 */
export function setReportNumericOrder(lines: LineIndex, frontMatter: unknown, configured: DateOrderSetting | undefined): void {
  // Without a setting, the report's own dates are read when a date first needs the order (reportNumericOrder).
  if (frontMatter === 'dmy' || frontMatter === 'mdy') cache.set(lines, { dayFirst: frontMatter === 'dmy', source: 'front matter' });
  else if (configured === 'dmy' || configured === 'mdy') cache.set(lines, { dayFirst: configured === 'dmy', source: 'configuration' });
}

/** How a report's numeric dates are read: as set for this check, else by its own dates (read once per version of the document). */
export function reportNumericOrder(lines: LineIndex): NumericOrder {
  let order = cache.get(lines);
  if (order === undefined) cache.set(lines, (order = inferNumericOrder(lines.text)));
  return order;
}

/** Whether a report's ambiguous numeric dates (04/03/2026) are read day first. */
export function reportWritesDayFirst(lines: LineIndex): boolean {
  return reportNumericOrder(lines).dayFirst;
}
