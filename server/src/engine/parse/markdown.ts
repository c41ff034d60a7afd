import MarkdownIt from 'markdown-it';
type Token = MarkdownIt.Token;

export type { Token };

/**
 * One CommonMark block parser for the whole engine. Only block structure is needed (headings, lists,
 * paragraphs, tables, code, HTML): positions inside lines are computed from the source itself, so the
 * inline pass and the typographic rules are switched off, which keeps a seed-size parse well under 1 ms.
 */
const blockParser = new MarkdownIt('default', { html: true, linkify: false, typographer: false });
blockParser.core.ruler.disable(['inline', 'linkify', 'replacements', 'smartquotes', 'text_join'], true);

export interface BlockParse {
  tokens: Token[];
  /** Link reference definitions, keyed by markdown-it's normalized (upper-case) label. */
  references: Record<string, unknown>;
}

export function parseBlocks(markdown: string): BlockParse {
  const env: { references?: Record<string, unknown> } = {};
  const tokens = blockParser.parse(markdown, env);
  return { tokens, references: env.references ?? {} };
}
