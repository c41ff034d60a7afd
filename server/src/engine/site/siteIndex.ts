import { compareText } from '../register/buildRegister';
import { reportName } from '../register/registerNavigator';
import type { Register, RegisterDate, RegisterRow } from '../register/registerTypes';
import { escapeHtml } from '../render/escape';
import { formatHours, severityClass } from './siteLayout';
import { reportHref } from './siteNames';

/**
 * The register table, sortable without JavaScript: one page per sort key and direction, each a plain table in
 * that order, the column headers linking to the other orders (docs/register.md argues for this over CSS
 * tricks). index.html is the default order, newest discovery first.
 */

type Direction = 'asc' | 'desc';

interface Column {
  key: string;
  label: string;
  /** The direction a first click on the header gives. */
  first: Direction;
  numeric?: boolean;
  /** Compares two rows ascending (ties are broken by path). */
  compare: (a: RowView, b: RowView) => number;
  cell: (row: RowView) => string;
}

interface RowView {
  row: RegisterRow;
  ttd: number | undefined;
}

const SEVERITY_RANK: Record<string, number> = { critical: 4, high: 3, medium: 2, low: 1 };

const text = (value: { value: string } | null): string => value?.value ?? '';
const instant = (date: RegisterDate | null | undefined): number | undefined => (date && 'start' in date ? Date.parse(date.start) : undefined);
/** Present values first in either direction is not possible with one comparison; missing values sort as the lowest. */
const byNumber = (a: number | undefined, b: number | undefined): number => (a ?? -Infinity) - (b ?? -Infinity) || 0;

function dateCell(date: RegisterDate | null): string {
  if (!date) return '<span class="muted">–</span>';
  if ('unreadable' in date) return `<span class="muted" title="unreadable date">${escapeHtml(date.text)}</span>`;
  return `<time datetime="${escapeHtml(date.start)}">${escapeHtml(date.start.slice(0, date.precision === 'day' ? 10 : 16).replace('T', ' '))}</time>`;
}

const COLUMNS: Column[] = [
  {
    key: 'id',
    label: 'ID',
    first: 'asc',
    compare: (a, b) => compareText(text(a.row.id), text(b.row.id)),
    cell: (r) => `<a href="${reportHref(r.row.path)}">${escapeHtml(reportName(r.row))}</a>`,
  },
  {
    key: 'title',
    label: 'Title',
    first: 'asc',
    compare: (a, b) => compareText(text(a.row.title), text(b.row.title)),
    cell: (r) => escapeHtml(text(r.row.title)),
  },
  {
    key: 'status',
    label: 'Status',
    first: 'asc',
    compare: (a, b) => compareText(text(a.row.status), text(b.row.status)),
    cell: (r) => escapeHtml(text(r.row.status)),
  },
  {
    key: 'severity',
    label: 'Severity',
    first: 'desc',
    compare: (a, b) =>
      (SEVERITY_RANK[text(a.row.severity).trim().toLowerCase()] ?? 0) - (SEVERITY_RANK[text(b.row.severity).trim().toLowerCase()] ?? 0) ||
      compareText(text(a.row.severity), text(b.row.severity)),
    cell: (r) => (r.row.severity ? `<span class="badge ${severityClass(r.row.severity.value)}">${escapeHtml(r.row.severity.value)}</span>` : ''),
  },
  { key: 'tlp', label: 'TLP', first: 'asc', compare: (a, b) => compareText(text(a.row.tlp), text(b.row.tlp)), cell: (r) => escapeHtml(text(r.row.tlp)) },
  {
    key: 'discovery',
    label: 'Discovered',
    first: 'desc',
    compare: (a, b) => byNumber(instant(a.row.dates.discovery), instant(b.row.dates.discovery)),
    cell: (r) => dateCell(r.row.dates.discovery),
  },
  { key: 'ttd', label: 'Detect (h)', first: 'desc', numeric: true, compare: (a, b) => byNumber(a.ttd, b.ttd), cell: (r) => formatHours(r.ttd) },
  {
    key: 'findings',
    label: 'Findings E/W/I',
    first: 'desc',
    numeric: true,
    compare: (a, b) =>
      a.row.findings.error - b.row.findings.error || a.row.findings.warning - b.row.findings.warning || a.row.findings.info - b.row.findings.info,
    cell: (r) =>
      `${r.row.hasErrors ? '<span class="errors" title="has errors">✖ </span>' : ''}${r.row.findings.error}/${r.row.findings.warning}/${r.row.findings.info}`,
  },
  {
    key: 'techniques',
    label: 'Techniques',
    first: 'desc',
    numeric: true,
    compare: (a, b) => a.row.techniques.length - b.row.techniques.length,
    cell: (r) => String(r.row.techniques.length),
  },
  {
    key: 'indicators',
    label: 'Indicators',
    first: 'desc',
    numeric: true,
    compare: (a, b) => a.row.indicators.length - b.row.indicators.length,
    cell: (r) => String(r.row.indicators.length),
  },
  { key: 'path', label: 'File', first: 'asc', compare: (a, b) => compareText(a.row.path, b.row.path), cell: (r) => `<code>${escapeHtml(r.row.path)}</code>` },
];

export const DEFAULT_SORT = { key: 'discovery', direction: 'desc' as Direction };

/** The file of the register table in one order: index.html for the default one. */
export function indexPageName(key: string, direction: Direction): string {
  return key === DEFAULT_SORT.key && direction === DEFAULT_SORT.direction ? 'index.html' : `index-${key}-${direction}.html`;
}

export interface IndexPage {
  file: string;
  key: string;
  direction: Direction;
  /** The main content of the page. */
  body: string;
}

/** Every order of the register table: two per column. */
export function indexPages(register: Register): IndexPage[] {
  const ttd = new Map(register.metrics.timeToDetect.samples.map((sample) => [sample.path, sample.hours]));
  const views: RowView[] = register.reports.map((row) => ({ row, ttd: ttd.get(row.path) }));
  const pages: IndexPage[] = [];
  for (const column of COLUMNS) {
    for (const direction of ['asc', 'desc'] as const) {
      const sorted = [...views].sort((a, b) => {
        const order = column.compare(a, b);
        return (direction === 'asc' ? order : -order) || compareText(a.row.path, b.row.path);
      });
      pages.push({ file: indexPageName(column.key, direction), key: column.key, direction, body: indexBody(register, sorted, column, direction) });
    }
  }
  return pages;
}

function indexBody(register: Register, rows: RowView[], sortedBy: Column, direction: Direction): string {
  const headers = COLUMNS.map((column) => {
    const current = column === sortedBy;
    const next: Direction = current ? (direction === 'asc' ? 'desc' : 'asc') : column.first;
    const arrow = current ? (direction === 'asc' ? ' ▲' : ' ▼') : '';
    const aria = current ? ` aria-sort="${direction === 'asc' ? 'ascending' : 'descending'}"` : '';
    const hint = `Sort by ${column.label}, ${next === 'asc' ? 'ascending' : 'descending'}`;
    return `<th scope="col"${aria}${column.numeric ? ' class="num"' : ''}><a href="${indexPageName(column.key, next)}" title="${escapeHtml(hint)}">${escapeHtml(column.label)}${arrow}</a></th>`;
  }).join('');
  const body = rows
    .map((view) => `<tr>${COLUMNS.map((column) => `<td${column.numeric ? ' class="num"' : ''}>${column.cell(view)}</td>`).join('')}</tr>`)
    .join('\n');
  const { totals } = register;
  const summary = `<p>${totals.reports} reports, ${totals.withErrors} with errors${totals.notChecked > 0 ? `, ${totals.notChecked} not checked` : ''}. Sorted by ${escapeHtml(sortedBy.label)}, ${direction === 'asc' ? 'ascending' : 'descending'}; a column header sorts by that column.</p>`;
  const notChecked =
    register.notChecked.length === 0
      ? ''
      : `<h2>Not checked</h2>\n<ul>${register.notChecked.map((entry) => `<li><code>${escapeHtml(entry.path)}</code>: ${escapeHtml(entry.reason)}</li>`).join('')}</ul>\n`;
  return `${summary}
<table class="register">
<caption class="muted">Incident register</caption>
<thead><tr>${headers}</tr></thead>
<tbody>
${body}
</tbody>
</table>
${notChecked}`;
}
