import { instantOf } from './registerDate';
import type { Metric, RegisterDate, RegisterRow, Sample, Statistic } from './registerTypes';

/*
 * Time to detect (discovery − incident start) and time to contain (first containment action − discovery),
 * in hours, from the starts of the intervals the dates mean (a day-precision date is its midnight, UTC
 * unless the report writes a zone). The median of an even count is the mean of the two middle values; the
 * 90th percentile is the nearest rank: the ⌈0.9·n⌉-th smallest value. A report is left out of a metric,
 * with the reason, when a date is missing or unreadable or the second date comes before the first.
 */

const HOUR_MS = 3_600_000;

export function computeMetrics(rows: readonly RegisterRow[]): { timeToDetect: Metric; timeToContain: Metric } {
  return {
    timeToDetect: metric(rows, (row) => [row.dates.incidentStart, row.dates.discovery], ['incident start', 'discovery']),
    timeToContain: metric(rows, (row) => [row.dates.discovery, row.dates.containment], ['discovery', 'containment']),
  };
}

/** The quarter an incident is counted in: its discovery date's (UTC), else its incident start's; undefined when neither is readable. */
export function quarterOf(row: RegisterRow): string | undefined {
  const instant = instantOf(row.dates.discovery) ?? instantOf(row.dates.incidentStart);
  if (instant === undefined) return undefined;
  const date = new Date(instant);
  return `${date.getUTCFullYear()}-Q${Math.floor(date.getUTCMonth() / 3) + 1}`;
}

/** Severity as a grouping key: as written, lower-cased; 'unknown' when none is given. */
export function severityKey(row: RegisterRow): string {
  return row.severity?.value.trim().toLowerCase() || 'unknown';
}

export function median(sorted: readonly number[]): number | null {
  if (sorted.length === 0) return null;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function percentile90(sorted: readonly number[]): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.ceil(0.9 * sorted.length) - 1];
}

function metric(rows: readonly RegisterRow[], pick: (row: RegisterRow) => [RegisterDate | null, RegisterDate | null], names: [string, string]): Metric {
  const samples: Sample[] = [];
  const excluded: Metric['excluded'] = [];
  const quarterGroups = new Map<string, Sample[]>();
  const severityGroups = new Map<string, Sample[]>();
  const push = (groups: Map<string, Sample[]>, key: string, sample: Sample) => {
    const group = groups.get(key);
    if (group) group.push(sample);
    else groups.set(key, [sample]);
  };
  for (const row of rows) {
    const [from, to] = pick(row);
    const reason = missing(from, names[0]) ?? missing(to, names[1]);
    if (reason !== undefined) {
      excluded.push({ path: row.path, reason });
      continue;
    }
    const hours = ((instantOf(to) as number) - (instantOf(from) as number)) / HOUR_MS;
    if (hours < 0) {
      excluded.push({ path: row.path, reason: `${names[1]} (line ${to!.line}) is before ${names[0]} (line ${from!.line})` });
      continue;
    }
    const sample = { path: row.path, hours, fromLine: from!.line, toLine: to!.line };
    samples.push(sample);
    push(quarterGroups, quarterOf(row) ?? 'unknown', sample);
    push(severityGroups, severityKey(row), sample);
  }
  return { unit: 'hours', overall: statistic(samples), byQuarter: statistics(quarterGroups), bySeverity: statistics(severityGroups), samples, excluded };
}

function missing(date: RegisterDate | null, name: string): string | undefined {
  if (date === null) return `no ${name} date`;
  if ('unreadable' in date) return `${name} date unreadable (line ${date.line}): ${date.unreadable}`;
  return undefined;
}

function statistic(samples: readonly Sample[]): Statistic {
  const sorted = samples.map((sample) => sample.hours).sort((a, b) => a - b);
  return { count: samples.length, median: median(sorted), p90: percentile90(sorted), reports: samples.map((sample) => sample.path) };
}

function statistics(groups: Map<string, Sample[]>): Record<string, Statistic> {
  const result: Record<string, Statistic> = {};
  for (const key of [...groups.keys()].sort()) result[key] = statistic(groups.get(key) ?? []);
  return result;
}
