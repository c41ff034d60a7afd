import type { Field, Section } from '../model/modelTypes';
import { iocTableRows, type IocTableRow } from '../queries/iocTables';
import { findTechniqueMentions } from '../attack/techniqueMentions';
import { isHeadingRow, isTableRow, methodologyRows } from '../queries/methodologyRows';
import { timelineEntries, type TimelineEntry } from '../queries/timelineEntries';
import type { SectionSpec } from '../schema/reportSpec';
import type { LineIndex } from '../text/lineIndex';
import { comparePositions } from '../types';
import type { Range, SymbolNode } from './featureTypes';

const MAX_DETAIL = 60;

/**
 * The leaves of the outline: fields (`**Key:** value` items and key/value table rows, which the model reads
 * as fields), and the rows a section reads from its other dialects.
 */

/** What a section lists besides its fields, each leaf to go under the heading it is written beneath. */
export interface RowLeaves {
  leaves: SymbolNode[];
  /** Lines where a leaf stands for a field too (a dated bullet `- **2026-08-03:** …` is both): that field is not listed again. */
  replacedFieldLines: ReadonlySet<number>;
}

const NONE: RowLeaves = { leaves: [], replacedFieldLines: new Set() };

/**
 * Attack Methodology: its table rows and technique bullets, like its `**Tactic:**` items. Timeline of Events: its entries (table rows
 * with a date column, dated bullets), named by date and title; its `###` phases are subsections already.
 * Indicators of Compromise: the rows of its indicator tables, named by their indicator.
 */
export function rowLeaves(lines: LineIndex, section: Section, sectionSpec: SectionSpec): RowLeaves {
  switch (sectionSpec.kind) {
    case 'attack-tactics':
      return {
        leaves: methodologyRows(section, sectionSpec)
          .filter((row) => isTableRow(row) || isHeadingRow(row))
          .map(fieldLeaf),
        replacedFieldLines: new Set(),
      };
    case 'timeline': {
      const entries = timelineEntries(lines, section, sectionSpec);
      return { leaves: entries.map(entryLeaf), replacedFieldLines: new Set(entries.map((entry) => entry.range.start.line)) };
    }
    case 'indicators':
      return { leaves: iocTableRows(section, sectionSpec).map(iocLeaf), replacedFieldLines: new Set() };
    default:
      return NONE;
  }
}

/**
 * A row of a table without a tactic column has no key: it is named by its techniques; a row continuing the
 * tactic above selects its own cells. A bullet under a heading is named by its technique IDs, its text the detail.
 */
export function fieldLeaf(field: Field): SymbolNode {
  if (isHeadingRow(field)) {
    const ids = [...new Set(findTechniqueMentions(field.value).map((mention) => mention.id))].join(', ');
    return leaf(ids, field.value, field.range, field.valueRange);
  }
  if (!field.key) return leaf(field.value, '', field.range, field.range);
  return leaf(field.key, field.value, field.range, isTableRow(field) && field.table.continued ? field.valueRange : field.keyRange);
}

/**
 * "2026-07-16 14:10 Resignation": the date as written and the title (a bullet, or a row without a title
 * cell: its text, shortened), the row's details as detail. The date is selected (date and time cells
 * together); an undated row selects its title.
 */
function entryLeaf(entry: TimelineEntry): SymbolNode {
  const text = oneLine(entry.title || entry.details);
  const name = [oneLine(entry.dateText), truncate(text)].filter(Boolean).join(' ');
  const detail = entry.title ? truncate(oneLine(entry.details)) : '';
  const date = entry.time ? { start: entry.dateRange.start, end: entry.time.range.end } : entry.dateRange;
  const selected = entry.dateText !== '' ? date : (entry.titleRange ?? entry.detailsRange ?? date);
  return { ...leaf(name, detail, entry.range, selected), kind: 'entry' };
}

/** "routeplanner-download[.]top", detail "Domain — Look-alike download site": the indicator, then its type and context cells. */
function iocLeaf(row: IocTableRow): SymbolNode {
  const detail = [row.type, ...row.context.map((cell) => cell.text)].filter(Boolean).join(' — ');
  return leaf(row.indicator.text || '(no indicator)', detail, row.range, row.indicator.range);
}

export function leaf(key: string, value: string, range: Range, keyRange: Range): SymbolNode {
  const detail = truncate(oneLine(value));
  return { name: key || '(untitled)', ...(detail ? { detail } : {}), kind: 'field', range, selectionRange: within(keyRange, range), children: [] };
}

export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export function truncate(text: string): string {
  if (text.length <= MAX_DETAIL) return text;
  const cut = /[\uD800-\uDBFF]/.test(text.charAt(MAX_DETAIL - 2)) ? MAX_DETAIL - 2 : MAX_DETAIL - 1;
  return `${text.slice(0, cut).trimEnd()}…`;
}

/** `inner` clipped to `outer`: LSP clients reject a selection range outside its symbol's range. */
export function within(inner: Range, outer: Range): Range {
  const clip = (position: Range['start']) =>
    comparePositions(position, outer.start) < 0 ? outer.start : comparePositions(position, outer.end) > 0 ? outer.end : position;
  return { start: clip(inner.start), end: clip(inner.end) };
}
