import type { LineIndex } from '../text/lineIndex';
import { isWhitespaceCode, isWordCharAt, skipWhitespace, trimEndWhile } from '../text/chars';
import { blankSpans, codeAndCommentSpans } from '../text/spans';
import type { ControlComment } from './modelTypes';

const DIRECTIVES: readonly ControlComment['directive'][] = ['disable-next-line', 'disable-line', 'disable', 'enable'];
const PREFIX = 'increport-';

/** Finds `<!-- increport-disable RULE ... -->` style comments outside code. */
export function findControlComments(lines: LineIndex, codeLines: ReadonlySet<number>): ControlComment[] {
  const comments: ControlComment[] = [];
  if (!lines.text.includes(PREFIX)) return comments;
  for (let line = 0; line < lines.lineCount; line++) {
    if (codeLines.has(line)) continue;
    const text = lines.lineText(line);
    if (!text.includes(PREFIX)) continue;
    // A directive shown in inline code is an example, not an instruction.
    const visible = text.includes('`') ? blankSpans(text, codeAndCommentSpans(text, false)) : text;
    for (const found of directivesIn(visible)) {
      comments.push({
        directive: found.directive,
        ruleIds: found.rules.split(/[\s,]+/).filter(Boolean),
        range: { start: { line, character: found.start }, end: { line, character: found.end } },
      });
    }
  }
  return comments;
}

interface FoundDirective {
  directive: ControlComment['directive'];
  rules: string;
  start: number;
  end: number;
}

/**
 * The matches of `/<!--\s*increport-(disable-next-line|disable-line|disable|enable)\b([^>]*?)\s*-->/g`, by
 * a scan: the comment ends at the first `>` after the directive, which must close `-->`. The position of
 * the next `>` is remembered, so many unclosed comments on one line cost one pass.
 */
function directivesIn(text: string): FoundDirective[] {
  const found: FoundDirective[] = [];
  let nextClose = -2;
  const closeFrom = (from: number): number => {
    if (nextClose === -2 || (nextClose >= 0 && nextClose < from)) nextClose = text.indexOf('>', from);
    return nextClose;
  };
  for (let open = text.indexOf('<!--'); open >= 0;) {
    const name = skipWhitespace(text, open + 4);
    let match: FoundDirective | undefined;
    if (text.startsWith(PREFIX, name)) {
      for (const directive of DIRECTIVES) {
        const rulesStart = name + PREFIX.length + directive.length;
        if (!text.startsWith(directive, name + PREFIX.length) || isWordCharAt(text, rulesStart)) continue;
        const close = closeFrom(rulesStart);
        if (close < 0) break;
        if (close - 2 < rulesStart || text[close - 1] !== '-' || text[close - 2] !== '-') continue;
        const rulesEnd = trimEndWhile(text, rulesStart, close - 2, isWhitespaceCode);
        match = { directive, rules: text.slice(rulesStart, rulesEnd), start: open, end: close + 1 };
        break;
      }
    }
    if (match) found.push(match);
    open = text.indexOf('<!--', match ? match.end : open + 1);
  }
  return found;
}
