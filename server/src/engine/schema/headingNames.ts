import { memoizeString } from '../text/memo';

/**
 * Headings and keys as people write them: a name followed by a qualifier in parentheses or brackets, or
 * after a dash or colon ("Timeline of Events (all times EST)", "Indicators of Compromise (IOCs)",
 * "Timeline — all times UTC+2"). One pass over the text: linear.
 */
export interface QualifiedName {
  /** The name before the qualifier, trimmed. */
  name: string;
  /** The qualifier without its brackets or dash, trimmed. */
  qualifier: string;
  /** Offset of the qualifier's first character in the text (after the bracket or dash). */
  qualifierStart: number;
}

const DASHES = new Set(['-', '\u2013', '\u2014']);

/**
 * The name and qualifier of a heading or key, split at the first bracket, spaced dash or colon; undefined
 * when there is none. Remembered by text: every rule asks it of the same headings (the answer is shared, read-only).
 */
export const splitQualifier: (text: string) => Readonly<QualifiedName> | undefined = memoizeString(readQualifier);

function readQualifier(text: string): QualifiedName | undefined {
  for (let index = 1; index < text.length; index++) {
    const char = text[index];
    let start = -1;
    let close: string | undefined;
    if (char === '(' || char === '[') [start, close] = [index + 1, char === '(' ? ')' : ']'];
    else if (DASHES.has(char) && (char !== '-' || (text[index - 1] === ' ' && text[index + 1] === ' '))) start = index + 1;
    else if (char === ':' && text[index + 1] === ' ') start = index + 1;
    if (start < 0) continue;
    const name = text.slice(0, index).trim();
    let end = text.length;
    while (end > start && text[end - 1] === ' ') end--;
    if (close !== undefined && text[end - 1] === close) end--;
    while (start < end && text[start] === ' ') start++;
    const qualifier = text.slice(start, end).trim();
    return name && qualifier ? { name, qualifier, qualifierStart: start } : undefined;
  }
  return undefined;
}

const isDigit = (char: string | undefined): boolean => char !== undefined && char >= '0' && char <= '9';
const isRoman = (char: string | undefined): boolean => char !== undefined && 'ivxIVX'.includes(char);

/** Length of the numbering before a heading's name ("3. ", "2.1 ", "III) "), spaces included; 0 when there is none. */
export function numberingLength(text: string): number {
  let end = 0;
  if (isDigit(text[0])) while (isDigit(text[end]) || (text[end] === '.' && isDigit(text[end + 1]))) end++;
  else while (isRoman(text[end])) end++;
  if (end === 0) return 0;
  if (text[end] === '.' || text[end] === ')' || text[end] === ':') end++;
  const spaces = end;
  while (text[end] === ' ' || text[end] === '\t') end++;
  return end > spaces ? end : 0;
}
