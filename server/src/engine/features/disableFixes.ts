import type { ReportModel } from '../model/modelTypes';
import { skipBlanks } from '../parse/lineSyntax';
import type { Finding } from '../types';
import type { QuickFix } from './featureTypes';
import { insertLines, isCodeLine, isListItemLine, quickFix, remember, type FixEnv } from './fixEdits';

/**
 * Findings about the report as a whole, reported at its title or first line: a comment above that line
 * would not reach them where they are reported once it is written (the first line is then the comment).
 * They get "Disable RULE for this file" instead: `<!-- increport-disable RULE -->` at the top (after the
 * front matter), which covers the rest of the file; none when the finding lies above it (in front matter).
 */
function isDocumentLevel(finding: Finding): boolean {
  return (
    finding.ruleId === 'title-missing' ||
    finding.ruleId === 'section-missing' ||
    (finding.ruleId === 'field-missing' && finding.data?.frontMatterKey !== undefined)
  );
}

/**
 * `<!-- increport-disable-next-line RULE -->` on its own line above the finding's first line, with
 * that line's indentation (and block-quote markers), or the rule added to such a comment already there.
 * None inside front matter or code, where a comment is not a control comment.
 */
export function disableFix(env: FixEnv, finding: Finding): QuickFix | undefined {
  if (isDocumentLevel(finding)) return fileDisableFix(env, finding);
  const line = finding.range.start.line;
  if (line >= env.model.lines.lineCount || isCodeLine(env.model, line)) return undefined;
  // Every finding of the rule on that line is silenced by the same fix: built once per rule and line, so
  // n findings on one line cost n, not n² (the fix object is shared, and addOrMerge sees it once).
  return remember(env, `disable ${finding.ruleId} ${line}`, () => buildDisableFix(env, finding.ruleId, line, finding));
}

function buildDisableFix(env: FixEnv, ruleId: string, line: number, finding: Finding): QuickFix {
  const { model } = env;
  const title = `Disable ${ruleId} for this line`;
  const silenced = remember(env, 'findings by rule and line', () => groupBy(env.findings, (other) => `${other.ruleId} ${other.range.start.line}`))
    .get(`${ruleId} ${line}`)
    ?.slice() ?? [finding];
  const existing = model.controlComments.find(
    (comment) => comment.directive === 'disable-next-line' && comment.range.end.line === line - 1 && comment.ruleIds.length > 0,
  );
  if (existing) {
    const text = model.lines.lineText(line - 1);
    let at = existing.range.end.character - '-->'.length;
    while (at > existing.range.start.character && /\s/.test(text[at - 1])) at--;
    const position = { line: line - 1, character: at };
    return quickFix(title, [{ range: { start: position, end: position }, newText: ` ${ruleId}` }], silenced);
  }
  if (remember(env, 'table body rows', () => tableBodyRows(model)).has(line) || continuesParagraph(model, line)) {
    // A line inserted above a table row would end the table, above a paragraph's line the paragraph: the
    // comment goes at the line's end instead.
    const sameLine = model.controlComments.find(
      (comment) => comment.directive === 'disable-line' && comment.range.start.line === line && comment.ruleIds.length > 0,
    );
    const text = model.lines.lineText(line);
    let at = sameLine ? sameLine.range.end.character - '-->'.length : text.trimEnd().length;
    while (sameLine && at > sameLine.range.start.character && /\s/.test(text[at - 1])) at--;
    const position = { line, character: at };
    const newText = sameLine ? ` ${ruleId}` : ` <!-- increport-disable-line ${ruleId} -->`;
    return quickFix(title, [{ range: { start: position, end: position }, newText }], silenced);
  }
  const indent = quotePrefix(model.lines.lineText(line));
  return quickFix(title, [insertLines(env, line, [`${indent}<!-- increport-disable-next-line ${ruleId} -->`])], silenced);
}

/** The lines of the tables' delimiter and body rows: not their headers, above which a line may go. */
function tableBodyRows(model: ReportModel): Set<number> {
  const lines = new Set<number>();
  for (const section of model.sections) {
    for (const container of [section, ...section.subsections]) {
      for (const table of container.tables) for (let line = table.header.range.start.line + 1; line <= table.range.end.line; line++) lines.add(line);
    }
  }
  return lines;
}

/** A line's indentation and block-quote markers (`  > > `), for a line inserted above it. */
function quotePrefix(text: string): string {
  let end = skipBlanks(text, 0);
  while (text[end] === '>') end = skipBlanks(text, end + 1);
  return text.slice(0, end);
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(keyOf(item));
    if (group) group.push(item);
    else groups.set(keyOf(item), [item]);
  }
  return groups;
}

/** `<!-- increport-disable RULE -->` on the first line after the front matter, or the rule added to such a comment there. */
function fileDisableFix(env: FixEnv, finding: Finding): QuickFix | undefined {
  const { model } = env;
  const top = model.frontMatter ? model.frontMatter.range.end.line + 1 : 0;
  if (finding.range.start.line < top) return undefined;
  return remember(env, `disable file ${finding.ruleId}`, () => {
    const title = `Disable ${finding.ruleId} for this file`;
    const silenced = env.findings.filter((other) => other.ruleId === finding.ruleId && other.range.start.line >= top);
    const existing = model.controlComments.find((comment) => comment.directive === 'disable' && comment.range.start.line === top && comment.ruleIds.length > 0);
    if (existing) {
      const text = model.lines.lineText(top);
      let at = existing.range.end.character - '-->'.length;
      while (at > existing.range.start.character && /\s/.test(text[at - 1])) at--;
      const position = { line: top, character: at };
      return quickFix(title, [{ range: { start: position, end: position }, newText: ` ${finding.ruleId}` }], silenced);
    }
    return quickFix(title, [insertLines(env, top, [`<!-- increport-disable ${finding.ruleId} -->`])], silenced);
  });
}

/**
 * A line that continues a paragraph (or a list item's lazy continuation, or a quotation's paragraph): a
 * comment line inserted above it would end the paragraph there (an HTML comment interrupts a paragraph)
 * and change what the line is.
 */
function continuesParagraph(model: ReportModel, line: number): boolean {
  const previous = line > 0 ? model.lines.lineText(line - 1).trim() : '';
  if (previous === '' || previous === '>') return false;
  return model.sections.some((section) =>
    [section, ...section.subsections].some((container) =>
      container.blocks.some(
        (block) =>
          (block.kind === 'paragraph' || block.kind === 'blockquote' || (block.kind === 'list' && !isListItemLine(model, line))) &&
          block.range.start.line < line &&
          line <= block.range.end.line,
      ),
    ),
  );
}
