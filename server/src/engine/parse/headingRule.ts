// Adapted from markdown-it 14 (lib/rules_block/heading.mjs), Copyright (c) 2014 Vitaly Puzrin, Alex Kocharin,
// MIT License: see dist/THIRD_PARTY_NOTICES.md. test/unit/engine/blockRules.test.ts holds it to markdown-it's decisions.
import type MarkdownIt from 'markdown-it';
type StateBlock = MarkdownIt.StateBlock;

const HASH = 0x23;
const isSpace = (code: number) => code === 0x09 || code === 0x20;

/**
 * markdown-it's ATX `heading` block rule (markdown-it 14.1, lib/rules_block/heading.mjs) with the same
 * decision (which line is a heading, of which level) but without its `inline` token, whose text (sliced
 * and trimmed for the inline pass the engine does not run) the model never read: it reads a heading's
 * text from its line (model/buildModel.ts).
 */
export function heading(state: StateBlock, startLine: number, _endLine: number, silent: boolean): boolean {
  let pos = state.bMarks[startLine] + state.tShift[startLine];
  const max = state.eMarks[startLine];
  if (state.sCount[startLine] - state.blkIndent >= 4) return false;
  let code = state.src.charCodeAt(pos);
  if (code !== HASH || pos >= max) return false;
  let level = 1;
  code = state.src.charCodeAt(++pos);
  while (code === HASH && pos < max && level <= 6) {
    level++;
    code = state.src.charCodeAt(++pos);
  }
  if (level > 6 || (pos < max && !isSpace(code))) return false;
  if (silent) return true;
  state.line = startLine + 1;
  const tag = `h${level}`;
  const markup = '########'.slice(0, level);
  const open = state.push('heading_open', tag, 1);
  open.markup = markup;
  open.map = [startLine, state.line];
  const close = state.push('heading_close', tag, -1);
  close.markup = markup;
  return true;
}
