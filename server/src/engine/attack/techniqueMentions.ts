import { isDigitAt, isLetterAt, isWhitespaceCode, isWordCharAt, skipWhitespace } from '../text/chars';

/** A technique ID as written in report text, with the name written after it (if any). */
export interface TechniqueMention {
  /** As written, e.g. "T1566.001" or a malformed "T1566.01". */
  id: string;
  start: number;
  end: number;
  /** Whether it has the ATT&CK form T#### or T####.###. */
  wellFormed: boolean;
  /** The words written after the ID up to the next delimiter, e.g. "Spearphishing Attachment". */
  name?: { text: string; start: number; end: number };
}

/**
 * Cheap necessary condition, tested first: most lines mention no technique. `T` and two digits, found by
 * `indexOf` (a native search) rather than a regex call on every line of every check.
 */
function mayMention(text: string): boolean {
  for (let at = text.indexOf('T'); at >= 0; at = text.indexOf('T', at + 1)) if (isDigitAt(text, at + 1) && isDigitAt(text, at + 2)) return true;
  return false;
}
/** Anything shaped like a technique reference: T, 2–5 digits, optionally a sub-technique part. */
const CANDIDATE = /(?<![\w./-])T\d{2,5}(?:[./]\d{1,4})?(?![\w./]?\w)/g;
const WELL_FORMED = /^T\d{4}(?:\.\d{3})?$/;
/**
 * Longest name read after an ID. The longest ATT&CK name, a sub-technique with its parent's, has about
 * 100 characters; a longer run of words is prose, and reading it whole for every ID of a long line would
 * make the line's cost grow with the square of its length.
 */
export const MAX_NAME_LENGTH = 200;

/**
 * Finds technique references in one line of text, in order. Linear in the line's length: the name
 * delimiters are found by one forward scan shared by all the line's IDs (see {@link NameEnds}).
 */
export function findTechniqueMentions(text: string): TechniqueMention[] {
  if (!mayMention(text)) return [];
  const mentions: TechniqueMention[] = [];
  const nameEnds = new NameEnds(text);
  // exec over the shared pattern, not matchAll: matchAll copies the RegExp on every call. Nothing in the loop scans with it again.
  CANDIDATE.lastIndex = 0;
  for (let match = CANDIDATE.exec(text); match; match = CANDIDATE.exec(text)) {
    const start = match.index;
    const end = start + match[0].length;
    const mention: TechniqueMention = { id: match[0], start, end, wellFormed: WELL_FORMED.test(match[0]) };
    const nameStart = nameLeadEnd(text, end);
    const stop = Math.min(nameEnds.from(nameStart), nameStart + MAX_NAME_LENGTH);
    let nameEnd = stop;
    while (nameEnd > nameStart && isNameTrailer(text.charCodeAt(nameEnd - 1))) nameEnd--;
    if (nameEnd > nameStart && nameStart > end && isLetterAt(text, nameStart)) {
      mention.name = { text: text.slice(nameStart, nameEnd), start: nameStart, end: nameEnd };
    }
    mentions.push(mention);
  }
  return mentions;
}

/** Between an ID and its name: spaces and tabs, then a colon, a dash or an opening parenthesis, then spaces and tabs. */
function nameLeadEnd(text: string, from: number): number {
  let index = skipBlanks(text, from);
  const char = text[index];
  if (char === ':' || char === '–' || char === '—' || char === '-' || char === '(') index = skipBlanks(text, index + 1);
  return index;
}

function skipBlanks(text: string, from: number): number {
  let index = from;
  while (text[index] === ' ' || text[index] === '\t') index++;
  return index;
}

/** Trimmed off a name's end: white space, dots, and emphasis markers. */
function isNameTrailer(code: number): boolean {
  return code === 0x2e || code === 0x2a || code === 0x5f || isWhitespaceCode(code);
}

/** A list delimiter or closing bracket ends a name where it stands. */
function isDelimiter(char: string): boolean {
  return char === ',' || char === ';' || char === ')' || char === ']' || char === '|';
}

/**
 * Where names end. A name ends at a list delimiter or closing bracket, or at the white space before the
 * next technique ID (`T1234`, or `and`/`or`/`&` then an ID) or before an opening parenthesis.
 *
 * The IDs of a line are visited left to right, each asking for the first end at or after its name's
 * start. An answer stays right for every later start up to it, so it is kept, and each character of
 * the line is scanned once whatever the number of IDs.
 */
class NameEnds {
  private found = -1;

  constructor(private readonly text: string) {}

  from(start: number): number {
    if (this.found < start) this.found = this.scan(start);
    return this.found;
  }

  private scan(start: number): number {
    const text = this.text;
    let index = start;
    while (index < text.length) {
      if (isDelimiter(text[index])) return index;
      if (isWhitespaceCode(text.charCodeAt(index))) {
        const after = skipWhitespace(text, index);
        if (this.startsNextName(after)) return index;
        index = after;
      } else {
        index++;
      }
    }
    return text.length;
  }

  /** After white space: `(`, an ID `T` + 4 digits (not more), or `and`/`or`/`&`, white space and `T` + a digit. */
  private startsNextName(at: number): boolean {
    const text = this.text;
    if (text[at] === '(') return true;
    if (text[at] === 'T' && isDigitAt(text, at + 1) && isDigitAt(text, at + 2) && isDigitAt(text, at + 3) && isDigitAt(text, at + 4)) {
      if (!isWordCharAt(text, at + 5)) return true;
    }
    const conjunction = text.startsWith('and', at) ? 3 : text.startsWith('or', at) ? 2 : text[at] === '&' ? 1 : 0;
    if (conjunction === 0 || !isWhitespaceCode(text.charCodeAt(at + conjunction))) return false;
    const id = skipWhitespace(text, at + conjunction);
    return text[id] === 'T' && isDigitAt(text, id + 1);
  }
}
