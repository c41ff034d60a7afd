/**
 * Character tests for hand-written scanners: explicit loops instead of patterns that would backtrack
 * (see test/unit/complexity). Each test reads one UTF-16 code unit.
 */

/** Exactly the characters of a regular expression's `\s`: ECMAScript white space and line terminators. */
export function isWhitespaceCode(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  if (code < 0xa0) return false;
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/** Whether `text[index]` is white space (`\s`); false past either end. */
export function isWhitespaceAt(text: string, index: number): boolean {
  return index >= 0 && index < text.length && isWhitespaceCode(text.charCodeAt(index));
}

/** Whether `text[index]` is an ASCII digit; false past either end. */
export function isDigitAt(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  return code >= 0x30 && code <= 0x39;
}

/** Whether `text[index]` is a regular expression word character (`\w`: ASCII letters, digits, `_`). */
export function isWordCharAt(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || code === 0x5f;
}

/** The end of the run of white space starting at `from` (`from` itself when there is none). */
export function skipWhitespace(text: string, from: number): number {
  let index = from;
  while (index < text.length && isWhitespaceCode(text.charCodeAt(index))) index++;
  return index;
}

/** `end` moved back over every character of `text` before it that `test` accepts, not before `start`. */
export function trimEndWhile(text: string, start: number, end: number, test: (code: number) => boolean): number {
  let index = end;
  while (index > start && test(text.charCodeAt(index - 1))) index--;
  return index;
}

/** Whether each UTF-16 code unit above ASCII is a letter: 0 not known yet, 1 a letter, 2 not one. Filled as text is read. */
const NON_ASCII_LETTER = new Uint8Array(0x10000);
const LETTER = /^\p{L}/u;
const UPPERCASE = /^\p{Lu}/u;

/** Whether `text[index]` starts a letter (`\p{L}`, a surrogate pair read whole); false past either end. */
export function isLetterAt(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  if ((code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)) return true;
  if (code <= 0x7f || Number.isNaN(code)) return false;
  // Dashes, quotes and other non-ASCII punctuation are frequent in reports: each is tested once per process.
  if (code < 0xd800 || code > 0xdfff) {
    if (NON_ASCII_LETTER[code] === 0) NON_ASCII_LETTER[code] = LETTER.test(text[index]) ? 1 : 2;
    return NON_ASCII_LETTER[code] === 1;
  }
  return LETTER.test(text.slice(index, index + 2));
}

/** Whether `text[index]` starts an upper-case letter (`\p{Lu}`): ASCII tested by code, anything else by the Unicode property. */
export function isUppercaseAt(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  if (code <= 0x7f) return code >= 0x41 && code <= 0x5a;
  return UPPERCASE.test(text.slice(index, index + 2));
}

/**
 * Whether the text holds `length` hex digits in a row (upper or lower case): what `/[0-9a-f]{30}/i`
 * tests, in one pass rather than a match attempt, reading the hex run that follows, at every position.
 */
export function hasHexRun(text: string, length: number): boolean {
  let run = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    const letter = code | 0x20; // upper-case A–F as a–f
    if ((code >= 0x30 && code <= 0x39) || (letter >= 0x61 && letter <= 0x66)) {
      if (++run >= length) return true;
    } else {
      run = 0;
    }
  }
  return false;
}
