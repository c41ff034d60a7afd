import type { ParsedDate } from './parseDate';

/** "approx." widens a date by this much on each side. */
export const APPROXIMATE_TOLERANCE_MS = 12 * 60 * 60 * 1000;
/** A date written without a zone may be in any zone from UTC-12 to UTC+14. */
export const UNKNOWN_ZONE_TOLERANCE_MS = 14 * 60 * 60 * 1000;

/**
 * The interval a written date can stand for, qualifiers applied: "prior to X" has no lower bound,
 * "after X" no upper bound, "approx. X" is widened.
 */
export function dateInterval(date: ParsedDate): { low: number; high: number } {
  let low = date.earliest;
  let high = date.latest;
  if (date.qualifier === 'before') low = -Infinity;
  if (date.qualifier === 'after') high = Infinity;
  if (date.qualifier === 'approximate') {
    low -= APPROXIMATE_TOLERANCE_MS;
    high += APPROXIMATE_TOLERANCE_MS;
  }
  return { low, high };
}

/**
 * Whether `later` certainly happened before `earlier`. When only one of the two names a zone, the
 * other may be up to a day off, so only a larger gap counts.
 */
export function certainlyBefore(later: ParsedDate, earlier: ParsedDate): boolean {
  const tolerance = (later.zone === undefined) !== (earlier.zone === undefined) ? UNKNOWN_ZONE_TOLERANCE_MS : 0;
  return dateInterval(later).high + tolerance < dateInterval(earlier).low;
}

/** Whether a date certainly lies after `now`. */
export function certainlyAfter(date: ParsedDate, now: number): boolean {
  const tolerance = date.zone === undefined ? UNKNOWN_ZONE_TOLERANCE_MS : 0;
  return dateInterval(date).low - tolerance > now;
}
