import type { Position, Range } from '../types';

/**
 * Line table over a text. Lines end at `\n`, `\r\n` or a lone `\r`, as in LSP and CommonMark.
 * Characters are UTF-16 code units, which is what JavaScript string indices already are.
 */
export class LineIndex {
  /** Offset of the first character of each line. */
  private readonly starts: number[];

  /** Each line's text, sliced once on first use: every rule reads lines, often the same ones. */
  private texts: (string | undefined)[] | undefined;

  /** `hasCarriageReturn`: whether the text holds a `\r`, when the caller has looked already (model/buildModel.ts). */
  constructor(
    readonly text: string,
    hasCarriageReturn = text.includes('\r'),
  ) {
    const starts = [0];
    if (!hasCarriageReturn) {
      // The common case: indexOf is much faster than a character loop on large reports.
      for (let next = text.indexOf('\n'); next >= 0; next = text.indexOf('\n', next + 1)) starts.push(next + 1);
      this.starts = starts;
      return;
    }
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      } else if (code === 10 /* \n */) {
        starts.push(i + 1);
      }
    }
    this.starts = starts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  lineStart(line: number): number {
    return this.starts[Math.min(Math.max(line, 0), this.starts.length - 1)];
  }

  /** Offset just past the line's content, before its line break. */
  lineContentEnd(line: number): number {
    if (line >= this.starts.length - 1) return this.text.length;
    let end = this.starts[line + 1];
    if (this.text.charCodeAt(end - 1) === 10) end--;
    if (this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  lineText(line: number): string {
    if (line < 0 || line >= this.starts.length) return this.text.slice(this.lineStart(line), this.lineContentEnd(line));
    this.texts ??= new Array<string | undefined>(this.starts.length);
    return (this.texts[line] ??= this.text.slice(this.starts[line], this.lineContentEnd(line)));
  }

  positionAt(offset: number): Position {
    const clamped = Math.min(Math.max(offset, 0), this.text.length);
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid] <= clamped) low = mid;
      else high = mid - 1;
    }
    const character = Math.min(clamped, this.lineContentEnd(low)) - this.starts[low];
    return { line: low, character };
  }

  offsetAt(position: Position): number {
    if (position.line >= this.starts.length) return this.text.length;
    if (position.line < 0) return 0;
    const start = this.starts[position.line];
    return Math.min(start + Math.max(position.character, 0), this.lineContentEnd(position.line));
  }

  rangeOf(startOffset: number, endOffset: number): Range {
    return { start: this.positionAt(startOffset), end: this.positionAt(endOffset) };
  }

  /** Range of a line's content without leading and trailing white space (empty range at its start if blank). */
  trimmedLineRange(line: number): Range {
    const text = this.lineText(line);
    const start = text.length - text.trimStart().length;
    const end = text.trimEnd().length;
    return { start: { line, character: Math.min(start, end) }, end: { line, character: end } };
  }
}
