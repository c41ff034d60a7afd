import MarkdownIt from 'markdown-it';
import { heading } from './headingRule';
import { paragraph } from './paragraphRule';
import { table } from './tableRule';
import { useLineScanState } from './lineScanState';
type Token = MarkdownIt.Token;

export type { Token };

/**
 * One CommonMark block parser for the whole engine. Only block structure is needed (headings, lists,
 * paragraphs, tables, code, HTML): positions inside lines are computed from the source itself, so the
 * inline pass and the typographic rules are switched off, which keeps a seed-size parse well under 1 ms.
 */
const blockParser = new MarkdownIt('default', { html: true, linkify: false, typographer: false });
// markdown-it's own `normalize` rewrites every line break of every text (a regex replace and a copy of the
// whole report); parseBlocks does the same only for a text that has a carriage return or a NUL.
blockParser.core.ruler.disable(['normalize', 'inline', 'linkify', 'replacements', 'smartquotes', 'text_join'], true);
// Tables as markdown-it finds them, without the row and cell tokens nothing reads (parse/tableRule.ts).
blockParser.block.ruler.at('table', table, { alt: ['paragraph', 'reference'] });
// Paragraphs likewise, without the inline token that carries their text to the inline pass (parse/paragraphRule.ts).
blockParser.block.ruler.at('paragraph', paragraph);
blockParser.block.ruler.at('heading', heading, { alt: ['paragraph', 'reference', 'blockquote'] });
// The line table every block rule reads, found with `indexOf` rather than a look at every character (parse/lineScanState.ts).
useLineScanState(blockParser);

export interface BlockParse {
  tokens: Token[];
  /** Link reference definitions, keyed by markdown-it's normalized (upper-case) label. */
  references: Record<string, unknown>;
}

/**
 * markdown-it's normalisation, as its `normalize` rule does it: line breaks to `\n`, NUL to U+FFFD. Scans
 * by `indexOf` cost less than a regex scan; `hasCarriageReturn` is given when the caller has looked for `\r`.
 */
function normalized(markdown: string, hasCarriageReturn: boolean): string {
  if (!hasCarriageReturn && markdown.indexOf('\0') < 0) return markdown;
  return markdown.replace(/\r\n?/g, '\n').replace(/\0/g, '\uFFFD');
}

export function parseBlocks(markdown: string, hasCarriageReturn = markdown.includes('\r')): BlockParse {
  const env: { references?: Record<string, unknown> } = {};
  const tokens = blockParser.parse(normalized(markdown, hasCarriageReturn), env);
  return { tokens, references: env.references ?? {} };
}
