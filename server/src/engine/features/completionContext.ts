import { dateStyleOf, type DateStyle } from '../dates/parseDate';
import type { Field, ReportModel, Section, Subsection } from '../model/modelTypes';
import { fieldAt, listItemContentStart, skipBlanks } from '../parse/lineSyntax';
import { splitTableLine } from '../model/tables';
import { methodologyRowAt } from '../queries/attackQueries';
import { readTables } from '../queries/methodologyRows';
import type { FieldSpec, ReportSpec, SectionSpec } from '../schema/reportSpec';
import type { Position } from '../types';
import { DerivedCache } from '../model/derivedCache';

/**
 * What the user is typing at a position, decided from the cursor line and the model. Every site carries
 * `start`, the column where the replacement range begins; the range always ends at the cursor.
 */

/**
 * `key: value` typed in the front matter, the value (after an opening quote) still free of quotes and `#`.
 * Scanned, not matched: `[ \t]*(["']?)([^"'#]*)$` would retry each split of a long run of spaces.
 */
function frontMatterEntryAt(before: string): { key: string; valueStart: number } | undefined {
  const key = /^[A-Za-z_][\w-]*/.exec(before)?.[0];
  if (key === undefined) return undefined;
  let index = skipBlanks(before, key.length);
  if (before[index] !== ':') return undefined;
  index = skipBlanks(before, index + 1);
  if (before[index] === '"' || before[index] === "'") index++;
  for (let rest = index; rest < before.length; rest++) if (before[rest] === '"' || before[rest] === "'" || before[rest] === '#') return undefined;
  return { key, valueStart: index };
}

/** The H2 section (and H3 subsection) a line belongs to, by the headings above it. */
export interface Container {
  section: Section;
  spec: SectionSpec | undefined;
  subsection: Subsection | undefined;
}

export type CompletionSite =
  /** `#`, `##`, `## Inc` on a heading line: `start` is the first `#`. */
  | { kind: 'heading'; start: number }
  /** A blank line: new sections, and new `- **Field:**` items of the container. */
  | { kind: 'blank'; start: number; container: Container | undefined }
  /** A key being typed after a bullet (`- `, `- **`, `- **Dis`) or a paragraph's `**`: `start` is the content start. */
  | { kind: 'key'; start: number; container: Container }
  /** After `**Key:** `: `start` is where the value begins. */
  | { kind: 'value'; start: number; key: string; keyStart: number; container: Container }
  /** A line of an Attack Methodology row below its key: a continuation line (e.g. a nested bullet), or a bullet under a `###` heading. */
  | { kind: 'row-continuation'; start: number; row: Field }
  /** A cell of an Attack Methodology table row: `start` is where the cell's text begins; `role` its column's. */
  | { kind: 'table-cell'; start: number; role: 'tactic' | 'technique'; row: Field | undefined }
  /** After `key: ` in the front matter: `start` is after the opening quote, if any. */
  | { kind: 'front-matter-value'; start: number; key: string };

export function completionSiteAt(model: ReportModel, spec: ReportSpec, position: Position): CompletionSite | undefined {
  const { line } = position;
  if (line < 0 || line >= model.lines.lineCount) return undefined;
  const text = model.lines.lineText(line);
  const character = Math.min(Math.max(position.character, 0), text.length);
  const before = text.slice(0, character);

  const frontMatter = model.frontMatter;
  if (frontMatter && line <= frontMatter.range.end.line) {
    if (line === 0 || line === frontMatter.range.end.line) return undefined;
    const entry = frontMatterEntryAt(before);
    return entry ? { kind: 'front-matter-value', start: entry.valueStart, key: entry.key } : undefined;
  }
  if (model.verbatimLines.has(line)) return undefined;

  const heading = /^ {0,3}(#{1,2})(?!#)/.exec(before);
  if (heading) {
    // The report's title line, already written, is not where a section goes.
    const title = model.titles[0];
    if (heading[1] === '#' && title?.range.start.line === line && title.text.trim() !== '') return undefined;
    return { kind: 'heading', start: heading[0].length - heading[1].length };
  }
  if (text.trim() === '') return { kind: 'blank', start: 0, container: containerAt(model, spec, line) };

  const container = containerAt(model, spec, line);
  if (!container) return undefined;
  // A row of a key/value table (model/tableFields.ts): its value cell is the value being typed.
  const cellField = (container.subsection ?? container.section).fields.find((field) => field.inTable && field.range.start.line === line);
  if (cellField) {
    const { start, end } = cellField.valueRange;
    if (character < start.character || character > end.character) return undefined;
    return { kind: 'value', start: start.character, key: cellField.key, keyStart: cellField.keyRange.start.character, container };
  }
  const itemStart = listItemContentStart(text);
  const contentStart = itemStart ?? text.length - text.trimStart().length;
  if (character < contentStart) return undefined;
  const syntax = fieldAt(text, contentStart);
  if (syntax) {
    // Inside an existing key: nothing to complete (the range would have to reach past the cursor).
    if (character < syntax.valueStart) return undefined;
    return { kind: 'value', start: syntax.valueStart, key: text.slice(syntax.keyStart, syntax.keyEnd), keyStart: syntax.keyStart, container };
  }
  if (container.spec?.kind === 'attack-tactics') {
    const cell = methodologyCellAt(container, container.spec, line, text, character);
    if (cell)
      return cell.role === 'tactic' || cell.role === 'technique'
        ? { kind: 'table-cell', start: cell.start, role: cell.role, row: methodologyRowAt(model, spec, position) }
        : undefined;
    const row = methodologyRowAt(model, spec, position);
    if (row && row.keyRange.start.line < line) return { kind: 'row-continuation', start: contentStart, row };
  }
  const typed = before.slice(contentStart);
  const key = /^(\*{1,2}|_{1,2})?[^*_:]*$/.exec(typed);
  if (key && (itemStart !== undefined || key[1] !== undefined)) return { kind: 'key', start: contentStart, container };
  return undefined;
}

/**
 * The cell of a body row of an Attack Methodology table read as rows that holds `character` on `line`: its
 * column's role and where its text starts. A cell reaches from after the pipe before it up to the pipe after
 * it, so the cursor in an empty cell, or after its text before the pipe, is in it.
 */
function methodologyCellAt(
  container: Container,
  sectionSpec: SectionSpec,
  line: number,
  text: string,
  character: number,
): { role: string | undefined; start: number } | undefined {
  const read = readTables(container.section, sectionSpec).find(
    ({ table, recognised }) => recognised && table.rows.some((row) => row.range.start.line === line),
  );
  if (!read) return undefined;
  const spans = splitTableLine(text);
  let index = 0;
  let cellStart = text.length - text.trimStart().length + (text.trimStart().startsWith('|') ? 1 : 0);
  for (; index < spans.length - 1; index++) {
    const pipe = text.indexOf('|', spans[index].end);
    if (pipe < 0 || character <= pipe) break;
    cellStart = pipe + 1;
  }
  if (character < cellStart) return undefined;
  let start = cellStart;
  while (start < character && (text[start] === ' ' || text[start] === '\t')) start++;
  return { role: read.roles[index], start };
}

/** The section whose heading is the last one above `line` (undefined under an H1 or before any H2). */
export function containerAt(model: ReportModel, spec: ReportSpec, line: number): Container | undefined {
  let section: Section | undefined;
  for (const candidate of model.sections) {
    if (candidate.heading.range.end.line >= line) break;
    section = candidate;
  }
  if (!section) return undefined;
  const headingLine = section.heading.range.end.line;
  if (model.titles.some((title) => title.range.start.line > headingLine && title.range.start.line <= line)) return undefined;
  let subsection: Subsection | undefined;
  for (const candidate of section.subsections) if (candidate.heading.range.end.line < line) subsection = candidate;
  return { section, spec: spec.sectionOf(section), subsection };
}

/** The fields the schema describes at a container, the fields written there, and the look-up by name. */
export interface ContainerFields {
  specs: readonly FieldSpec[];
  written: readonly Field[];
  find(name: string): FieldSpec | undefined;
}

export function containerFields(container: Container): ContainerFields | undefined {
  const { spec, section, subsection } = container;
  if (!spec) return undefined;
  if (spec.kind === 'timeline') {
    // Timeline fields belong to each H3 phase; the section's own lines have none.
    return subsection ? { specs: spec.subsectionFields, written: subsection.fields, find: spec.findSubsectionField } : undefined;
  }
  return { specs: spec.fields, written: [...section.fields, ...section.subsections.flatMap((sub) => sub.fields)], find: spec.findField };
}

export interface TechniqueQuery {
  /** Column where the replacement starts. */
  start: number;
  /** What to search for ('' to list the row tactic's techniques). */
  query: string;
  /** Text in the range that is not the query (an ID before name words, an `N/A`): kept in filterText. */
  kept: string;
}

/**
 * What is being typed in a technique list: an ID (`T15`, `t1566.0`) is the word before the cursor; name
 * words (`spear phish`) run back to the last `,`/`;` or the value start. An ID already written before the
 * name words, or an `N/A`, is replaced too: the entry writes `ID Name` whole.
 */
export function techniqueQueryAt(before: string, valueStart: number): TechniqueQuery {
  let wordStart = before.length;
  while (wordStart > 0 && /[A-Za-z0-9.]/.test(before[wordStart - 1])) wordStart--;
  const word = before.slice(wordStart);
  if (/^T\d/i.test(word)) return { start: before.length - word.length, query: word, kept: '' };
  let start = Math.max(valueStart, before.lastIndexOf(',') + 1, before.lastIndexOf(';') + 1);
  while (start < before.length && /\s/.test(before[start])) start++;
  const segment = before.slice(start);
  if (/^n\/?a\.?$/i.test(segment.trim())) return { start, query: '', kept: segment };
  const id = /^T\d{4}(?:\.\d{3})?\s+/i.exec(segment);
  // `T1053.005 ` alone: look the ID up, to write its name; `T1053.005 Sch`: search the name words.
  return id && id[0].length < segment.length ? { start, query: segment.slice(id[0].length), kept: id[0] } : { start, query: segment, kept: '' };
}

/** Longest text prefix read for the date style when no date field has a value yet. */
const STYLE_SCAN_LIMIT = 20_000;
const styleCache = new DerivedCache<ReportModel, DateStyle>('dateStyle');

/** Gives a model the date style of another of the same document (a section model: that of the last full one). */
export function presetDateStyle(model: ReportModel, style: DateStyle): void {
  styleCache.set(model, style);
}

/**
 * The report's date style: that of its date fields' values (a few short strings, where the style
 * matters), else of the start of its text, else ISO. Cached per model (one per document version).
 */
export function reportDateStyle(model: ReportModel, spec: ReportSpec): DateStyle {
  let style = styleCache.get(model);
  if (style === undefined) {
    const values: string[] = [];
    for (const section of model.sections) {
      const sectionSpec = spec.sectionOf(section);
      if (!sectionSpec) continue;
      for (const field of [section, ...section.subsections].flatMap((container) => container.fields)) {
        const kind = (sectionSpec.findField(field.key) ?? sectionSpec.findSubsectionField(field.key))?.kind;
        if (kind === 'date' || kind === 'datetime') values.push(field.value);
      }
    }
    style = dateStyleOf(values.join('\n')) ?? dateStyleOf(model.lines.text.slice(0, STYLE_SCAN_LIMIT)) ?? 'iso';
    styleCache.set(model, style);
  }
  return style;
}
