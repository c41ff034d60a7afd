/**
 * IANA time zone names after a time ("22:30 Europe/Berlin", "16:00 Asia/Kolkata", "Etc/UTC"): the name is
 * read by a bounded token scan, checked with the JavaScript runtime's own zone data (Intl.DateTimeFormat,
 * standard JS: no Node API, no dependency), and wall-clock times are turned into instants DST-correct.
 * A name that looks like a zone but is none ("Europe/Londn") is kept with the nearest real zone as a
 * suggestion, so that the date is reported rather than silently read as UTC.
 */
import { editDistance } from '../text/editDistance';

/** The areas IANA zone names start with; a word/word token after a time is a zone name only with one of these. */
const AREAS = new Set([
  'Africa',
  'America',
  'Antarctica',
  'Arctic',
  'Asia',
  'Atlantic',
  'Australia',
  'Europe',
  'Indian',
  'Pacific',
  'Etc',
  'US',
  'Canada',
  'Brazil',
  'Mexico',
  'Chile',
]);
/** Longer than any IANA name ("America/Argentina/ComodRivadavia" has 32 characters): the scan stops there. */
const MAX_NAME_LENGTH = 40;

export interface IanaNameRead {
  /** The name as written. */
  name: string;
  end: number;
  /** The runtime's canonical spelling when the zone exists ("UTC" for "Etc/UTC"). */
  canonical?: string;
  /** For a name that is no zone: the nearest real one, if any is near. */
  suggestion?: string;
}

const isNameChar = (code: number) =>
  (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || code === 95 || code === 45 || code === 43;

/**
 * An IANA-looking name at `start`: a known area, "/", then letters, digits, "_", "-" or "+" in at most two
 * more "/"-separated parts. Reads at most MAX_NAME_LENGTH characters. Undefined when it is not zone-like.
 */
export function readIanaName(text: string, start: number): IanaNameRead | undefined {
  let end = start;
  let slashes = 0;
  while (end - start <= MAX_NAME_LENGTH) {
    const code = text.charCodeAt(end);
    if (code === 47 /* / */ && slashes < 2 && isNameChar(text.charCodeAt(end + 1)) && text.charCodeAt(end + 1) !== 45) slashes++;
    else if (!isNameChar(code)) break;
    end++;
  }
  if (slashes === 0 || end - start > MAX_NAME_LENGTH || !AREAS.has(text.slice(start, text.indexOf('/', start)))) return undefined;
  while (text[end - 1] === '-' || text[end - 1] === '+') end--; // "Europe/Berlin-" is a name and a dash
  const name = text.slice(start, end);
  const canonical = canonicalZone(name);
  return canonical ? { name, end, canonical } : { name, end, suggestion: nearestZone(name) };
}

const formatters = new Map<string, Intl.DateTimeFormat | null>();

/** The runtime's formatter for a zone; null when the runtime does not know the zone. */
function formatterOf(name: string): Intl.DateTimeFormat | null {
  let formatter = formatters.get(name);
  if (formatter === undefined) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone: name,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      formatter = null;
    }
    if (formatters.size < 1000) formatters.set(name, formatter);
  }
  return formatter;
}

/** The canonical name of a zone the runtime knows, else undefined. */
export function canonicalZone(name: string): string | undefined {
  return formatterOf(name)?.resolvedOptions().timeZone;
}

let knownZones: readonly string[] | undefined;

/** The real zone nearest to a mistyped name ("Europe/Londn" → "Europe/London"), compared within the same area first. */
const suggestions = new Map<string, string | undefined>();
function nearestZone(name: string): string | undefined {
  if (suggestions.has(name)) return suggestions.get(name);
  const suggestion = computeNearestZone(name);
  if (suggestions.size < 1000) suggestions.set(name, suggestion);
  return suggestion;
}
function computeNearestZone(name: string): string | undefined {
  knownZones ??= typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const lower = name.toLowerCase();
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(name.length / 4)) + 1;
  for (const zone of knownZones) {
    if (Math.abs(zone.length - name.length) >= bestDistance) continue;
    const distance = editDistance(lower, zone.toLowerCase());
    if (distance < bestDistance) [best, bestDistance] = [zone, distance];
  }
  return best;
}

/** Minutes east of UTC in zone `name` at the UTC instant `instant`. */
function offsetAt(formatter: Intl.DateTimeFormat, instant: number): number {
  const parts: Record<string, number> = {};
  for (const part of formatter.formatToParts(new Date(instant))) if (part.type !== 'literal') parts[part.type] = +part.value;
  const wall = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  return Math.round((wall - (instant - (((instant % 1000) + 1000) % 1000))) / 60_000);
}

const DAY_MS = 86_400_000;

/**
 * The UTC instant of wall-clock milliseconds `wall` (a wall time read as UTC) in zone `name`. A repeated hour
 * (autumn) gives its earlier instant, or the later with `latest`; a skipped hour (spring) is read with the
 * offset before the change, as Temporal's "compatible" disambiguation does.
 */
export function ianaInstant(name: string, wall: number, latest: boolean): number {
  const formatter = formatterOf(name);
  if (!formatter) return wall;
  const before = offsetAt(formatter, wall - DAY_MS);
  const after = offsetAt(formatter, wall + DAY_MS);
  const valid = [before, after].map((offset) => wall - offset * 60_000).filter((instant, index) => offsetAt(formatter, instant) === [before, after][index]);
  if (valid.length === 0) return wall - before * 60_000;
  return latest ? Math.max(...valid) : Math.min(...valid);
}

/** The offset of zone `name` at a UTC instant, in minutes east of UTC (for messages). */
export function ianaOffsetAt(name: string, instant: number): number {
  const formatter = formatterOf(name);
  return formatter ? offsetAt(formatter, instant) : 0;
}
