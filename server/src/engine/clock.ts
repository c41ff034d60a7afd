/**
 * The checker's notion of "now", for the date rules ("in the future"), completion ("today") and rendered
 * timestamps. The CLI and the language server read it from one setting, INCREPORT_NOW, so that an old
 * report can be re-checked as of a given day and every test runs on a clock it chose.
 */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

/** The name of the environment variable that fixes the clock. */
export const CLOCK_VARIABLE = 'INCREPORT_NOW';

// YYYY-MM-DD, optionally followed by T or a space, HH:MM, optional :SS and fraction, optional Z or ±HH[:]MM.
// Anchored, no nested quantifiers: linear time on any input.
const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

const EXPECTED = 'an ISO 8601 date or date-time such as 2026-06-01, 2026-06-01T12:00Z or 2026-06-01T14:00+02:00';

/**
 * Reads an INCREPORT_NOW value. A date alone means the end of that day in UTC (a report dated that day is
 * not "in the future"); a date-time without a zone is UTC. Returns a message when the value is not usable.
 */
export function parseClockSetting(value: string): { now: Date } | { error: string } {
  const text = value.trim();
  const match = ISO_INSTANT.exec(text);
  const shown = text.length > 40 ? `${text.slice(0, 37)}…` : text;
  if (!match) return { error: `${CLOCK_VARIABLE} is '${shown}'; expected ${EXPECTED}` };
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const dateOnly = match[4] === undefined;
  const [hour, minute, second] = dateOnly ? [23, 59, 59] : [Number(match[4]), Number(match[5]), Number(match[6] ?? 0)];
  const millisecond = dateOnly ? 999 : Math.floor(Number(`0.${match[7] ?? '0'}`) * 1000);
  const local = Date.UTC(year, month - 1, day, hour, minute, second, millisecond);
  const check = new Date(local);
  if (month < 1 || month > 12 || check.getUTCDate() !== day || check.getUTCMonth() !== month - 1 || hour > 23 || minute > 59 || second > 59) {
    return { error: `${CLOCK_VARIABLE} is '${shown}', which is not a real date and time; expected ${EXPECTED}` };
  }
  const offset = offsetMinutes(match[8]);
  if (offset === undefined) return { error: `${CLOCK_VARIABLE} is '${shown}', whose UTC offset is not real (at most ±14:00); expected ${EXPECTED}` };
  return { now: new Date(local - offset * 60_000) };
}

/** The clock a setting asks for: fixed at INCREPORT_NOW when it is set (and not empty), else the system clock. */
export function clockFromSetting(value: string | undefined): { clock: Clock } | { error: string } {
  if (value === undefined || value.trim() === '') return { clock: systemClock };
  const parsed = parseClockSetting(value);
  if ('error' in parsed) return parsed;
  const fixed = parsed.now.getTime();
  return { clock: () => new Date(fixed) };
}

/** Minutes east of UTC for 'Z', '+02:00' or '-0530'; undefined for an offset no place uses. */
function offsetMinutes(zone: string | undefined): number | undefined {
  if (zone === undefined || zone.toUpperCase() === 'Z') return 0;
  const digits = zone.slice(1).replace(':', '');
  const [hours, minutes] = [Number(digits.slice(0, 2)), Number(digits.slice(2))];
  if (minutes > 59 || hours * 60 + minutes > 14 * 60) return undefined;
  return zone.startsWith('-') ? -(hours * 60 + minutes) : hours * 60 + minutes;
}
