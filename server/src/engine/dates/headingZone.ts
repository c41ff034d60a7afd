import { splitQualifier } from '../schema/headingNames';
import { isLetterAt } from '../text/chars';
import { readZone, type ZoneInfo } from './timeZones';

/**
 * The time zone a section heading's qualifier gives its dates: "Timeline of Events (all times EST)",
 * "Timeline — times in UTC+2", "Timeline (UTC)". The first zone written in upper case ("EST", "UTC+2",
 * "+02:00") or an IANA zone ("Europe/Berlin") as a word of its own; none when the heading has no qualifier or the qualifier names no zone.
 */
export function headingZone(headingText: string): ZoneInfo | undefined {
  const qualified = splitQualifier(headingText);
  if (!qualified) return undefined;
  const text = qualified.qualifier;
  for (let position = 0; position < text.length; position++) {
    if (isLetterAt(text, position - 1) || (text[position] !== '+' && !isLetterAt(text, position))) continue;
    const read = readZone(text, position, false);
    if (!read || read.error || isLetterAt(text, read.end)) continue;
    if (read.zone.iana || (!read.zone.unknown && read.zone.name === read.zone.name.toUpperCase())) return read.zone;
  }
  return undefined;
}
