/**
 * Unlabelled hex values of no standard hash length standing where an indicator stands (rule
 * ioc-hash-length): `4fd3…3b3` of 63 digits alone on a list item of the IOCs is probably a SHA-256 that
 * lost a digit when it was copied. A labelled value ("SHA-256: …", a SHA-256 column) is checked against its
 * label instead (ioc-hash-invalid), so this only reads what the scanner left unclaimed.
 *
 * Conservative by design: a value is reported only if it is the whole value of its line, list item, field
 * or table cell (a description in parentheses or after a dash may follow), has both digits and letters,
 * and nothing before it on the line (nor in a parenthesis right after it) names a hex value that is no
 * file hash: an imphash, ssdeep, TLSH or TLS fingerprint, a serial number, key, GUID, token, signature….
 * So hex in a sentence, in a query or in a command line is never reported. Each check reads a bounded
 * slice, so the cost is linear in the line.
 */
import { hasHexRun } from '../text/chars';
import { HEX_RE } from './iocPatterns';
import { HASH_LENGTHS, OTHER_HASH_BEFORE, type HashType } from './iocSurroundings';
import { aHashName, HASH_BY_LENGTH } from './iocValues';

export interface OddLengthHash {
  start: number;
  end: number;
  /** Its number of hex digits. */
  digits: number;
  /** The nearest standard hash type(s), one or two (a tie: 36 digits are as far from MD5 as from SHA-1). */
  nearest: HashType[];
}

export const MIN_HASH_DIGITS = 30;
export const MAX_HASH_DIGITS = 136;

/** Words that, before a hex value on its line, say it is no file hash. */
const NOT_A_FILE_HASH =
  /\b(?:imphash|import hash|ssdeep|tlsh|ja3s?|jarm|authentihash|vhash|pehash|serial|serial number|guid|uuid|clsid|key|keys|token|nonce|salt|iv|signature|sig|wallet|session|cookie|id|identifier|mutex|pipe|sid|secret|password|shellcode|bytes|xor|base16|encoded|payload bytes|commit|object id)\b/i;

/** Before the value: the start of a line, list item or quote, a `Key:` field label, or a table cell's start. */
const LINE_START_BEFORE = /^[ \t>]*(?:[-*+][ \t]+|\d{1,3}[.)][ \t]+)?(?:\[[ xX]\][ \t]+)?\x60?$/;
const FIELD_BEFORE = /^[ \t>]*(?:[-*+][ \t]+|\d{1,3}[.)][ \t]+)?(?:\*\*|__)?[^:|`]{1,60}:(?:\*\*|__)?[ \t]*\x60?$/;
const CELL_START_BEFORE = /\|[ \t]*\x60?$/;
/** After the value: the end of the line or cell, a list separator, or a description in parentheses or after a dash. */
const VALUE_END_AFTER = /^\x60?(?:[ \t]*$|[ \t]*\||[ \t]*[,;]|[ \t]+\(|[ \t]+[-–—:][ \t])/;

/** The longest stretch read before a value for its position (a line's start, a field label). */
const MAX_BEFORE = 96;

/** Whether `[start, end)` stands where an indicator stands: the whole value of a line, item, field or cell. */
function standsAsIndicator(text: string, start: number, end: number): boolean {
  if (!VALUE_END_AFTER.test(text.slice(end, end + 4))) return false;
  const before = text.slice(Math.max(0, start - MAX_BEFORE), start);
  if (CELL_START_BEFORE.test(before)) return true;
  if (start > MAX_BEFORE) return false;
  return LINE_START_BEFORE.test(before) || FIELD_BEFORE.test(before);
}

/** Whether the line says the value is no file hash: before it, or in a parenthesis right after it. */
function namedOtherwise(text: string, start: number, end: number): boolean {
  const before = text.slice(Math.max(0, start - MAX_BEFORE), start);
  if (OTHER_HASH_BEFORE.test(before.slice(-32)) || NOT_A_FILE_HASH.test(before)) return true;
  const after = /^\x60?[ \t]+\(([^)]{0,60})\)/.exec(text.slice(end, end + 66));
  return after !== null && NOT_A_FILE_HASH.test(after[1]);
}

function nearestTypes(digits: number): HashType[] {
  const lengths = Object.values(HASH_LENGTHS);
  const distance = Math.min(...lengths.map((length) => Math.abs(length - digits)));
  return lengths.filter((length) => Math.abs(length - digits) === distance).map((length) => HASH_BY_LENGTH.get(length) as HashType);
}

/** Unlabelled hex values of 30–136 digits and no hash's length where an indicator stands, not inside `taken`. */
export function oddLengthHashes(text: string, taken: readonly { start: number; end: number }[]): OddLengthHash[] {
  const found: OddLengthHash[] = [];
  if (!hasHexRun(text, MIN_HASH_DIGITS)) return found;
  const claimed = new Uint8Array(text.length + 1);
  for (const range of taken) claimed.fill(1, range.start, range.end);
  HEX_RE.lastIndex = 0;
  for (let match = HEX_RE.exec(text); match; match = HEX_RE.exec(text)) {
    const digits = match[0].length;
    const start = match.index;
    const end = start + digits;
    if (digits < MIN_HASH_DIGITS || digits > MAX_HASH_DIGITS || HASH_BY_LENGTH.has(digits)) continue;
    if (!/\d/.test(match[0]) || !/[a-f]/i.test(match[0])) continue;
    if (claimed.subarray(start, end).includes(1)) continue;
    if (!standsAsIndicator(text, start, end) || namedOtherwise(text, start, end)) continue;
    found.push({ start, end, digits, nearest: nearestTypes(digits) });
  }
  return found;
}

/** "probably truncated: 63 hex digits; a SHA-256 hash has 64". */
export function oddLengthProblem({ digits, nearest }: OddLengthHash): string {
  const lengths = nearest.map((type) => HASH_LENGTHS[type]);
  const how = lengths.every((length) => length > digits) ? 'truncated' : lengths.every((length) => length < digits) ? 'extended' : 'truncated or extended';
  const standard = nearest.map((type, index) => `${aHashName(type)} ${index === 0 ? 'has ' : ''}${HASH_LENGTHS[type]}`).join(', ');
  return `probably ${how}: ${digits} hex digits; ${standard}`;
}
