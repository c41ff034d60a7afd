// Adapted from markdown-it 14 (lib/rules_block/state_block.mjs), Copyright (c) 2014 Vitaly Puzrin, Alex Kocharin,
// MIT License: see dist/THIRD_PARTY_NOTICES.md. test/property/lineScanState.test.ts holds it to markdown-it's line table.
import type MarkdownIt from 'markdown-it';
type Token = MarkdownIt.Token;
type StateClass = MarkdownIt['block']['State'];

/**
 * Makes `parser`'s block state build its line table as markdown-it's does, in fewer steps.
 *
 * The state is markdown-it's block state with the same line table (`bMarks`, `eMarks`, `tShift`, `sCount`, `bsCount`)
 * built in fewer steps: markdown-it's constructor looks at every character of the text to find the line
 * breaks; this one reads each line's indentation character by character and finds its end with `indexOf`,
 * which skips the rest of the line natively. The line table is all that differs; the rules run unchanged.
 *
 * As markdown-it's does, a last line of only spaces and tabs without a line break is not a line, and one
 * extra entry at the end of the text stands for the end of the input.
 */
export function useLineScanState(parser: MarkdownIt): void {
  parser.block.State = lineScanState(parser.block.State);
}

function lineScanState(StockState: StateClass): StateClass {
  return class LineScanState extends StockState {
    constructor(src: string, md: MarkdownIt, env: unknown, tokens: Token[]) {
      super('', md, env, tokens);
      this.src = src;
      const bMarks: number[] = [];
      const eMarks: number[] = [];
      const tShift: number[] = [];
      const sCount: number[] = [];
      const bsCount: number[] = [];
      const length = src.length;
      for (let start = 0; start < length;) {
        let position = start;
        let indent = 0;
        let offset = 0;
        for (; position < length; position++) {
          const code = src.charCodeAt(position);
          if (code === 0x20) offset++;
          else if (code === 0x09) offset += 4 - (offset % 4);
          else break;
          indent++;
        }
        if (position === length) break;
        let end = src.indexOf('\n', position);
        if (end < 0) end = length;
        bMarks.push(start);
        eMarks.push(end);
        tShift.push(indent);
        sCount.push(offset);
        bsCount.push(0);
        start = end + 1;
      }
      bMarks.push(length);
      eMarks.push(length);
      tShift.push(0);
      sCount.push(0);
      bsCount.push(0);
      this.bMarks = bMarks;
      this.eMarks = eMarks;
      this.tShift = tShift;
      this.sCount = sCount;
      this.bsCount = bsCount;
      this.lineMax = bMarks.length - 1;
    }
  };
}
