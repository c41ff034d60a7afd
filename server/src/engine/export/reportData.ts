import { reportWritesDayFirst } from '../dates/numericOrder';
import { sectionFields } from '../queries/sectionFields';
import { headingZone } from '../dates/headingZone';
import type { ZoneInfo } from '../dates/timeZones';
import { parseReportDate, type DateQualifier, type ParsedDate } from '../dates/parseDate';
import type { AnalysedReport } from '../analysedReport';
import type { FeatureContext } from '../features/featureTypes';
import type { ContentContainer, Field, ReportModel } from '../model/modelTypes';
import { timelineEntries } from '../queries/timelineEntries';
import type { FieldSpec } from '../schema/reportSpec';
import type { Finding } from '../types';
import { tacticRows, type TacticRow } from './tacticRows';
import { indicatorSets, type IndicatorData } from './indicatorData';

export type { IndicatorData, IndicatorLocation } from './indicatorData';

export type { LegacyTacticRef, TacticRef, TacticRow, TechniqueRef } from './tacticRows';

/**
 * The normalized view of a checked report that every export is built from: plain data, 1-based lines
 * and columns (columns in UTF-16 code units, as everywhere else), dates as ISO 8601 instants. Reading
 * it never consults a clock, so the same text gives the same data.
 */

/** What an export needs: the analysed report (model, spec, catalog, findings) and the path users see. */
export type ExportInput = FeatureContext &
  Pick<AnalysedReport, 'findings'> & {
    /** The report's path as users see it (relative to the working directory, '/' separators), or '<stdin>'. */
    sourcePath: string;
  };

/** A parsed date: the interval the text can mean, `start` and `end` inclusive, both UTC. */
export interface DateValue {
  /** The field value as written. */
  text: string;
  start: string;
  end: string;
  precision: ParsedDate['precision'];
  qualifier: DateQualifier;
  /** The zone as written (e.g. "UTC", "ET", "+02:00"); absent when none was written (UTC was assumed). */
  zone?: string;
}

export interface FieldData {
  /** The schema's key for the field (e.g. "discoveryDate"), or null for a field the schema does not know. */
  key: string | null;
  /** The key as written (e.g. "Discovery Date"). */
  name: string;
  value: string;
  line: number;
  endLine: number;
  /** For date fields (x-kind date/datetime) whose value is a date. */
  date?: DateValue;
}

export interface SubsectionData {
  heading: string;
  line: number;
  endLine: number;
  /** The content under the heading as written, blank lines at either end removed. */
  text: string;
  fields: FieldData[];
  /** The phase's date: its first date field's date. */
  date?: DateValue;
}

export interface SectionData {
  key: string | null;
  /** The schema's title for the section, or the heading text for an unknown section. */
  title: string;
  heading: string;
  level: number;
  line: number;
  endLine: number;
  /** The content before the first subsection, as written, blank lines at either end removed. */
  text: string;
  fields: FieldData[];
  subsections: SubsectionData[];
  /** A timeline's entries written as table rows or dated bullets, in order; absent when it has none. */
  entries?: EntryData[];
}

/** A timeline entry: a row of a table with a date column, or a list item that starts with a date. */
export interface EntryData {
  dialect: 'table' | 'dated-list';
  /** The title cell's text ('' when none): what a phase's heading is to a phase. */
  heading: string;
  line: number;
  endLine: number;
  /** The details as written (the details cells joined by ' — ', or a bullet's text after its date). */
  text: string;
  /** The date as written ('' for an empty date cell). */
  when: string;
  /** The date, when `when` is one (read in the column header's or the section heading's zone when it names none). */
  date?: DateValue;
}

export interface FindingsSummary {
  errors: number;
  warnings: number;
  infos: number;
  /** Findings per rule, rule IDs sorted. */
  byRule: Record<string, number>;
}

export interface ReportData {
  sourcePath: string;
  lineCount: number;
  title: { text: string; line: number } | null;
  frontMatter: { data: Record<string, unknown> | null; line: number; endLine: number; dates: Record<string, DateValue> } | null;
  sections: SectionData[];
  /** The dates the schema marks as discovery and start of the incident (x-date-role). */
  dates: { discovered: DateValue | null; began: DateValue | null };
  /** The rows of the Attack Methodology section(s), in order. */
  tactics: TacticRow[];
  /** The listed indicators of the Indicators of Compromise section, each once (by kind and normalised live form). */
  indicators: IndicatorData[];
  /** Values only quoted in its code blocks (log excerpts), never listed: evidence, not indicators to share. */
  evidence: IndicatorData[];
  /** The organization's own domains, mailboxes and addresses there (`organization`, Affected Organization): never indicators. */
  affectedAssets: IndicatorData[];
  findings: FindingsSummary;
}

const DATE_KINDS = new Set(['date', 'datetime']);

export function collectReportData(input: ExportInput): ReportData {
  const { model, spec } = input;
  const dates: ReportData['dates'] = { discovered: null, began: null };
  const noteRole = (fieldSpec: FieldSpec | undefined, date: DateValue | undefined) => {
    if (!date) return;
    if (fieldSpec?.dateRole === 'discovered') dates.discovered ??= date;
    if (fieldSpec?.dateRole === 'began') dates.began ??= date;
  };
  const readFields = (fields: readonly Field[], find: (name: string) => FieldSpec | undefined, zone?: ZoneInfo): FieldData[] =>
    fields.map((field) => {
      const fieldSpec = find(field.key);
      const data: FieldData = {
        key: fieldSpec?.key ?? null,
        name: field.key,
        value: field.value,
        line: field.range.start.line + 1,
        endLine: field.range.end.line + 1,
      };
      const date = fieldSpec?.kind && DATE_KINDS.has(fieldSpec.kind) ? parseDateValue(field.value, zone, reportWritesDayFirst(model.lines)) : undefined;
      if (date) data.date = date;
      noteRole(fieldSpec, date);
      return data;
    });

  const sections = model.sections.map((section): SectionData => {
    const sectionSpec = spec.sectionOf(section);
    const firstSubsection = section.subsections[0]?.heading.range.start.line;
    // "Timeline of Events (all times EST)": the zone of the section's dates that write none, as the date rules read them.
    const zone = sectionSpec ? headingZone(section.heading.text) : undefined;
    const data: SectionData = {
      key: sectionSpec?.key ?? null,
      title: sectionSpec?.title ?? section.heading.text,
      heading: section.heading.text,
      level: section.heading.level,
      line: section.range.start.line + 1,
      endLine: section.range.end.line + 1,
      text: bodyText(model, section, firstSubsection),
      fields: readFields(sectionSpec ? sectionFields(section, sectionSpec) : section.fields, (name) => sectionSpec?.findField(name), zone),
      subsections: section.subsections.map((subsection): SubsectionData => {
        const fields = readFields(subsection.fields, (name) => sectionSpec?.findSubsectionField(name), zone);
        const data: SubsectionData = {
          heading: subsection.heading.text,
          line: subsection.range.start.line + 1,
          endLine: subsection.range.end.line + 1,
          text: bodyText(model, subsection, undefined),
          fields,
        };
        const date = fields.find((field) => field.date)?.date;
        if (date) data.date = date;
        return data;
      }),
    };
    const entries = sectionSpec?.kind === 'timeline' ? timelineEntries(model.lines, section, sectionSpec) : [];
    if (entries.length > 0) {
      data.entries = entries.map((entry): EntryData => {
        const value: EntryData = {
          dialect: entry.dialect,
          heading: entry.title,
          line: entry.range.start.line + 1,
          endLine: entry.range.end.line + 1,
          text: entry.details,
          when: entry.dateText,
        };
        const date = parseDateValue(entry.dateText, entry.zone, entry.dayFirst);
        if (date) value.date = date;
        return value;
      });
    }
    return data;
  });

  return {
    sourcePath: input.sourcePath,
    lineCount: model.lines.lineCount,
    title: model.titles[0] ? { text: model.titles[0].text.trim(), line: model.titles[0].range.start.line + 1 } : null,
    frontMatter: frontMatterData(input, noteRole),
    sections,
    dates,
    tactics: tacticRows(input),
    ...indicatorSets(input),
    findings: summarize(input.findings),
  };
}

export function parseDateValue(text: string, zone?: ZoneInfo, dayFirst = false): DateValue | undefined {
  const result = parseReportDate(text, zone, dayFirst);
  if (result.kind !== 'date') return undefined;
  const { date } = result;
  const value: DateValue = {
    text,
    start: new Date(date.earliest).toISOString(),
    end: new Date(date.latest).toISOString(),
    precision: date.precision,
    qualifier: date.qualifier,
  };
  if (date.zone !== undefined) value.zone = date.zone;
  return value;
}

function frontMatterData(context: FeatureContext, noteRole: (spec: FieldSpec | undefined, date: DateValue | undefined) => void): ReportData['frontMatter'] {
  const frontMatter = context.model.frontMatter;
  if (!frontMatter) return null;
  const data = frontMatter.data === undefined ? null : (toJsonValue(frontMatter.data) as Record<string, unknown>);
  const dates: Record<string, DateValue> = {};
  for (const [key, value] of Object.entries(frontMatter.data ?? {})) {
    const fieldSpec = context.spec.findFrontMatterField(key);
    if (!fieldSpec?.kind || !DATE_KINDS.has(fieldSpec.kind)) continue;
    const text = value instanceof Date ? value.toISOString() : typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
    const date = text === undefined ? undefined : parseDateValue(text, undefined, reportWritesDayFirst(context.model.lines));
    if (date) {
      dates[key] = date;
      noteRole(fieldSpec, date);
    }
  }
  return { data, line: frontMatter.range.start.line + 1, endLine: frontMatter.range.end.line + 1, dates };
}

/** YAML may hold dates, NaN or Infinity: make the value plain JSON (what JSON.stringify would write). */
function toJsonValue(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value ?? null)) as unknown;
}

/** The lines under a heading (up to `stopLine`, exclusive), blank lines at either end removed. */
function bodyText(model: ReportModel, container: ContentContainer, stopLine: number | undefined): string {
  const first = container.heading.range.end.line + 1;
  const last = Math.min(container.range.end.line, (stopLine ?? Infinity) - 1);
  const lines: string[] = [];
  for (let line = first; line <= last; line++) lines.push(model.lines.lineText(line));
  while (lines.length > 0 && lines[0].trim() === '') lines.shift();
  while (lines.length > 0 && lines[lines.length - 1].trim() === '') lines.pop();
  return lines.join('\n');
}

function summarize(findings: readonly Finding[]): FindingsSummary {
  const summary: FindingsSummary = { errors: 0, warnings: 0, infos: 0, byRule: {} };
  const byRule = new Map<string, number>();
  for (const finding of findings) {
    if (finding.severity === 'error') summary.errors++;
    else if (finding.severity === 'warning') summary.warnings++;
    else summary.infos++;
    byRule.set(finding.ruleId, (byRule.get(finding.ruleId) ?? 0) + 1);
  }
  for (const ruleId of [...byRule.keys()].sort()) summary.byRule[ruleId] = byRule.get(ruleId) ?? 0;
  return summary;
}

/** The first section with this schema key (e.g. 'executiveSummary'). */
export function sectionByKey(data: ReportData, key: string): SectionData | undefined {
  return data.sections.find((section) => section.key === key);
}

/** A field of any section, by its schema key. */
export function fieldByKey(data: ReportData, sectionKey: string, fieldKey: string): FieldData | undefined {
  return sectionByKey(data, sectionKey)?.fields.find((field) => field.key === fieldKey);
}
