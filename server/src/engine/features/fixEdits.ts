import type { AttackCatalog } from '../attack/catalog';
import type { Heading, ReportModel } from '../model/modelTypes';
import type { ReportSpec } from '../schema/reportSpec';
import type { TemplateStyle } from '../templates/templateStyle';
import { comparePositions, type Finding, type Range } from '../types';
import { listItemContentStart } from '../parse/lineSyntax';
import type { QuickFix, TextEdit } from './featureTypes';

/** What every fix builder reads: the current text's model, the schema, the catalog, and the findings of the request. */
export interface FixEnv {
  model: ReportModel;
  spec: ReportSpec;
  catalog: AttackCatalog;
  /** Today's date as date fields take it (YYYY-MM-DD). */
  today: string;
  /** How an added section is written (`templates.style`). */
  style: TemplateStyle;
  /** The document's line break, used for every line a fix inserts. */
  eol: string;
  /** Every finding passed in, so that a fix can name the other findings it also resolves. */
  findings: readonly Finding[];
  /** Work shared by the fixes of one request (e.g. the report's indicators), computed once. */
  memo: Map<string, unknown>;
}

export function remember<T>(env: FixEnv, key: string, compute: () => T): T {
  if (!env.memo.has(key)) env.memo.set(key, compute());
  return env.memo.get(key) as T;
}

export const rangeKey = (range: Range): string => `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;

export const ATX_HEADING = /^ {0,3}(#{1,6})(?=[ \t]|$)/;

export function quickFix(title: string, edits: TextEdit[], fixes: Finding[], isPreferred = false): QuickFix {
  return isPreferred ? { title, kind: 'quickfix', edits, fixes, isPreferred } : { title, kind: 'quickfix', edits, fixes };
}

export function replaceRange(range: Range, newText: string): TextEdit {
  return { range, newText };
}

export function sameRange(a: Range, b: Range): boolean {
  return comparePositions(a.start, b.start) === 0 && comparePositions(a.end, b.end) === 0;
}

export function textAt(model: ReportModel, range: Range): string {
  return model.lines.text.slice(model.lines.offsetAt(range.start), model.lines.offsetAt(range.end));
}

export function isBlankLine(model: ReportModel, line: number): boolean {
  return line >= model.lines.lineCount || model.lines.lineText(line).trim() === '';
}

export function isListItemLine(model: ReportModel, line: number): boolean {
  return line < model.lines.lineCount && listItemContentStart(model.lines.lineText(line)) !== undefined;
}

export function isAtxHeadingLine(model: ReportModel, line: number): boolean {
  return line < model.lines.lineCount && ATX_HEADING.test(model.lines.lineText(line));
}

export function lineBreakOf(text: string): string {
  const match = /\r\n|\r|\n/.exec(text);
  return match ? match[0] : '\n';
}

/**
 * Inserts whole lines before `line` (or after the last line when `line` is past the end), each ending
 * with the document's line break; text that has no final line break keeps having none.
 */
export function insertLines(env: FixEnv, line: number, lines: readonly string[]): TextEdit {
  const { lines: index } = env.model;
  if (line < index.lineCount) {
    const at = { line, character: 0 };
    return { range: { start: at, end: at }, newText: lines.map((text) => text + env.eol).join('') };
  }
  const last = index.lineCount - 1;
  const at = { line: last, character: index.lineText(last).length };
  return { range: { start: at, end: at }, newText: lines.map((text) => env.eol + text).join('') };
}

/** Whether the report separates its sections with blank lines (most of its H2s have one above). */
export function sectionsAreSpaced(model: ReportModel): boolean {
  const lines = model.sections.map((section) => section.heading.range.start.line).filter((line) => line > 0);
  if (lines.length === 0) return true;
  return lines.filter((line) => isBlankLine(model, line - 1)).length * 2 > lines.length;
}

/**
 * Inserts a block that starts with an H2 heading before `line`, with blank lines around it as the report
 * spaces its sections, and always a blank line before following text that is not a heading (so that
 * the block's last paragraph cannot swallow it, or turn it into a setext underline).
 */
export function insertSectionBlock(env: FixEnv, line: number, block: readonly string[]): TextEdit {
  const { model } = env;
  const spaced = sectionsAreSpaced(model);
  const previous = Math.min(line, model.lines.lineCount) - 1;
  const before = spaced && previous >= 0 && !isBlankLine(model, previous) ? [''] : [];
  const after = !isBlankLine(model, line) && (spaced || !isAtxHeadingLine(model, line)) ? [''] : [];
  return insertLines(env, line, [...before, ...block, ...after]);
}

/** H1s after the first and H3s outside a timeline that name a schema section (what heading-level reports). */
export function misleveledHeadings(env: FixEnv): Heading[] {
  const { model, spec } = env;
  return [
    ...model.titles.slice(1),
    ...model.sections
      .filter((section) => spec.sectionOf(section)?.kind !== 'timeline')
      .flatMap((section) => section.subsections.map((subsection) => subsection.heading)),
  ].filter((heading) => spec.findSection(heading.text) !== undefined);
}

/** The edit that turns an ATX heading's markers into `##`, or a setext H1's `===` underline into `---`. */
export function levelTwoEdit(model: ReportModel, heading: Heading): TextEdit | undefined {
  const line = heading.range.start.line;
  const markers = ATX_HEADING.exec(model.lines.lineText(line));
  if (markers) {
    const start = markers[0].length - markers[1].length;
    return replaceRange({ start: { line, character: start }, end: { line, character: start + markers[1].length } }, '##');
  }
  const underlineLine = heading.range.end.line;
  const underline = /^( {0,3})(=+)/.exec(model.lines.lineText(underlineLine));
  if (heading.level !== 1 || underlineLine === line || !underline) return undefined;
  const start = underline[1].length;
  return replaceRange(
    { start: { line: underlineLine, character: start }, end: { line: underlineLine, character: start + underline[2].length } },
    '-'.repeat(underline[2].length),
  );
}

/** Lines of front matter and of code blocks: an HTML comment there is not a control comment. */
export function isCodeLine(model: ReportModel, line: number): boolean {
  if (model.frontMatter && line <= model.frontMatter.range.end.line) return true;
  return model.sections.some((section) =>
    [section, ...section.subsections].some((container) =>
      container.blocks.some((block) => block.kind === 'code' && block.range.start.line <= line && line <= block.range.end.line),
    ),
  );
}
