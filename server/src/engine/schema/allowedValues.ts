import { closestMatch } from '../text/editDistance';
import { normalizeName } from './names';

/** More allowed values than this are cut short in a message; completion still offers them all. */
const MAX_LISTED = 20;
const CASE_NOTE = '(values are case-sensitive)';

/**
 * "one of: a, b, c" for an `enum`, written for a report writer: values that differ only in case are
 * listed once, and an optional prefix every value may drop (TLP's "TLP:AMBER" / "AMBER") is said once
 * instead of doubling the list. A likely intended value ("did you mean 'AMBER'?") is added when the
 * value read is close to one.
 */
export function describeAllowedValues(allowed: readonly unknown[], value: unknown): string {
  const { listed, prefix } = collapseOptionalPrefix(allowed.map(showAllowed));
  const distinct = dedupeIgnoringCase(listed);
  const shown = distinct.length > MAX_LISTED ? [...distinct.slice(0, MAX_LISTED), `… (${distinct.length - MAX_LISTED} more)`] : distinct;
  const prefixNote = prefix ? ` (the '${prefix}' prefix may be left out)` : '';
  const suggestion = suggestionFor(value, allowed);
  if (distinct.length === 1) return `'${distinct[0]}'${suggestion.endsWith(CASE_NOTE) ? ` ${CASE_NOTE}` : ''}`;
  return `one of: ${shown.join(', ')}${prefixNote}${suggestion}`;
}

/** "; did you mean 'AMBER'? (values are case-sensitive)", or '' when no allowed value is near. */
export function suggestionFor(value: unknown, allowed: readonly unknown[]): string {
  if (typeof value !== 'string' || value.trim() === '') return '';
  const candidates = allowed.filter((item): item is string => typeof item === 'string' && item !== value);
  const sameLetters = candidates.find((item) => item.toLowerCase() === value.toLowerCase());
  if (sameLetters) return `; did you mean '${sameLetters}'? ${CASE_NOTE}`;
  const sameWords = candidates.find((item) => normalizeName(item) !== '' && normalizeName(item) === normalizeName(value));
  const near = sameWords ?? closestMatch(value, candidates, 1);
  return near ? `; did you mean '${near}'?` : '';
}

function showAllowed(value: unknown): string {
  if (value === '') return '(empty)';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * Finds a prefix ending in punctuation ("TLP:") such that at least two values are written both with
 * and without it, and every value written with it also exists without it; lists only the long forms.
 */
function collapseOptionalPrefix(values: readonly string[]): { listed: string[]; prefix?: string } {
  const present = new Set(values);
  const pairsByPrefix = new Map<string, string[]>();
  for (const long of values) {
    for (const short of values) {
      if (short === '' || short === long || !long.endsWith(short)) continue;
      const prefix = long.slice(0, long.length - short.length);
      if (!/[^\p{L}\p{N}]$/u.test(prefix)) continue;
      pairsByPrefix.set(prefix, [...(pairsByPrefix.get(prefix) ?? []), short]);
    }
  }
  for (const [prefix, shorts] of pairsByPrefix) {
    const withPrefix = values.filter((value) => value.startsWith(prefix));
    const complete = withPrefix.every((value) => present.has(value.slice(prefix.length)));
    if (shorts.length < 2 || !complete) continue;
    const dropped = new Set(shorts);
    return { listed: values.filter((value) => !dropped.has(value)), prefix };
  }
  return { listed: [...values] };
}

function dedupeIgnoringCase(values: readonly string[]): string[] {
  const seen = new Set<string>();
  return values.filter((value) => {
    const key = value.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
