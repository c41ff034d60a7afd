import { reportWritesDayFirst } from '../dates/numericOrder';
import { headingZone } from '../dates/headingZone';
import { parseReportDate, type DayFirst } from '../dates/parseDate';
import type { ZoneInfo } from '../dates/timeZones';
import type { ContentContainer, Field, Section, Table, TableCell } from '../model/modelTypes';
import { splitQualifier } from '../schema/headingNames';
import { MAX_COMPLETED_CELL, completeDate, headerYear, headingYear, isDay, withYearAdded, yearOf, type DayContext } from './dateCompletion';
import type { SectionSpec } from '../schema/reportSpec';
import type { LineIndex } from '../text/lineIndex';
import type { Range } from '../types';
import { DerivedCache } from '../model/derivedCache';

/**
 * The entries of a Timeline of Events written in its other dialects (the schema's `x-dialects` on the
 * section): the body rows of a table with a date column (`x-columns` role `date`), and dated bullets
 * (`dated-list`), list items that start with a date, bold or not, followed by a separator
 * (`- **2026-08-03 16:00 UTC** — Data copied`, `- 2026-08-03 16:00 UTC: Data copied`). The `###` phases
 * stay what they are; entries are read from the section's own content and from its H3s that have no
 * date field of their own (a dated phase's bullets are its details, not entries of the timeline).
 */

export interface TimelineEntry {
  dialect: 'table' | 'dated-list';
  /** The date as written: the date cell's text (possibly empty), or the date of a bullet; with a time cell, "date time". */
  dateText: string;
  /** A time cell beside a date cell that holds a day (`| Date | Time (UTC) |`): its text is part of `dateText`. */
  time?: TableCell;
  /**
   * What `dateText` adds to the date cell from its context: the year of a day written without one ("Oct 31"
   * under a "Date (2021)" header, or after a row dated in 2021), or the day of a cell that only holds a
   * time ("21:34" after a row of June 1).
   */
  completed?: 'year' | 'day';
  /** The report writes numeric dates day first (numericOrder.ts): `dateText` is read so. */
  dayFirst?: boolean;
  /** The date cell (zero-width when empty), or the date text of a bullet without its bold markers. */
  dateRange: Range;
  /** For a table row: its table's date column header ("Time (UTC)"). */
  dateHeader?: string;
  /** The phase/title cell's text, '' when there is none. */
  title: string;
  titleRange?: Range;
  /** The details cell(s), or the text of a bullet after its separator. */
  details: string;
  detailsRange?: Range;
  /** The row or the item's first line. */
  range: Range;
  /** The zone of dates that write none: the date column header's ("Time (UTC)"), else the section heading's. */
  zone: ZoneInfo | undefined;
  /** The zone is the date column header's, not the section heading's. */
  zoneFromColumn?: boolean;
}

/** Whether an H3 of the timeline is a dated phase: it has a field the schema marks as a date. */
export function isDatedPhase(container: ContentContainer, sectionSpec: SectionSpec): boolean {
  return phaseDateField(container, sectionSpec) !== undefined;
}

/** The first field of an H3 of the timeline that the schema marks as a date (`**Date/Time:**`). */
export function phaseDateField(container: ContentContainer, sectionSpec: SectionSpec): Field | undefined {
  return container.fields.find((field) => {
    const kind = sectionSpec.findSubsectionField(field.key)?.kind;
    return kind === 'date' || kind === 'datetime';
  });
}

/** A column's role by its header, read without the header's qualifier too ("Time (UTC)" is a Time column). */
export function timelineColumnRole(sectionSpec: SectionSpec, header: string): string | undefined {
  return sectionSpec.columnRole(header) ?? sectionSpec.columnRole(splitQualifier(header)?.name ?? header);
}

/**
 * Tables of the timeline where entries are read (the section and its undated `###` headings) that are not
 * read as entries: no column is a date column, or the section does not read tables. A table inside a dated
 * phase is that phase's detail, not listed.
 */
export function unreadTimelineTables(section: Section, sectionSpec: SectionSpec): Table[] {
  if (sectionSpec.kind !== 'timeline') return [];
  const reads = sectionSpec.dialects.includes('table');
  return entryContainers(section, sectionSpec)
    .flatMap((container) => container.tables)
    .filter((table) => !reads || !table.header.cells.some((cell) => timelineColumnRole(sectionSpec, cell.text) === 'date'));
}

/** The tables of the timeline that are read as entries: the section accepts tables and one column is a date column. */
export function timelineTables(section: Section, sectionSpec: SectionSpec): { table: Table; roles: (string | undefined)[] }[] {
  if (sectionSpec.kind !== 'timeline' || !sectionSpec.dialects.includes('table')) return [];
  return entryContainers(section, sectionSpec)
    .flatMap((container) => container.tables)
    .map((table) => ({ table, roles: table.header.cells.map((cell) => timelineColumnRole(sectionSpec, cell.text)) }))
    .filter((read) => read.roles.includes('date'));
}

const cache = new DerivedCache<Section, { spec: SectionSpec; entries: TimelineEntry[] }>('timelineEntries');

/** The section's entries in source order (none unless the schema gives the section these dialects). */
export function timelineEntries(lines: LineIndex, section: Section, sectionSpec: SectionSpec): TimelineEntry[] {
  const cached = cache.get(section);
  if (cached?.spec === sectionSpec) return cached.entries;
  const zone = headingZone(section.heading.text);
  // The report's numeric order is read (a scan of the whole text) only if an entry's date is numeric.
  const dayFirst = () => reportWritesDayFirst(lines);
  const entries = timelineTables(section, sectionSpec).flatMap(({ table, roles }) => tableEntries(table, roles, zone, dayFirst));
  if (sectionSpec.kind === 'timeline' && sectionSpec.dialects.includes('dated-list')) {
    // A year in the heading ("Timeline (November 2025, all times UTC)") completes bullets that write none.
    const context: DayContext = { year: headingYear(section.heading.text), dayFirst };
    for (const container of entryContainers(section, sectionSpec)) entries.push(...bulletEntries(lines, container, zone, context));
    if (entries.length > 0 && dayFirst()) for (const entry of entries) entry.dayFirst = true;
  }
  entries.sort((a, b) => a.range.start.line - b.range.start.line);
  cache.set(section, { spec: sectionSpec, entries });
  return entries;
}

const containersCache = new DerivedCache<Section, { spec: SectionSpec; containers: ContentContainer[] }>('timelineContainers');

/** The section and its undated `###` headings, where entries are read (asked by several rules per check: kept per model). */
function entryContainers(section: Section, sectionSpec: SectionSpec): ContentContainer[] {
  const cached = containersCache.get(section);
  if (cached?.spec === sectionSpec) return cached.containers;
  const containers = [section, ...section.subsections.filter((subsection) => !isDatedPhase(subsection, sectionSpec))];
  containersCache.set(section, { spec: sectionSpec, containers });
  return containers;
}

function tableEntries(table: Table, roles: (string | undefined)[], sectionZone: ZoneInfo | undefined, dayFirst: DayFirst): TimelineEntry[] {
  const dateColumn = roles.indexOf('date');
  const timeColumn = roles.indexOf('date', dateColumn + 1); // `| Date | Time |`: a second date column holds the time
  const headers = table.header.cells;
  const columnZone = headingZone(headers[dateColumn].text) ?? (timeColumn >= 0 ? headingZone(headers[timeColumn].text) : undefined);
  const zone = columnZone ?? sectionZone;
  const entries: TimelineEntry[] = [];
  const context: DayContext = { year: headerYear(headers[dateColumn].text), dayFirst };
  for (const row of table.rows) {
    if (row.cells.every((cell) => cell.text === '')) continue; // a blank row
    const of = (role: string) => row.cells.filter((cell, index) => roles[index] === role && cell.text !== '');
    const dateCell: TableCell = row.cells[dateColumn] ?? { text: '', range: { start: row.range.end, end: row.range.end } };
    const [titleCell] = of('title');
    const details = of('details');
    const entry: TimelineEntry = {
      dialect: 'table',
      dateText: dateCell.text,
      dateRange: dateCell.range,
      title: titleCell?.text ?? '',
      details: '',
      range: row.range,
      zone,
    };
    const completion = completeDate(dateCell.text, context);
    if (completion) [entry.dateText, entry.completed] = [completion.text, completion.completed];
    const timeCell = timeColumn >= 0 ? row.cells[timeColumn] : undefined;
    if (timeCell && timeCell.text !== '' && isDay(entry.dateText, dayFirst)) {
      entry.time = timeCell;
      entry.dateText = `${entry.dateText} ${timeCell.text}`;
    }
    entry.dateHeader = headers[dateColumn].text;
    if (columnZone) entry.zoneFromColumn = true;
    if (titleCell) entry.titleRange = titleCell.range;
    if (details.length > 0) {
      entry.details = details.map((cell) => cell.text).join(' — ');
      entry.detailsRange = { start: details[0].range.start, end: details[details.length - 1].range.end };
    }
    entries.push(entry);
  }
  return entries;
}

/** `- `, `* `, `+ `, `1. `, `1) ` at the start of a line, up to three spaces in. */
const ITEM_MARKER = /^ {0,3}(?:[-*+]|\d{1,9}[.)])[ \t]+/;
/** What separates a bullet's date from its text. */
const SEPARATORS = new Set([':', '—', '–', '-', '|', ',']);

/** The top-level list items of the container that start with a date. */
/** Characters after the list marker in which an item's leading date must lie. */
const LEADING_DATE_WINDOW = 100;

function bulletEntries(lines: LineIndex, container: ContentContainer, zone: ZoneInfo | undefined, context: DayContext): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  for (const block of container.blocks) {
    if (block.kind !== 'list') continue;
    const first = lines.lineText(block.range.start.line);
    const indent = first.length - first.trimStart().length;
    for (let line = block.range.start.line; line <= block.range.end.line; line++) {
      const text = lines.lineText(line);
      if (text.length - text.trimStart().length !== indent) continue; // a nested item or a continuation line
      const entry = bulletEntry(text, line, zone, context);
      if (entry) entries.push(entry);
    }
  }
  return entries;
}

function bulletEntry(text: string, line: number, zone: ZoneInfo | undefined, context: DayContext): TimelineEntry | undefined {
  const marker = ITEM_MARKER.exec(text);
  if (!marker) return undefined;
  let start = marker[0].length;
  let end: number; // of the date text
  let after: number; // just after the date (and its closing bold markers)
  const bold = text.startsWith('**', start);
  if (bold) {
    const close = text.indexOf('**', start + 2);
    if (close < 0) return undefined;
    start += 2;
    end = close;
    while (end > start && (text[end - 1] === ':' || text[end - 1] === ' ')) end--;
    after = close + 2;
    if (text[after] === ':') after++;
  } else {
    // Only a date at the start of the item counts: the longest date expression is far shorter than this,
    // so the rest of a long item is not scanned.
    const result = parseReportDate(text.slice(start, start + LEADING_DATE_WINDOW));
    if (result.kind === 'none') return undefined;
    const [from, to] = result.kind === 'date' ? [result.date.start, result.date.end] : [result.start, result.end];
    if (from !== 0) return undefined;
    end = start + to;
    after = end;
  }
  const dateText = text.slice(start, end);
  if (dateText === '') return undefined;
  let completed: string | undefined;
  if (startsWithDate(dateText, bold)) {
    const year = yearOf(dateText);
    if (year) context.year = year;
  } else {
    // "- **Nov 24 – 09:30 UTC** –" under a heading or after a bullet that gives the year.
    completed = bold && context.year && dateText.length <= MAX_COMPLETED_CELL ? withYearAdded(dateText, context.year, context.dayFirst) : undefined;
    if (!completed) return undefined;
  }
  let rest = after;
  while (text[rest] === ' ' || text[rest] === '\t') rest++;
  if (SEPARATORS.has(text[rest])) {
    rest++;
    while (text[rest] === ' ' || text[rest] === '\t') rest++;
  } else if (!bold || rest === after) {
    if (rest < text.length) return undefined; // no separator: a sentence that starts with a date
  }
  let textEnd = text.length;
  while (textEnd > rest && text[textEnd - 1] === ' ') textEnd--;
  const at = (character: number) => ({ line, character });
  const entry: TimelineEntry = {
    dialect: 'dated-list',
    dateText: completed ?? dateText,
    dateRange: { start: at(start), end: at(end) },
    title: '',
    details: text.slice(rest, textEnd),
    range: { start: at(marker[0].length - marker[0].trimStart().length), end: at(textEnd) },
    zone,
  };
  if (textEnd > rest) entry.detailsRange = { start: at(rest), end: at(textEnd) };
  if (completed) entry.completed = 'year';
  return entry;
}

/** The text starts with a date expression, valid or not; `whole`: a valid date is all of it (bold text that is a date, not a title). */
function startsWithDate(text: string, whole: boolean): boolean {
  const result = parseReportDate(text);
  if (result.kind === 'invalid') return result.start === 0;
  return result.kind === 'date' && result.date.start === 0 && (!whole || result.date.end === text.length);
}
