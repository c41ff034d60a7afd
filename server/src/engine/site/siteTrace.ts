import { severityKey } from '../register/metrics';
import { reportName } from '../register/registerNavigator';
import type { Metric, Register, RegisterRow } from '../register/registerTypes';
import { formatHours } from './siteLayout';
import { monthOf, SEVERITIES, TTD_BINS } from './siteMetrics';

/*
 * What every number of the register pages is computed from: a trace key names the number, and traceOf
 * lists the reports and lines behind it, from the register's own rows (the lines each row keeps). The
 * editor's metrics webview makes each number a control carrying its key; a click lists the entries.
 *
 *   reports, errors                                    the totals (the line of the ID or title)
 *   ttd|ttc:all, ttd|ttc:quarter:<q>, ttd|ttc:severity:<s>   a statistic's samples, shortest first
 *   ttd|ttc:excluded                                   the reports a metric leaves out, with the reason
 *   ttd-bin:<n>                                        the samples in the n-th time-to-detect bin
 *   month:<yyyy-mm>:<bucket|total>, undated            incidents per month (the line of the date that dates it)
 *   technique:<id>, tactic:<shortname>                 the lines that list the technique, or a technique under the tactic
 *   indicator:<type>:<defanged>                        the lines that mention the indicator
 */

export interface TraceEntry {
  path: string;
  /** The report's ID, else its title, else its path. */
  name: string;
  /** 1-based. */
  line: number;
  /** What the line says about the number ("discovery, 12.5 h"), when there is more than the line. */
  note?: string;
}

/** The longest key a page writes or an editor may ask for. */
export const MAX_TRACE_KEY = 400;

/** Where a report is opened when no one line is behind the number: its ID or title, else its first line. */
function firstLine(row: RegisterRow): number {
  const line = Math.min(row.id?.line ?? Infinity, row.title?.line ?? Infinity);
  return Number.isFinite(line) ? line : 1;
}

/** The entries behind a number; undefined for a key no page writes. */
export function traceOf(register: Register, key: string): TraceEntry[] | undefined {
  if (key.length > MAX_TRACE_KEY) return undefined;
  const rows = new Map(register.reports.map((row) => [row.path, row]));
  const entry = (row: RegisterRow, line: number | undefined, note?: string): TraceEntry => ({
    path: row.path,
    name: reportName(row),
    line: line ?? firstLine(row),
    ...(note ? { note } : {}),
  });
  const [kind, ...rest] = key.split(':');
  const arg = rest.join(':');
  switch (kind) {
    case 'reports':
      return register.reports.map((row) => entry(row, undefined));
    case 'errors':
      return register.reports.filter((row) => row.hasErrors).map((row) => entry(row, undefined, `${row.findings.error} error(s)`));
    case 'ttd':
    case 'ttc':
      return metricTrace(kind === 'ttd' ? register.metrics.timeToDetect : register.metrics.timeToContain, kind, arg, rows, entry);
    case 'ttd-bin': {
      const bin = TTD_BINS[Number(arg)];
      if (!bin || !/^\d+$/.test(arg)) return undefined;
      const from = Number(arg) === 0 ? -Infinity : TTD_BINS[Number(arg) - 1].below;
      const samples = register.metrics.timeToDetect.samples.filter((sample) => sample.hours >= from && sample.hours < bin.below);
      return sampleEntries(samples, 'ttd', rows, entry);
    }
    case 'month': {
      const [month, bucket] = rest;
      return register.reports
        .filter((row) => monthOf(row) === month && (bucket === 'total' || bucketOf(row) === bucket))
        .map((row) => entry(row, row.dates.discovery && 'start' in row.dates.discovery ? row.dates.discovery.line : row.dates.incidentStart?.line));
    }
    case 'undated':
      return register.reports.filter((row) => monthOf(row) === undefined).map((row) => entry(row, undefined, 'no readable discovery or incident date'));
    case 'technique': {
      const technique = register.attack.techniques.find((candidate) => candidate.id === arg);
      return technique?.reports.flatMap((report) => report.lines.map((line) => entry(rows.get(report.path)!, line, technique.id)));
    }
    case 'tactic': {
      const tactic = register.attack.tactics.find((candidate) => candidate.shortname === arg);
      return tactic?.reports.flatMap((path) => {
        const row = rows.get(path)!;
        const listed = row.techniques.filter((technique) => technique.tactics.some((t) => t.shortname === arg));
        return [...new Set(listed.map((technique) => technique.line))].map((line) =>
          entry(
            row,
            line,
            listed
              .filter((t) => t.line === line)
              .map((t) => t.id)
              .join(', '),
          ),
        );
      });
    }
    case 'indicator': {
      const [type, ...value] = rest;
      const indicator = register.indicators.find((candidate) => candidate.type === type && candidate.defanged === value.join(':'));
      return indicator?.reports.flatMap((report) => report.lines.map((line) => entry(rows.get(report.path)!, line)));
    }
    default:
      return undefined;
  }
}

/** The severity bucket a row is counted in on the per-month chart. */
export function bucketOf(row: RegisterRow): string {
  const key = severityKey(row);
  return (SEVERITIES as readonly string[]).includes(key) ? key : 'other';
}

type MakeEntry = (row: RegisterRow, line: number | undefined, note?: string) => TraceEntry;

function metricTrace(metric: Metric, kind: 'ttd' | 'ttc', arg: string, rows: Map<string, RegisterRow>, entry: MakeEntry): TraceEntry[] | undefined {
  if (arg === 'excluded') return metric.excluded.map((excluded) => entry(rows.get(excluded.path)!, undefined, excluded.reason));
  const [group, ...rest] = arg.split(':');
  const name = rest.join(':');
  const groups = group === 'quarter' ? metric.byQuarter : group === 'severity' ? metric.bySeverity : undefined;
  const statistic = arg === 'all' ? metric.overall : groups && Object.prototype.hasOwnProperty.call(groups, name) ? groups[name] : undefined;
  if (!statistic) return undefined;
  const included = new Set(statistic.reports);
  return sampleEntries(
    metric.samples.filter((sample) => included.has(sample.path)),
    kind,
    rows,
    entry,
  );
}

/** A sample's two dates, shortest duration first: where the median and the 90th percentile fall can be read off the list. */
function sampleEntries(samples: Metric['samples'], kind: 'ttd' | 'ttc', rows: Map<string, RegisterRow>, entry: MakeEntry): TraceEntry[] {
  const [from, to] = kind === 'ttd' ? ['incident start', 'discovery'] : ['discovery', 'containment'];
  return [...samples]
    .sort((a, b) => a.hours - b.hours)
    .flatMap((sample) => {
      const row = rows.get(sample.path)!;
      const hours = `${formatHours(sample.hours)} h`;
      return [entry(row, sample.fromLine, `${from}; ${hours}`), entry(row, sample.toLine, `${to}; ${hours}`)];
    });
}
