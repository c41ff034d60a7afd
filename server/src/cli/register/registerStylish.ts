import type { Metric, Register, RegisterDate, Statistic } from '../../engine/register';
import { CONTROL_CHARS } from '../formatters/controlChars';

/*
 * The register as a terminal table: one line per report (a ✖ marks one with errors), then the metrics,
 * the most frequent ATT&CK techniques and tactics, the indicators found in more than one report, the
 * dates that could not be read, and the files that could not be checked. Report text is untrusted: line
 * breaks, tabs, control characters, bidi controls and lone surrogates never reach the terminal
 * (controlChars.ts), and long cells are cut with "…".
 */

const LONE_SURROGATE = /[\ud800-\udfff]/gu;
const LISTED = 10;

type Paint = (text: string) => string;
const plain: Paint = (text) => text;
const ansi =
  (open: number, close: number): Paint =>
  (text) =>
    `\u001b[${open}m${text}\u001b[${close}m`;

/** One line of report text, safe for a terminal, at most `width` characters. */
export function cell(text: string, width = 40): string {
  const safe = text
    .replace(/\r\n|[\t\n\r]/g, ' ')
    .replace(CONTROL_CHARS, '\uFFFD')
    .replace(LONE_SURROGATE, '\uFFFD');
  return safe.length > width ? `${safe.slice(0, width - 1)}…` : safe;
}

/** "3d 17h", "5h 30m", "45m". */
export function duration(hours: number | null): string {
  if (hours === null) return '—';
  const minutes = Math.round(hours * 60);
  const days = Math.floor(minutes / 1440);
  const restHours = Math.floor((minutes % 1440) / 60);
  if (days > 0) return `${days}d ${restHours}h`;
  return restHours > 0 ? `${restHours}h ${minutes % 60}m` : `${minutes}m`;
}

function shownDate(date: RegisterDate | null): string {
  if (date === null) return '—';
  if (!('start' in date)) return 'unreadable';
  return date.precision === 'minute' || date.precision === 'second' ? date.start.slice(0, 16).replace('T', ' ') : date.start.slice(0, 10);
}

function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const line = (cells: string[]) => cells.map((text, column) => (column === cells.length - 1 ? text : text.padEnd(widths[column]))).join('  ');
  return [line(header), ...rows.map(line)];
}

function statisticLine(name: string, statistic: Statistic): string {
  return `${name}: ${statistic.count} report${statistic.count === 1 ? '' : 's'}, median ${duration(statistic.median)}, p90 ${duration(statistic.p90)}`;
}

function metricLines(title: string, metric: Metric): string[] {
  const lines = [statisticLine(title, metric.overall)];
  const groups = (label: string, record: Record<string, Statistic>) =>
    Object.entries(record).map(([key, statistic]) => `    ${statisticLine(`${label} ${cell(key, 24)}`, statistic)}`);
  lines.push(...groups('quarter', metric.byQuarter), ...groups('severity', metric.bySeverity));
  if (metric.excluded.length > 0)
    lines.push(`    left out: ${metric.excluded.length} (a date missing, unreadable or out of order; --format json says which and why)`);
  return lines;
}

export function registerStylish(register: Register, color: boolean): string {
  const bold = color ? ansi(1, 22) : plain;
  const red = color ? ansi(31, 39) : plain;
  const dim = color ? ansi(2, 22) : plain;
  const { totals } = register;
  const detect = new Map(register.metrics.timeToDetect.samples.map((sample) => [sample.path, sample.hours]));
  const contain = new Map(register.metrics.timeToContain.samples.map((sample) => [sample.path, sample.hours]));
  const out: string[] = [];
  const summary = `Incident register: ${totals.reports} report${totals.reports === 1 ? '' : 's'}, ${totals.withErrors} with errors`;
  out.push(bold(totals.notChecked > 0 ? `${summary}, ${totals.notChecked} not checked` : summary), '');

  const rows = register.reports.map((row) => [
    row.hasErrors ? '✖' : ' ',
    cell(row.path),
    cell(row.id?.value ?? '—', 20),
    cell(row.status?.value ?? '—', 12),
    cell(row.severity?.value ?? '—', 13),
    cell(row.tlp?.value ?? '—', 16),
    shownDate(row.dates.incidentStart),
    shownDate(row.dates.discovery),
    shownDate(row.dates.containment),
    duration(detect.get(row.path) ?? null),
    duration(contain.get(row.path) ?? null),
    `${row.findings.error}E ${row.findings.warning}W ${row.findings.info}I`,
  ]);
  const lines = table(['', 'Report', 'ID', 'Status', 'Severity', 'TLP', 'Started', 'Discovered', 'Contained', 'To detect', 'To contain', 'Findings'], rows);
  out.push(dim(lines[0]), ...lines.slice(1).map((line, index) => (register.reports[index].hasErrors ? red(line) : line)), '');

  out.push(bold('Metrics'));
  out.push(...metricLines('Time to detect (discovery − incident start)', register.metrics.timeToDetect));
  out.push(...metricLines('Time to contain (first containment − discovery)', register.metrics.timeToContain), '');

  const { techniques, tactics } = register.attack;
  out.push(bold(`ATT&CK techniques (${Math.min(LISTED, techniques.length)} of ${techniques.length}, by incidents)`));
  for (const technique of techniques.slice(0, LISTED))
    out.push(
      `  ${technique.id.padEnd(10)} ${String(technique.incidents).padStart(4)}  ${cell(technique.name, 50).padEnd(50)}  ${dim(technique.tactics.join(', '))}`,
    );
  out.push(bold(`ATT&CK tactics (by incidents)`));
  for (const tactic of tactics) out.push(`  ${cell(tactic.name, 30).padEnd(30)} ${String(tactic.incidents).padStart(4)}`);
  out.push('');

  const shared = register.indicators.filter((indicator) => indicator.incidents > 1);
  out.push(bold(`Indicators in more than one report (${Math.min(LISTED, shared.length)} of ${shared.length})`));
  for (const indicator of shared.slice(0, LISTED)) {
    const where = indicator.reports.slice(0, 5).map((report) => `${cell(report.path)}:${report.lines[0]}`);
    const more = indicator.reports.length > 5 ? `, … ${indicator.reports.length - 5} more` : '';
    out.push(`  ${indicator.type.padEnd(7)} ${cell(indicator.defanged, 60)}  ${indicator.incidents} reports: ${where.join(', ')}${more}`);
  }

  const unreadable = register.reports.flatMap((row) =>
    Object.entries(row.dates).flatMap(([name, date]) =>
      date && !('start' in date) ? [`  ${cell(row.path)}:${date.line}  ${name}: "${cell(date.text)}" (${cell(date.unreadable, 60)})`] : [],
    ),
  );
  if (unreadable.length > 0) out.push('', bold(`Dates that could not be read (${unreadable.length})`), ...unreadable);
  if (register.notChecked.length > 0) {
    out.push('', bold(red(`Not checked (${register.notChecked.length})`)));
    for (const entry of register.notChecked) out.push(`  ${cell(entry.path)}  ${cell(entry.reason, 100)}`);
  }
  return `${out.join('\n')}\n`;
}
