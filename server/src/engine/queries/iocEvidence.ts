import type { ReportModel, Section } from '../model/modelTypes';

/**
 * Which indicators in the code blocks of the Indicators of Compromise section are listed, and which are
 * evidence only. A code block there is most often a log excerpt: its values are checked like any other
 * (ioc-live), but only a value that a list gives is an indicator to export. Listed are every value of a
 * block tagged as a list of indicators (```csv, ```tsv, ```ioc, ```iocs) and, in any other block, the value
 * that starts a line (after white space and a list marker): a list of values, one a line. Any other value
 * in a code block (the victim's mailbox in a mail log line, the host after "connect to") is evidence only.
 */

/** Info strings of code blocks whose every value is a listed indicator. */
export const LISTING_FENCES: ReadonlySet<string> = new Set(['csv', 'tsv', 'ioc', 'iocs']);

/** For each code line of the sections: where a listed value must start (-1: any value on it is listed). */
export function codeListingColumns(model: ReportModel, sections: readonly Section[]): Map<number, number> {
  const columns = new Map<number, number>();
  for (const section of sections) {
    for (const container of [section, ...section.subsections]) {
      for (const block of container.blocks) {
        if (block.kind !== 'code') continue;
        const fence = /^ {0,3}(?:`{3,}|~{3,})[ \t]*([^\s`{]*)/.exec(model.lines.lineText(block.range.start.line));
        const listing = fence !== null && LISTING_FENCES.has(fence[1].toLowerCase());
        for (let line = block.range.start.line; line <= block.range.end.line; line++) {
          columns.set(line, listing ? -1 : /^[ \t]*(?:[-*+][ \t]+)?/.exec(model.lines.lineText(line))![0].length);
        }
      }
    }
  }
  return columns;
}
