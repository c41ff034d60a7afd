/**
 * The lexical layer of the report date parser (parseDate.ts): character classes and a scanner base class
 * whose token readers (digits, words, numbers, whitespace, fixed phrases) each move forward only, so the
 * grammar built on them scans a text in linear time.
 */
import { isLetterAt } from '../text/chars';

export const isDigitAt = (text: string, index: number): boolean => {
  const code = text.charCodeAt(index);
  return code >= 48 && code <= 57;
};

/** "+", "-" or the Unicode minus sign. */
export function isSign(char: string | undefined): boolean {
  return char === '+' || char === '-' || char === '\u2212';
}

/** Spaces, tabs and no-break spaces; never a line break. */
export function skipSpaces(text: string, position: number): number {
  while (text[position] === ' ' || text[position] === '\t' || text[position] === '\u00a0') position++;
  return position;
}

/** A phrase's space-separated words, split once per phrase. */
const PHRASE_WORDS = new Map<string, string[]>();

/** Token readers over one text, for the date grammar in parseDate.ts. Each returns the end of what it read. */
export class DateLexer {
  constructor(protected readonly text: string) {}

  protected digitsEnd(position: number): number {
    while (isDigitAt(this.text, position)) position++;
    return position;
  }
  protected wordEnd(position: number): number {
    while (isLetterAt(this.text, position)) position++;
    return position;
  }
  protected lowerCaseSlice(start: number, end: number): string {
    return this.text.slice(start, end).toLowerCase();
  }
  protected isAlphanumericAt(position: number): boolean {
    return isDigitAt(this.text, position) || isLetterAt(this.text, position);
  }
  /** Spaces and tabs, plus at most one line break when `lines` (dates wrap in Markdown paragraphs; times do not). */
  protected skipWhitespace(position: number, lines = true): number {
    for (let breaks = lines ? 0 : 1; ;) {
      const char = this.text[position];
      if (char === ' ' || char === '\t' || char === '\u00a0') position++;
      else if ((char === '\n' || char === '\r') && breaks++ === 0) position += char === '\r' && this.text[position + 1] === '\n' ? 2 : 1;
      else return position;
    }
  }
  /** Whether a date expression may end here: not inside a word or a longer dotted, dashed or timed number. */
  protected canEndAt(position: number): boolean {
    return !this.isAlphanumericAt(position) && !('.:/-'.includes(this.text[position] ?? 'x') && isDigitAt(this.text, position + 1));
  }
  /** End of `phrase` (lower case; a space matches spaces) at `position`, or -1. */
  protected phraseEnd(position: number, phrase: string): number {
    if ((this.text.charCodeAt(position) | 0x20) !== phrase.charCodeAt(0)) return -1;
    let end = position;
    let words = PHRASE_WORDS.get(phrase);
    if (!words) PHRASE_WORDS.set(phrase, (words = phrase.split(' ')));
    for (const word of words) {
      if (end > position) {
        const next = this.skipWhitespace(end, false);
        if (next === end) return -1;
        end = next;
      }
      if (this.lowerCaseSlice(end, end + word.length) !== word) return -1;
      end += word.length;
      if (word.charCodeAt(word.length - 1) >= 97 && isLetterAt(this.text, end)) return -1;
    }
    return end;
  }
  /** A run of `minDigits` to `maxDigits` digits at `position` (no more), as a number. */
  protected readNumber(position: number, minDigits: number, maxDigits: number): { value: number; end: number } | undefined {
    const end = this.digitsEnd(position);
    const length = end - position;
    return length >= minDigits && length <= maxDigits ? { value: +this.text.slice(position, end), end } : undefined;
  }
}
