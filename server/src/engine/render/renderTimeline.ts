import { reportWritesDayFirst } from '../dates/numericOrder';
import { headingZone } from '../dates/headingZone';
import { parseReportDate, type ParsedDate } from '../dates/parseDate';
import type { ZoneInfo } from '../dates/timeZones';
import type { Block, ContentContainer, Field, Section, Subsection } from '../model/modelTypes';
import { timelineEntries, type TimelineEntry } from '../queries/timelineEntries';
import type { SectionSpec } from '../schema/reportSpec';
import { escapeHtml, isoTime, lineAttr } from './escape';
import { fieldValue, renderContainer, type RenderState } from './renderContext';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

/**
 * A time span as "+40 min", "+2 h 5 min", "+1 day 11 h", "+3 days". With `days`, only whole days
 * ("same day" for zero), for dates written without a time. Negative spans get a minus sign.
 */
export function formatSpan(ms: number, days: boolean): string {
  const sign = ms < 0 ? '−' : '+';
  const abs = Math.abs(ms);
  if (days) {
    const d = Math.round(abs / DAY);
    return d === 0 ? 'same day' : `${sign}${plural(d, 'day')}`;
  }
  const minutes = Math.round(abs / MINUTE);
  if (minutes === 0) return 'same time';
  if (minutes < 60) return `${sign}${minutes} min`;
  if (minutes < 24 * 60) {
    const h = Math.floor(minutes / 60);
    const m = minutes % 60;
    return `${sign}${h} h${m ? ` ${m} min` : ''}`;
  }
  const d = Math.floor(minutes / (24 * 60));
  const h = Math.round((minutes - d * 24 * 60) / 60);
  return `${sign}${plural(d, 'day')}${h && h < 24 ? ` ${h} h` : ''}`;
}

interface Phase {
  subsection: Subsection;
  dateField: Field | undefined;
  date: ParsedDate | undefined;
  invalid: string | undefined;
}

/** The phase's date field: the subsection field the schema marks as a date, else a key naming a date or time. */
function dateFieldOf(subsection: Subsection, spec: SectionSpec | undefined): Field | undefined {
  const bySpec = subsection.fields.find((field) => {
    const kind = spec?.findSubsectionField(field.key)?.kind;
    return kind === 'date' || kind === 'datetime';
  });
  return bySpec ?? subsection.fields.find((field) => /\b(date|time|when)\b/i.test(field.key));
}

function readPhase(subsection: Subsection, spec: SectionSpec | undefined, zone: ZoneInfo | undefined, dayFirst: boolean): Phase {
  const dateField = dateFieldOf(subsection, spec);
  const parsed = dateField ? parseReportDate(dateField.value, zone, dayFirst) : { kind: 'none' as const };
  return {
    subsection,
    dateField,
    date: parsed.kind === 'date' ? parsed.date : undefined,
    invalid: parsed.kind === 'invalid' ? parsed.reason : undefined,
  };
}

const COARSE = new Set<ParsedDate['precision']>(['day', 'month', 'year']);

/**
 * The timeline as a lane: each H3 phase, table row and dated bullet in the order written, its date as
 * written (machine-readable in <time>), the span since the previous dated one between them, "date
 * unknown" where none is given. Tables and lists whose every item is an entry become lane items.
 */
export function renderTimeline(state: RenderState, section: Section, spec: SectionSpec | undefined): string {
  const all = spec ? timelineEntries(state.model.lines, section, spec) : [];
  const firstPhase = section.subsections[0]?.range.start.line ?? Infinity;
  const entries = laneEntries(state, section, all, 0, firstPhase);
  let html = renderContainer(state, section, { skipBlock: (block) => entries.blocks.has(block) });
  if (section.subsections.length === 0 && entries.items.length === 0) return html || '<p class="empty">No phases.</p>\n';
  const zone = headingZone(section.heading.text); // "(all times EST)": the zone of phases that write none
  const lane: LaneItem[] = entries.items.map((entry) => entryItem(state, entry));
  for (const subsection of section.subsections) {
    const phase = readPhase(subsection, spec, zone, reportWritesDayFirst(state.model.lines));
    const inPhase = phase.dateField ? undefined : laneEntries(state, subsection, all, subsection.range.start.line, subsection.range.end.line + 1);
    if (inPhase && inPhase.items.length > 0) {
      // "### Day 1" above a table of entries: a heading of the entries that follow it in the lane, not a phase without a date.
      lane.push({ line: subsection.range.start.line, date: undefined, html: () => renderGroup(state, subsection, inPhase.blocks) });
      lane.push(...inPhase.items.map((entry) => entryItem(state, entry)));
    } else {
      lane.push({ line: subsection.range.start.line, date: phase.date, html: () => renderPhase(state, phase) });
    }
  }
  lane.sort((a, b) => a.line - b.line);
  const items: string[] = [];
  let previous: ParsedDate | undefined;
  for (const item of lane) {
    if (item.date && previous) {
      const ms = item.date.earliest - previous.earliest;
      const approx = item.date.qualifier !== 'exact' || previous.qualifier !== 'exact' ? '≈ ' : '';
      const span = formatSpan(ms, COARSE.has(item.date.precision) || COARSE.has(previous.precision));
      const backwards = ms < 0 ? ' backwards' : '';
      const note = ms < 0 ? ' (earlier than the phase before)' : '';
      items.push(
        `<li class="gap${backwards}" aria-label="${escapeHtml(`${approx}${span} later${note}`)}"><span>${escapeHtml(approx + span + note)}</span></li>`,
      );
    }
    if (item.date) previous = item.date;
    items.push(item.html());
  }
  html += `<ol class="timeline">${items.join('\n')}</ol>\n`;
  return html;
}

interface LaneItem {
  line: number;
  date: ParsedDate | undefined;
  html: () => string;
}

function entryItem(state: RenderState, entry: TimelineEntry): LaneItem {
  const parsed = parseReportDate(entry.dateText, entry.zone, entry.dayFirst);
  const date = parsed.kind === 'date' ? parsed.date : undefined;
  return { line: entry.range.start.line, date, html: () => renderEntry(state, entry, date, parsed.kind === 'invalid' ? parsed.reason : undefined) };
}

/**
 * The entries of a container's own content (lines `from` to before `to`) that the lane shows, and the blocks
 * they replace (a list only when every item is an entry).
 */
function laneEntries(
  state: RenderState,
  container: ContentContainer,
  entries: readonly TimelineEntry[],
  from: number,
  to: number,
): { items: TimelineEntry[]; blocks: Set<Block> } {
  const all = entries.filter((entry) => entry.range.start.line >= from && entry.range.start.line < to);
  const blocks = new Set<Block>();
  const items: TimelineEntry[] = [];
  let next = 0; // blocks and entries are both in source order
  for (const block of container.blocks) {
    while (next < all.length && all[next].range.start.line < block.range.start.line) next++;
    const inBlock: TimelineEntry[] = [];
    while (next < all.length && all[next].range.start.line <= block.range.end.line) inBlock.push(all[next++]);
    if (block.kind !== 'table' && block.kind !== 'list') continue;
    if (inBlock.length === 0 || (block.kind === 'list' && !everyItemIsEntry(state, block, inBlock))) continue;
    blocks.add(block);
    items.push(...inBlock);
  }
  return { items, blocks };
}

function everyItemIsEntry(state: RenderState, block: Block, entries: readonly TimelineEntry[]): boolean {
  const lines = new Set(entries.map((entry) => entry.range.start.line));
  for (let line = block.range.start.line; line <= block.range.end.line; line++) {
    const text = state.model.lines.lineText(line);
    if (text.trim() !== '' && !lines.has(line)) return false;
  }
  return true;
}

/** A date that does not parse: the red wavy underline says so, and so do words (for screen readers). */
function invalidDate(html: string, reason: string): string {
  return `<span class="date-invalid" title="${escapeHtml(`Not a valid date: ${reason}`)}">${html}<span class="visually-hidden"> (not a valid date: ${escapeHtml(reason)})</span></span>`;
}

function renderEntry(state: RenderState, entry: TimelineEntry, date: ParsedDate | undefined, invalid: string | undefined): string {
  const written = escapeHtml(entry.dateText);
  let when: string;
  if (date) when = `<time datetime="${isoTime(date.earliest)}">${written}</time>`;
  else if (invalid) when = invalidDate(written, invalid);
  else when = `<span class="date-unknown">${entry.dateText === '' ? 'date unknown' : written}</span>`;
  const line = lineAttr(entry.range.start.line);
  const title = entry.title ? `<h3${line}>${state.inline(entry.title)}</h3>` : '';
  const details = entry.details ? `<p>${state.inline(entry.details)}</p>` : '';
  return (
    `<li class="phase entry ${date ? 'dated' : 'undated'}"${line}>` +
    `<div class="when"${line}>${when}</div><div class="phase-body">${title}${details}</div></li>`
  );
}

/** An undated `###` above entries ("Day 1"): its heading and what else it says, the entries following it as lane items. */
function renderGroup(state: RenderState, subsection: Subsection, entryBlocks: ReadonlySet<Block>): string {
  const heading = subsection.heading;
  const body = renderContainer(state, subsection, { skipBlock: (block) => entryBlocks.has(block) });
  return (
    `<li class="phase group"${lineAttr(heading.range.start.line)}><div class="when"></div>` +
    `<div class="phase-body"><h3${lineAttr(heading.range.start.line)}>${state.inline(state.slice(heading.textRange))}</h3>${body}</div></li>`
  );
}

function renderPhase(state: RenderState, phase: Phase): string {
  const { subsection, dateField, date } = phase;
  let when: string;
  if (date && dateField) {
    when = `<time datetime="${isoTime(date.earliest)}">${fieldValue(state, dateField)}</time>`;
  } else if (phase.invalid && dateField) {
    when = invalidDate(fieldValue(state, dateField), phase.invalid);
  } else {
    when = '<span class="date-unknown">date unknown</span>';
  }
  const heading = subsection.heading;
  const body = renderContainer(state, subsection, { skipField: (field) => field === dateField && (date !== undefined || phase.invalid !== undefined) });
  return (
    `<li class="phase ${date ? 'dated' : 'undated'}"${lineAttr(heading.range.start.line)}>` +
    `<div class="when"${dateField ? lineAttr(dateField.range.start.line) : ''}>${when}</div>` +
    `<div class="phase-body"><h3${lineAttr(heading.range.start.line)}>${state.inline(state.slice(heading.textRange))}</h3>${body}</div></li>`
  );
}
