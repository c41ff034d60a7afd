import type MarkdownIt from 'markdown-it';
type StateBlock = MarkdownIt.StateBlock;
type BlockRule = ReturnType<MarkdownIt['block']['ruler']['getRules']>[number];

/**
 * Whether one of markdown-it's `terminators` (the rules listed as able to interrupt a block, asked in
 * silent mode) starts a block at `line`: how markdown-it's paragraph and table rules decide where they end,
 * shared by the engine's adaptations of them (paragraphRule.ts, tableRule.ts).
 */
export function terminatedAt(terminators: readonly BlockRule[], state: StateBlock, line: number, endLine: number): boolean {
  for (let index = 0; index < terminators.length; index++) if (terminators[index](state, line, endLine, true)) return true;
  return false;
}
