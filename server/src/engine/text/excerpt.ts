/**
 * A bounded excerpt of a line around one span of it (an indicator): what the IOC table's context cell and
 * the exports' per-indicator context show. The span is always kept whole; on each side at most `before` /
 * `after` UTF-16 code units of the line are kept, the cut moved inwards to a white space when there is one
 * within the outermost {@link WORD_SLACK} units, never between the halves of a surrogate pair, and marked
 * with "…". Work is proportional to the excerpt, not to the line: a line of 4,000 indicators gives 4,000
 * small excerpts, not 4,000 copies of the line.
 */
import { isWhitespaceAt } from './chars';

const ELLIPSIS = '…';
/** Context kept on each side of the span by default, in UTF-16 code units. */
const EXCERPT_CONTEXT = 60;
/** How far inwards from the budget's edge a cut may move to land on white space. */
const WORD_SLACK = 15;

export interface ExcerptOptions {
  /** Units of context before the span (default {@link EXCERPT_CONTEXT}). */
  before?: number;
  /** Units of context after the span (default {@link EXCERPT_CONTEXT}). */
  after?: number;
  /** Where the line's content starts (e.g. after its list marker and field key); default 0. */
  from?: number;
  /** Where the line's content ends; default the line's length. */
  to?: number;
}

export interface ExcerptParts {
  /** The context before the span: "…" first when cut, leading white space trimmed. */
  before: string;
  /** The span itself, whole. */
  span: string;
  /** The context after the span: "…" last when cut, trailing white space trimmed. */
  after: string;
}

const isHighSurrogateAt = (text: string, index: number) => {
  const code = text.charCodeAt(index);
  return code >= 0xd800 && code <= 0xdbff;
};
const isLowSurrogateAt = (text: string, index: number) => {
  const code = text.charCodeAt(index);
  return code >= 0xdc00 && code <= 0xdfff;
};
/** Whether `index` falls between the two halves of a surrogate pair. */
const splitsPair = (text: string, index: number) => index > 0 && isHighSurrogateAt(text, index - 1) && isLowSurrogateAt(text, index);

/** Where the kept text before the span begins: `from`, or a cut at most `budget` units before `start`. */
function cutBefore(line: string, from: number, start: number, budget: number): number {
  const edge = start - budget;
  if (edge <= from) return from;
  if (isWhitespaceAt(line, edge - 1)) return edge;
  const limit = Math.min(edge + WORD_SLACK, start);
  for (let index = edge; index < limit; index++) if (isWhitespaceAt(line, index)) return index + 1;
  return splitsPair(line, edge) ? edge + 1 : edge;
}

/** Where the kept text after the span ends: `to`, or a cut at most `budget` units after `end`. */
function cutAfter(line: string, end: number, to: number, budget: number): number {
  const edge = end + budget;
  if (edge >= to) return to;
  if (isWhitespaceAt(line, edge)) return edge;
  const limit = Math.max(edge - WORD_SLACK, end);
  for (let index = edge - 1; index >= limit; index--) if (isWhitespaceAt(line, index)) return index;
  return splitsPair(line, edge) ? edge - 1 : edge;
}

/** The excerpt of `line` around `line.slice(start, end)` in three parts (see the module comment). */
export function excerptParts(line: string, start: number, end: number, options: ExcerptOptions = {}): ExcerptParts {
  const from = Math.max(0, Math.min(options.from ?? 0, start));
  const to = Math.min(line.length, Math.max(options.to ?? line.length, end));
  const first = cutBefore(line, from, start, Math.max(0, options.before ?? EXCERPT_CONTEXT));
  const last = cutAfter(line, end, to, Math.max(0, options.after ?? EXCERPT_CONTEXT));
  const before = line.slice(first, start).trimStart();
  const after = line.slice(end, last).trimEnd();
  return {
    before: first > from ? `${ELLIPSIS}${before}` : before,
    span: line.slice(start, end),
    after: last < to ? `${after}${ELLIPSIS}` : after,
  };
}

/**
 * The span with up to ~60 units of its line on each side, cut at word boundaries, "…" where cut:
 * `excerptAround('a b 10.0.0[.]1 c d', 4, 14)` is the whole line; on a long line of indicators
 * `…203.0.113[.]5, 203.0.113[.]6, 203.0.113[.]7, 203.0.113[.]8, …`.
 */
export function excerptAround(line: string, start: number, end: number, options: ExcerptOptions = {}): string {
  const { before, span, after } = excerptParts(line, start, end, options);
  return `${before}${span}${after}`;
}
