import type { LineIndex } from '../text/lineIndex';
import type { ControlComment } from './modelTypes';

const CODE_SPAN = /`+[^`]*`+/g;
const CONTROL_COMMENT = /<!--\s*increport-(disable-next-line|disable-line|disable|enable)\b([^>]*?)\s*-->/g;

/** Finds `<!-- increport-disable RULE ... -->` style comments outside code. */
export function findControlComments(lines: LineIndex, codeLines: ReadonlySet<number>): ControlComment[] {
  const comments: ControlComment[] = [];
  if (!lines.text.includes('increport-')) return comments;
  for (let line = 0; line < lines.lineCount; line++) {
    if (codeLines.has(line)) continue;
    const text = lines.lineText(line);
    if (!text.includes('increport-')) continue;
    // A directive shown in inline code is an example, not an instruction.
    const visible = text.includes('`') ? text.replace(CODE_SPAN, (span) => ' '.repeat(span.length)) : text;
    for (const match of visible.matchAll(CONTROL_COMMENT)) {
      const start = match.index ?? 0;
      comments.push({
        directive: match[1] as ControlComment['directive'],
        ruleIds: match[2].split(/[\s,]+/).filter(Boolean),
        range: { start: { line, character: start }, end: { line, character: start + match[0].length } },
      });
    }
  }
  return comments;
}
