import { severityKey } from '../register/metrics';
import type { Metric, Register, RegisterDate, RegisterRow, Statistic } from '../register/registerTypes';
import { escapeHtml } from '../render/escape';
import { histogramSvg, stackedBarsSvg, type Series } from './siteCharts';
import { formatHours } from './siteLayout';
import { NO_MARKS, type TraceMarks } from './siteLinks';

/** Severities in the order the bars stack them (bottom first); any other value written goes under 'other'. */
export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
/** Longest run of months drawn with the gaps filled; beyond it only the months with incidents are drawn. */
const MAX_MONTHS = 240;

/** Time-to-detect bins: upper bounds in hours (the last is open). */
export const TTD_BINS: readonly { label: string; below: number }[] = [
  { label: '< 1 h', below: 1 },
  { label: '1–4 h', below: 4 },
  { label: '4–12 h', below: 12 },
  { label: '12–24 h', below: 24 },
  { label: '1–3 d', below: 72 },
  { label: '3–7 d', below: 168 },
  { label: '1–4 wk', below: 672 },
  { label: '≥ 4 wk', below: Infinity },
];

const instantOf = (date: RegisterDate | null): number | undefined => (date && 'start' in date ? Date.parse(date.start) : undefined);

/** The UTC month ("2026-03") of the incident: its discovery date, else its incident start (as quarters are taken). */
export function monthOf(row: RegisterRow): string | undefined {
  const instant = instantOf(row.dates.discovery) ?? instantOf(row.dates.incidentStart);
  if (instant === undefined || !Number.isFinite(instant)) return undefined;
  return new Date(instant).toISOString().slice(0, 7);
}

/** Incidents per month and severity: the months (gaps filled when the span is short enough), and a count per severity bucket. */
export function incidentsPerMonth(register: Register): { months: string[]; counts: number[][]; undated: number } {
  const byMonth = new Map<string, number[]>();
  let undated = 0;
  for (const row of register.reports) {
    const month = monthOf(row);
    if (month === undefined) {
      undated++;
      continue;
    }
    if (!byMonth.has(month)) byMonth.set(month, [0, 0, 0, 0, 0]);
    const index = SEVERITIES.indexOf(severityKey(row) as (typeof SEVERITIES)[number]);
    byMonth.get(month)![index < 0 ? SEVERITIES.length : index]++;
  }
  const present = [...byMonth.keys()].sort();
  let months = present;
  if (present.length > 1) {
    const filled: string[] = [];
    let [year, month] = present[0].split('-').map(Number);
    const last = present[present.length - 1];
    for (let guard = 0; guard <= MAX_MONTHS; guard++) {
      const key = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
      filled.push(key);
      if (key >= last) break;
      month++;
      if (month > 12) [year, month] = [year + 1, 1];
    }
    if (filled[filled.length - 1] === last) months = filled;
  }
  return { months, counts: months.map((month) => byMonth.get(month) ?? [0, 0, 0, 0, 0]), undated };
}

export function ttdHistogram(metric: Metric): { label: string; count: number }[] {
  const counts = TTD_BINS.map(() => 0);
  for (const sample of metric.samples) counts[TTD_BINS.findIndex((bin) => sample.hours < bin.below)]++;
  return TTD_BINS.map((bin, index) => ({ label: bin.label, count: counts[index] }));
}

const SERIES: Series[] = [
  ...SEVERITIES.map((severity) => ({ label: severity, className: `bar-${severity}` })),
  { label: 'other or none', className: 'bar-other' },
];

/** Bucket names of the per-month counts, in the order of their columns (trace keys `month:<month>:<bucket>`). */
const BUCKETS = [...SEVERITIES, 'other'];

function statisticRows(entries: [string, string, Statistic][], marks: TraceMarks): string {
  return entries
    .map(
      ([name, key, stat]) =>
        `<tr><th scope="row">${escapeHtml(name)}</th><td class="num">${marks.value(key, stat.count)}</td><td class="num">${marks.value(key, formatHours(stat.median))}</td><td class="num">${marks.value(key, formatHours(stat.p90))}</td></tr>`,
    )
    .join('\n');
}

function metricTable(caption: string, metric: Metric, kind: 'ttd' | 'ttc', marks: TraceMarks): string {
  const excluded =
    metric.excluded.length === 0
      ? ''
      : `<details><summary>${marks.value(`${kind}:excluded`, metric.excluded.length)} reports left out</summary><ul>${metric.excluded
          .map((entry) => `<li><code>${escapeHtml(entry.path)}</code>: ${escapeHtml(entry.reason)}</li>`)
          .join('')}</ul></details>`;
  return `<table>
<caption>${escapeHtml(caption)} (hours)</caption>
<thead><tr><th scope="col"></th><th scope="col" class="num">Reports</th><th scope="col" class="num">Median</th><th scope="col" class="num">90th percentile</th></tr></thead>
<tbody>
${statisticRows(
  [
    ['all', `${kind}:all`, metric.overall],
    ...Object.entries(metric.byQuarter).map(([quarter, stat]): [string, string, Statistic] => [quarter, `${kind}:quarter:${quarter}`, stat]),
    ...Object.entries(metric.bySeverity).map(([severity, stat]): [string, string, Statistic] => [`severity ${severity}`, `${kind}:severity:${severity}`, stat]),
  ],
  marks,
)}
</tbody>
</table>
${excluded}`;
}

/** The metrics page: incidents per month by severity, the time-to-detect distribution, and both durations' statistics. */
export function metricsBody(register: Register, marks: TraceMarks = NO_MARKS): string {
  const perMonth = incidentsPerMonth(register);
  const bins = ttdHistogram(register.metrics.timeToDetect);
  const monthRows = perMonth.months
    .map(
      (month, index) =>
        `<tr><th scope="row">${month}</th>${perMonth.counts[index].map((count, bucket) => `<td class="num">${marks.value(`month:${month}:${BUCKETS[bucket]}`, count)}</td>`).join('')}<td class="num">${marks.value(
          `month:${month}:total`,
          perMonth.counts[index].reduce((a, b) => a + b, 0),
        )}</td></tr>`,
    )
    .join('\n');
  const legend = SERIES.map(
    (series) => `<span><span class="swatch ${series.className.replace('bar-', 'sev-')}"></span>${escapeHtml(series.label)}</span>`,
  ).join('');
  return `<h2>Incidents per month, by severity</h2>
<p class="note">The month of the discovery date (else the incident start), UTC.${perMonth.undated > 0 ? ` ${marks.value('undated', perMonth.undated)} reports have neither date readable and are not counted.` : ''}</p>
<figure>
${stackedBarsSvg({ title: 'Incidents per month by severity', description: 'Stacked bars: the number of incidents discovered each month, split by severity. The table below gives the same numbers.', categories: perMonth.months, series: SERIES, values: perMonth.counts })}
<figcaption class="legend">${legend}</figcaption>
</figure>
<details open><summary>The numbers as a table</summary>
<table>
<thead><tr><th scope="col">Month</th>${SERIES.map((series) => `<th scope="col" class="num">${escapeHtml(series.label)}</th>`).join('')}<th scope="col" class="num">total</th></tr></thead>
<tbody>
${monthRows}
</tbody>
</table>
</details>
<h2>Time to detect</h2>
<p class="note">Discovery − incident start, for the ${marks.value('ttd:all', register.metrics.timeToDetect.samples.length)} reports where both dates are readable and in order.</p>
<figure>
${histogramSvg({ title: 'Time-to-detect distribution', description: 'A histogram: how many incidents were detected within each time range. The table below gives the same numbers.', bins })}
</figure>
<details open><summary>The numbers as a table</summary>
<table>
<thead><tr><th scope="col">Time to detect</th><th scope="col" class="num">Incidents</th></tr></thead>
<tbody>
${bins.map((bin, index) => `<tr><th scope="row">${escapeHtml(bin.label)}</th><td class="num">${marks.value(`ttd-bin:${index}`, bin.count)}</td></tr>`).join('\n')}
</tbody>
</table>
</details>
${metricTable('Time to detect', register.metrics.timeToDetect, 'ttd', marks)}
<h2>Time to contain</h2>
<p class="note">The first containment action − discovery (docs/register.md says how containment is recognised).</p>
${metricTable('Time to contain', register.metrics.timeToContain, 'ttc', marks)}`;
}
