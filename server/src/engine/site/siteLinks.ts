import { reportName } from '../register/registerNavigator';
import type { Register } from '../register/registerTypes';
import { escapeHtml } from '../render/escape';
import { reportHref } from './siteNames';

/** Report path → the name the site shows for it (its ID, else its title, else its path). */
export type ReportNames = ReadonlyMap<string, string>;

export function reportNames(register: Register): ReportNames {
  return new Map(register.reports.map((row) => [row.path, reportName(row)]));
}

/** A link to a report's page at the first of its lines, naming the report and every line. */
export function reportLink(names: ReportNames, path: string, lines: readonly number[]): string {
  const where = lines.length === 0 ? '' : ` (line${lines.length === 1 ? '' : 's'} ${lines.join(', ')})`;
  return `<a href="${reportHref(path, lines[0])}">${escapeHtml(names.get(path) ?? path)}</a>${escapeHtml(where)}`;
}

/** How a page marks a number: as itself (the static site), or as a control carrying its trace key (the webview). */
export interface TraceMarks {
  /** A number shown as text. */
  value(key: string, text: string | number): string;
  /** Attributes for a link that already carries a number (a heatmap cell). */
  attribute(key: string): string;
  /** The most reports a list names before "and N more" (N a number marked with the list's key); all when absent. */
  maxLinks?: number;
}

export const NO_MARKS: TraceMarks = { value: (_key, text) => String(text), attribute: () => '' };

export const TRACE_MARKS: TraceMarks = {
  value: (key, text) => `<button type="button" class="trace" data-trace="${escapeHtml(key)}" title="The reports and lines behind this number">${text}</button>`,
  attribute: (key) => ` data-trace="${escapeHtml(key)}"`,
  maxLinks: 5,
};

/** The reports of a number, linked at their lines, as far as `marks` lists them; the rest as "and N more" traced by `key`. */
export function reportLinks(
  names: ReportNames,
  reports: readonly { path: string; lines: readonly number[] }[],
  separator: string,
  marks: TraceMarks,
  key: string,
): string {
  const shown = marks.maxLinks === undefined ? reports : reports.slice(0, marks.maxLinks);
  const links = shown.map((report) => reportLink(names, report.path, report.lines)).join(separator);
  return shown.length < reports.length ? `${links}${separator}and ${marks.value(key, reports.length - shown.length)} more` : links;
}
