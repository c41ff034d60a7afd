import { parseBlocks, type Token } from '../parse/markdown';
import { parseFrontMatter } from '../parse/frontMatter';
import { atxHeadingText, fieldAt, listItemContentStart, trimmedSpan } from '../parse/lineSyntax';
import { LineIndex } from '../text/lineIndex';
import type { Range } from '../types';
import { findControlComments } from './controlComments';
import { readTable } from './tables';
import type { BlockKind, ContentContainer, Field, Heading, ListItem, ReportModel, Section } from './modelTypes';

const BLOCK_KIND_BY_TOKEN: Record<string, BlockKind> = {
  paragraph_open: 'paragraph',
  bullet_list_open: 'list',
  ordered_list_open: 'list',
  table_open: 'table',
  fence: 'code',
  code_block: 'code',
  html_block: 'html',
  blockquote_open: 'blockquote',
  hr: 'rule',
};

/**
 * A setext heading's lines as one line: each run of white space holding a line break becomes one space.
 * (`\s+` matches each run once; a pattern such as `\s*\n\s*` would rescan a long run of spaces from
 * each of its positions.)
 */
export function joinLines(text: string): string {
  return text.includes('\n') ? text.replace(/\s+/g, (run) => (run.includes('\n') ? ' ' : run)) : text;
}

/** Parses a report into its located model. Never throws on any text. */
export function buildModel(text: string): ReportModel {
  // One scan for `\r`, for the line index and the Markdown parser's normalisation.
  const hasCarriageReturn = text.includes('\r');
  const lines = new LineIndex(text, hasCarriageReturn);
  const front = parseFrontMatter(lines);
  // Front matter lines are blanked for the Markdown parser so that line numbers stay aligned.
  const markdown = front ? '\n'.repeat(front.lineCount) + text.slice(lines.lineStart(front.lineCount)) : text;
  const { tokens, references } = parseBlocks(markdown, hasCarriageReturn);
  const builder = new ModelBuilder(lines);
  if (front) builder.markVerbatim(0, front.lineCount, true);
  builder.consume(tokens, front?.lineCount ?? 0);
  return {
    lines,
    frontMatter: front?.frontMatter,
    titles: builder.titles,
    sections: builder.sections,
    verbatimLines: builder.verbatimLines,
    htmlBlocks: builder.htmlBlocks,
    controlComments: findControlComments(lines, builder.codeLines),
    referenceLabels: new Set(Object.keys(references).map((label) => label.toLowerCase())),
  };
}

class ModelBuilder {
  readonly titles: Heading[] = [];
  readonly sections: Section[] = [];
  readonly verbatimLines = new Set<number>();
  readonly htmlBlocks: { startLine: number; endLine: number }[] = [];
  /** Code and front matter only: control comments there are examples, not directives. */
  readonly codeLines = new Set<number>();
  private container: ContentContainer | undefined;

  constructor(private readonly lines: LineIndex) {}

  markVerbatim(startLine: number, endLine: number, isCode: boolean): void {
    for (let line = startLine; line < endLine; line++) {
      this.verbatimLines.add(line);
      if (isCode) this.codeLines.add(line);
    }
  }

  consume(tokens: Token[], firstLine: number): void {
    let covered = firstLine; // lines before this one belong to a block already seen (or the front matter)
    for (let index = 0; index < tokens.length; index++) {
      const token = tokens[index];
      if (token.level !== 0 || !token.map || token.nesting === -1) continue;
      const [startLine, endLine] = token.map;
      this.referenceDefinitions(covered, startLine);
      covered = Math.max(covered, endLine);
      if (token.type === 'heading_open') {
        this.onHeading(token, startLine, endLine);
        continue;
      }
      const kind = BLOCK_KIND_BY_TOKEN[token.type];
      if (!kind) continue;
      if (kind === 'code' || kind === 'html') this.markVerbatim(startLine, endLine, kind === 'code');
      if (kind === 'html') this.htmlBlocks.push({ startLine, endLine });
      const range = this.spanRange(startLine, endLine);
      this.container?.blocks.push({ kind, range });
      if (kind === 'list') this.collectListFields(tokens, index);
      else if (kind === 'paragraph') this.collectParagraphFields(startLine, endLine);
      else if (kind === 'table') this.container?.tables.push(readTable(tokens, index, this.lines, range));
      this.extendContainer(range);
    }
    this.referenceDefinitions(covered, this.lines.lineCount);
  }

  /**
   * Lines `from`…`to` (exclusive) lie between top-level blocks: blank, or link reference definitions,
   * the one construct markdown-it parses into no token. Each run of non-blank lines becomes a block.
   */
  private referenceDefinitions(from: number, to: number): void {
    let start = -1;
    for (let line = from; line <= to; line++) {
      const blank = line === to || this.lines.lineText(line).trim() === '';
      if (!blank && start < 0) start = line;
      if (blank && start >= 0) {
        const range = this.spanRange(start, line);
        this.container?.blocks.push({ kind: 'reference', range });
        this.extendContainer(range);
        start = -1;
      }
    }
  }

  private onHeading(token: Token, startLine: number, endLine: number): void {
    const heading = this.heading(token, startLine, endLine);
    if (heading.level === 1) {
      this.titles.push(heading);
      this.container = undefined;
    } else if (heading.level === 2) {
      const section: Section = { heading, fields: [], blocks: [], items: [], tables: [], subsections: [], range: heading.range };
      this.sections.push(section);
      this.container = section;
    } else if (heading.level === 3 && this.sections.length > 0) {
      const section = this.sections[this.sections.length - 1];
      const subsection: ContentContainer = { heading, fields: [], blocks: [], items: [], tables: [], range: heading.range };
      section.subsections.push(subsection);
      section.range = { start: section.range.start, end: heading.range.end };
      this.container = subsection;
    } else {
      this.container?.blocks.push({ kind: 'heading', range: heading.range });
      this.extendContainer(heading.range);
    }
  }

  private heading(token: Token, startLine: number, endLine: number): Heading {
    const level = Number(token.tag.slice(1));
    const firstLine = this.lines.lineText(startLine);
    const isSetext = token.markup === '=' || token.markup === '-';
    let textRange: Range;
    if (isSetext) {
      // The text is every line but the underline.
      const lastTextLine = Math.max(startLine, endLine - 2);
      const first = trimmedSpan(firstLine);
      const last = trimmedSpan(this.lines.lineText(lastTextLine));
      textRange = { start: { line: startLine, character: first.start }, end: { line: lastTextLine, character: last.end } };
    } else {
      const span = atxHeadingText(firstLine) ?? trimmedSpan(firstLine);
      textRange = { start: { line: startLine, character: span.start }, end: { line: startLine, character: span.end } };
    }
    const text = joinLines(this.slice(textRange));
    return { level, text, textRange, range: this.spanRange(startLine, endLine) };
  }

  /** Top-level items of the list opening at `openIndex`; nested items stay part of their parent's value. */
  private collectListFields(tokens: Token[], openIndex: number): void {
    const itemLevel = tokens[openIndex].level + 1;
    for (let index = openIndex + 1; index < tokens.length; index++) {
      const token = tokens[index];
      if (token.level === 0 && token.nesting === -1) break;
      if (token.type !== 'list_item_open' || token.level !== itemLevel || !token.map) continue;
      const [startLine, endLine] = token.map;
      const line = this.lines.lineText(startLine);
      const contentStart = listItemContentStart(line);
      if (contentStart === undefined) continue;
      const lastLine = this.lastContentLine(startLine, endLine);
      const field = this.field(startLine, contentStart, lastLine);
      if (field) this.container?.fields.push(field);
      this.container?.items.push(this.listItem(startLine, contentStart, lastLine, field !== undefined));
    }
  }

  private listItem(line: number, contentStart: number, lastLine: number, isField: boolean): ListItem {
    const first = this.lines.lineText(line);
    const end = { line: lastLine, character: trimmedSpan(this.lines.lineText(lastLine)).end };
    const textStart = { line, character: Math.min(contentStart, first.length) };
    const textRange = lastLine === line && end.character <= textStart.character ? { start: textStart, end: textStart } : { start: textStart, end };
    return {
      text: this.slice(textRange).trim(),
      textRange,
      range: { start: { line, character: trimmedSpan(first).start }, end: textRange.end },
      isField,
    };
  }

  /** Paragraph lines written as `**Key:** value`; lines that follow one belong to its value. */
  private collectParagraphFields(startLine: number, endLine: number): void {
    let pendingStart = -1;
    let pendingColumn = 0;
    const flush = (lastLine: number) => {
      if (pendingStart < 0) return;
      const field = this.field(pendingStart, pendingColumn, lastLine);
      if (field) this.container?.fields.push(field);
    };
    for (let line = startLine; line < endLine; line++) {
      const column = trimmedSpan(this.lines.lineText(line)).start;
      if (fieldAt(this.lines.lineText(line), column)) {
        flush(line - 1);
        pendingStart = line;
        pendingColumn = column;
      }
    }
    flush(this.lastContentLine(startLine, endLine));
  }

  private field(line: number, column: number, lastLine: number): Field | undefined {
    const text = this.lines.lineText(line);
    const syntax = fieldAt(text, column);
    if (!syntax) return undefined;
    const keyRange = { start: { line, character: syntax.keyStart }, end: { line, character: syntax.keyEnd } };
    const valueStart = { line, character: syntax.valueStart };
    let valueEnd = { line: lastLine, character: trimmedSpan(this.lines.lineText(lastLine)).end };
    if (lastLine === line && valueEnd.character <= syntax.valueStart) valueEnd = valueStart;
    const valueRange = { start: valueStart, end: valueEnd };
    const value = this.slice(valueRange).trim();
    const itemEnd = lastLine === line && valueEnd === valueStart ? { line, character: trimmedSpan(text).end } : valueEnd;
    return {
      key: text.slice(syntax.keyStart, syntax.keyEnd),
      keyRange,
      value,
      valueRange: value ? valueRange : { start: valueStart, end: valueStart },
      range: { start: { line, character: trimmedSpan(text).start }, end: itemEnd },
    };
  }

  private extendContainer(range: Range): void {
    const container = this.container;
    if (!container) return;
    container.range = { start: container.range.start, end: range.end };
    const section = this.sections[this.sections.length - 1];
    if (section && section !== container) section.range = { start: section.range.start, end: range.end };
  }

  /** The last non-blank line of a block's line span (parsers often include trailing blank lines). */
  private lastContentLine(startLine: number, endLine: number): number {
    let line = Math.min(endLine, this.lines.lineCount) - 1;
    while (line > startLine && this.lines.lineText(line).trim() === '') line--;
    return Math.max(line, startLine);
  }

  private spanRange(startLine: number, endLine: number): Range {
    const lastLine = this.lastContentLine(startLine, endLine);
    return {
      start: { line: startLine, character: 0 },
      end: { line: lastLine, character: this.lines.lineText(lastLine).length },
    };
  }

  private slice(range: Range): string {
    return this.lines.text.slice(this.lines.offsetAt(range.start), this.lines.offsetAt(range.end));
  }
}
