// Adapted from markdown-it 14 (lib/rules_block/paragraph.mjs), Copyright (c) 2014 Vitaly Puzrin, Alex Kocharin,
// MIT License: see dist/THIRD_PARTY_NOTICES.md. test/unit/engine/blockRules.test.ts holds it to markdown-it's decisions.
import type MarkdownIt from 'markdown-it';
import { terminatedAt } from './terminators';
type StateBlock = MarkdownIt.StateBlock;

/**
 * markdown-it's `paragraph` block rule (markdown-it 14.1, lib/rules_block/paragraph.mjs) with the same
 * decision (where a paragraph ends) but without its `inline` token: that token carries the paragraph's
 * text, joined from its lines for the inline pass, which the engine does not run (parse/markdown.ts); the
 * model reads paragraphs from their line span. A report is mostly paragraphs, one per list item.
 */
export function paragraph(state: StateBlock, startLine: number, endLine: number): boolean {
  const terminatorRules = state.md.block.ruler.getRules('paragraph');
  const oldParentType = state.parentType;
  let nextLine = startLine + 1;
  state.parentType = 'paragraph';
  for (; nextLine < endLine && !state.isEmpty(nextLine); nextLine++) {
    // More than 3 spaces of indentation is a lazy continuation; a negative indent, an empty list item's line.
    if (state.sCount[nextLine] - state.blkIndent > 3) continue;
    if (state.sCount[nextLine] < 0) continue;
    if (terminatedAt(terminatorRules, state, nextLine, endLine)) break;
  }
  state.line = nextLine;
  const open = state.push('paragraph_open', 'p', 1);
  open.map = [startLine, state.line];
  state.push('paragraph_close', 'p', -1);
  state.parentType = oldParentType;
  return true;
}
