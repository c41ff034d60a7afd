/**
 * An Attack Methodology key that writes the tactic's ID with its name, as many reports do:
 * "Initial Access (TA0001)", "Initial Access [TA0001]", "TA0001 Initial Access", "TA0001 - Initial Access",
 * "Initial Access - TA0001". Scanned by hand, in one pass: linear.
 */
export interface TacticKeyParts {
  /** The tactic ID as written ("TA0001"). */
  id: string;
  /** Offsets of the ID and of the name within the key. */
  idStart: number;
  name: string;
  nameStart: number;
}

const SEPARATORS = new Set([' ', '\t', '-', ':', '\u2013', '\u2014', '|', '/']);

function isTacticIdAt(text: string, start: number): boolean {
  if (start < 0 || text.slice(start, start + 2).toUpperCase() !== 'TA') return false;
  for (let index = start + 2; index < start + 6; index++) if (!(text[index] >= '0' && text[index] <= '9')) return false;
  return true;
}

/** The ID and the name of a key that writes both; undefined for any other key. */
export function splitTacticKey(key: string): TacticKeyParts | undefined {
  let start = 0;
  let end = key.length;
  while (start < end && key[start] === ' ') start++;
  while (end > start && key[end - 1] === ' ') end--;
  // Leading: "TA0001 Initial Access", "TA0001 - Initial Access", "TA0001: Initial Access".
  if (isTacticIdAt(key, start) && SEPARATORS.has(key[start + 6])) {
    let nameStart = start + 6;
    while (nameStart < end && SEPARATORS.has(key[nameStart])) nameStart++;
    return nameStart < end ? { id: key.slice(start, start + 6), idStart: start, name: key.slice(nameStart, end), nameStart } : undefined;
  }
  // Trailing, in brackets: "Initial Access (TA0001)", "Initial Access [TA0001]".
  let idEnd = end;
  const close = key[end - 1];
  if (close === ')' || close === ']') {
    idEnd = end - 1;
    while (idEnd > start && key[idEnd - 1] === ' ') idEnd--;
  }
  const idStart = idEnd - 6;
  if (idStart <= start || !isTacticIdAt(key, idStart)) return undefined;
  let nameEnd = idStart;
  if (close === ')' || close === ']') {
    while (nameEnd > start && key[nameEnd - 1] === ' ') nameEnd--;
    if (key[nameEnd - 1] !== (close === ')' ? '(' : '[')) return undefined;
    nameEnd--;
  } else if (!SEPARATORS.has(key[idStart - 1])) {
    return undefined; // "XTA0001"
  }
  while (nameEnd > start && SEPARATORS.has(key[nameEnd - 1])) nameEnd--;
  return nameEnd > start ? { id: key.slice(idStart, idEnd), idStart, name: key.slice(start, nameEnd), nameStart: start } : undefined;
}
