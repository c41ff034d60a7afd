import { isLetterAt } from '../text/chars';
import { atxHeadingText, listItemContentStart } from '../parse/lineSyntax';

/**
 * Whether an indicator of the Indicators of Compromise section is listed, or mentioned in a sentence.
 *
 * Listed: it opens its entry, after nothing but a list marker, a label ending in a colon (`**C2:**`,
 * `C2 server:`), a table pipe, other indicators and what stands between them (commas, "and", "or",
 * parenthesised notes such as "(C2)", code spans). Mentioned: words of a sentence come before it in the
 * same entry ("… before the coverage upload to codecov.io", "taken from FireEye's countermeasures,
 * https://github.com/…"). A mention may name a legitimate service, so a live one is said at a lower
 * severity than a listed one (rules/iocRules.ts).
 *
 * An entry is a list item, a table row, a paragraph, or one line of a code block; the state carries over
 * from line to line inside an entry, so each character is read once (linear in the section's length).
 */
export class IocProseReader {
  /** Whether words of a sentence came since the entry began or since its last colon or pipe. */
  private words = false;
  private previousEnded = true;

  /**
   * Reads one line of the section, in order. `indicators` are the spans of its indicators, in order;
   * the answer says, for each, whether it stands in a sentence.
   */
  readLine(text: string, indicators: readonly { start: number; end: number }[], verbatim: boolean): boolean[] {
    // A blank line, a heading, a table row and a line of code each end their entry: what follows starts anew.
    const ends = text.trim() === '' || verbatim || atxHeadingText(text) !== undefined || isTableRow(text);
    if (ends || this.previousEnded || listItemContentStart(text) !== undefined || text.trimStart().startsWith('>')) this.words = false;
    this.previousEnded = ends;
    const inProse: boolean[] = [];
    let next = 0;
    let index = 0;
    let parentheses = 0;
    // A code span is an artefact (a file name, a command), not words of a sentence.
    let inCode = false;
    for (;;) {
      while (next < indicators.length && indicators[next].start <= index) {
        inProse.push(this.words);
        index = Math.max(index, indicators[next].end);
        next++;
      }
      if (index >= text.length) break;
      const char = text[index];
      if (char === '`') {
        inCode = !inCode;
        index++;
      } else if (inCode) {
        index++;
      } else if (char === ':' || char === '|') {
        this.words = false;
        index++;
      } else if (char === '(' || char === ')') {
        parentheses = Math.max(0, parentheses + (char === '(' ? 1 : -1));
        index++;
      } else if (isLetterAt(text, index)) {
        let end = index + 1;
        while (end < text.length && isLetterAt(text, end)) end++;
        if (parentheses === 0 && !isConnective(text, index, end)) this.words = true;
        index = end;
      } else {
        index++;
      }
    }
    while (inProse.length < indicators.length) inProse.push(this.words);
    return inProse;
  }
}

/** Whether the word `start`…`end` joins listed indicators without making a sentence of them: `and`, `or`, in any case. */
function isConnective(text: string, start: number, end: number): boolean {
  const lower = (index: number) => text.charCodeAt(index) | 0x20;
  if (end - start === 2) return lower(start) === 0x6f /* o */ && lower(start + 1) === 0x72; /* r */
  return end - start === 3 && lower(start) === 0x61 /* a */ && lower(start + 1) === 0x6e /* n */ && lower(start + 2) === 0x64; /* d */
}

function isTableRow(text: string): boolean {
  return text.trimStart().startsWith('|');
}
