/**
 * Inline code spans and HTML comments in a line, found by explicit scans: each `indexOf` resumes where the
 * last one stopped, so a line of many unclosed openers (`<!--<!--<!--…`) is read once, not once per opener.
 */

const LINE_TERMINATORS = ['\n', '\r', '\u2028', '\u2029'];

/**
 * The first index ≥ `from` of any of `needles` in `text`, or -1, remembering each needle's answer: it stays
 * valid for every later `from` up to it, and a needle that is not found is never looked for again. (One
 * answer for all needles would send a needle that is absent back over the rest of the line at each call.)
 */
class NextIndex {
  /** Per needle: its next index at or after the last `from` asked, -1 when there is none, -2 when not asked yet. */
  private readonly at: number[];
  private asked = -1;

  constructor(
    private readonly text: string,
    private readonly needles: readonly string[],
  ) {
    this.at = needles.map(() => -2);
  }

  from(from: number): number {
    const again = from < this.asked;
    this.asked = from;
    let first = -1;
    for (let index = 0; index < this.needles.length; index++) {
      let at = this.at[index];
      if (at === -2 || again || (at >= 0 && at < from)) this.at[index] = at = this.text.indexOf(this.needles[index], from);
      if (at >= 0 && (first < 0 || at < first)) first = at;
    }
    return first;
  }
}

/**
 * Spans of a line, as start and end offsets one after the other (`[start0, end0, start1, end1, …]`, end
 * exclusive), as `/`+[^`]*`+|<!--.*?-->/g` matches them (a code span's closing run may
 * be longer than its opening one; a run of two or more backticks with nothing after closes itself).
 * Comments are only looked for when `comments` is true.
 */
export function codeAndCommentSpans(line: string, comments: boolean): number[] {
  const spans: number[] = [];
  const backtick = new NextIndex(line, ['`']);
  const opener = new NextIndex(line, comments ? ['`', '<!--'] : ['`']);
  const close = new NextIndex(line, ['-->']);
  const terminator = new NextIndex(line, LINE_TERMINATORS);
  let index = 0;
  while (index < line.length) {
    const start = opener.from(index);
    if (start < 0) break;
    if (line[start] === '`') {
      let runEnd = start;
      while (line[runEnd] === '`') runEnd++;
      const closing = backtick.from(runEnd);
      if (closing >= 0) {
        let closingEnd = closing;
        while (line[closingEnd] === '`') closingEnd++;
        spans.push(start, closingEnd);
        index = closingEnd;
      } else if (runEnd - start >= 2) {
        spans.push(start, runEnd);
        index = runEnd;
      } else {
        index = start + 1;
      }
    } else {
      const end = close.from(start + 4);
      const stop = terminator.from(start + 4);
      if (end >= 0 && (stop < 0 || stop >= end)) {
        spans.push(start, end + 3);
        index = end + 3;
      } else {
        index = start + 1;
      }
    }
  }
  return spans;
}

/** The line with each span replaced by as many spaces, so that columns stay put. */
export function blankSpans(line: string, spans: readonly number[]): string {
  if (spans.length === 0) return line;
  if (spans.length <= 16) {
    let result = '';
    let last = 0;
    for (let index = 0; index < spans.length; index += 2) {
      result += line.slice(last, spans[index]) + ' '.repeat(spans[index + 1] - spans[index]);
      last = spans[index + 1];
    }
    return result + line.slice(last);
  }
  // Many spans: fill a copy of the code units, then decode it in chunks (no string per span).
  const units = new Uint16Array(line.length);
  for (let index = 0; index < line.length; index++) units[index] = line.charCodeAt(index);
  for (let index = 0; index < spans.length; index += 2) units.fill(0x20, spans[index], spans[index + 1]);
  const chunks: string[] = [];
  for (let start = 0; start < units.length; start += CHUNK) chunks.push(String.fromCharCode(...units.subarray(start, start + CHUNK)));
  return chunks.join('');
}

/** Code units decoded per call when rebuilding a long line (well below engines' argument limits). */
const CHUNK = 4096;

/** The text without its HTML comments (`<!--` to the next `-->`, across lines), as `/<!--[\s\S]*?-->/g` removes them. */
export function withoutHtmlComments(text: string): string {
  let result = '';
  let last = 0;
  for (let open = text.indexOf('<!--'); open >= 0; open = text.indexOf('<!--', last)) {
    const close = text.indexOf('-->', open + 4);
    if (close < 0) break;
    result += text.slice(last, open);
    last = close + 3;
  }
  return last === 0 ? text : result + text.slice(last);
}
