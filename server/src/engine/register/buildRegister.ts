import { computeMetrics, severityKey } from './metrics';
import type { IndicatorEntry, NotChecked, Register, RegisterRow, TacticFrequency, TechniqueFrequency } from './registerTypes';

/**
 * The register of a set of rows: totals, metrics (metrics.ts), ATT&CK frequency and the indicator index.
 * Everything is recomputed from the rows, so the rows of sharded runs merge into the same register as one
 * run over all the reports (`increport summary --from-json`). Rows are sorted by path; a path given twice
 * keeps its last row.
 */
export function buildRegister(
  rows: readonly RegisterRow[],
  notChecked: readonly NotChecked[],
  tool: { name: string; version: string },
  reuse?: RegisterReuse,
): Register {
  const byPath = new Map<string, RegisterRow>();
  for (const row of rows) byPath.set(row.path, row);
  const sorted = [...byPath.values()].sort((a, b) => compareText(a.path, b.path));
  const kept = (part: RegisterPart) => reuse?.unchanged.has(part) === true && reuse.previous.reports.length === sorted.length;
  const unchecked = [...new Map(notChecked.map((entry) => [entry.path, entry])).values()].sort((a, b) => compareText(a.path, b.path));
  return {
    format: 'increport-register',
    formatVersion: 1,
    tool,
    totals: {
      reports: sorted.length,
      withErrors: sorted.filter((row) => row.hasErrors).length,
      notChecked: unchecked.length,
      bySeverity: countBy(sorted, severityKey),
      byStatus: countBy(sorted, (row) => row.status?.value.trim().toLowerCase() || 'unknown'),
    },
    reports: sorted,
    notChecked: unchecked,
    metrics: kept('metrics') ? reuse!.previous.metrics : computeMetrics(sorted),
    attack: kept('attack') ? reuse!.previous.attack : attackFrequency(sorted),
    indicators: kept('indicators') ? reuse!.previous.indicators : indicatorIndex(sorted),
  };
}

/** The parts of a register computed over every row, which an update can keep. */
export type RegisterPart = 'metrics' | 'attack' | 'indicators';

/**
 * The register before an update, and the parts no changed row can have changed (the same paths, and rows
 * whose values of the part are equal: registerPartsOf). The editor's index passes it so that one changed
 * report costs the totals and the parts it touched, not the whole register.
 */
export interface RegisterReuse {
  previous: Register;
  unchanged: ReadonlySet<RegisterPart>;
}

/** What each part reads of a row, as text: two rows with equal text contribute alike to the part. */
export function registerPartsOf(row: RegisterRow): Record<RegisterPart, string> {
  return {
    metrics: JSON.stringify([row.path, row.dates, row.severity?.value ?? null]),
    attack: JSON.stringify([row.path, row.techniques]),
    indicators: JSON.stringify([row.path, row.indicators]),
  };
}

/** Code-unit order, the same on every machine and locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function countBy(rows: readonly RegisterRow[], key: (row: RegisterRow) => string): Record<string, number> {
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(key(row), (counts.get(key(row)) ?? 0) + 1);
  return Object.fromEntries([...counts.entries()].sort((a, b) => compareText(a[0], b[0])));
}

/** Most incidents first, then by key. */
const byIncidents =
  <T extends { incidents: number }>(key: (item: T) => string) =>
  (a: T, b: T) =>
    b.incidents - a.incidents || compareText(key(a), key(b));

function attackFrequency(rows: readonly RegisterRow[]): Register['attack'] {
  const techniques = new Map<string, TechniqueFrequency>();
  const tactics = new Map<string, TacticFrequency>();
  for (const row of rows) {
    const tacticsOfRow = new Set<string>();
    for (const technique of row.techniques) {
      let entry = techniques.get(technique.id);
      if (!entry) techniques.set(technique.id, (entry = { id: technique.id, name: technique.name, tactics: [], incidents: 0, reports: [] }));
      let report = entry.reports[entry.reports.length - 1];
      if (report?.path !== row.path) entry.reports.push((report = { path: row.path, lines: [] }));
      if (!report.lines.includes(technique.line)) report.lines.push(technique.line);
      for (const tactic of technique.tactics) {
        if (!entry.tactics.includes(tactic.shortname)) entry.tactics.push(tactic.shortname);
        if (!tactics.has(tactic.shortname)) tactics.set(tactic.shortname, { shortname: tactic.shortname, name: tactic.name, incidents: 0, reports: [] });
        if (tacticsOfRow.has(tactic.shortname)) continue;
        tacticsOfRow.add(tactic.shortname);
        tactics.get(tactic.shortname)!.reports.push(row.path);
      }
    }
  }
  for (const entry of techniques.values()) entry.incidents = entry.reports.length;
  for (const entry of tactics.values()) entry.incidents = entry.reports.length;
  return {
    techniques: [...techniques.values()].sort(byIncidents((item) => item.id)),
    tactics: [...tactics.values()].sort(byIncidents((item) => item.shortname)),
  };
}

/** Indicators by type and live form; hashes, domains and e-mail addresses compare without case. */
export function indicatorKey(type: string, refanged: string): string {
  return `${type}\u0000${type === 'url' ? refanged : refanged.toLowerCase()}`;
}

function indicatorIndex(rows: readonly RegisterRow[]): IndicatorEntry[] {
  const index = new Map<string, IndicatorEntry>();
  for (const row of rows) {
    for (const indicator of row.indicators) {
      const key = indicatorKey(indicator.type, indicator.refanged);
      let entry = index.get(key);
      if (!entry) index.set(key, (entry = { type: indicator.type, value: indicator.refanged, defanged: indicator.defanged, incidents: 0, reports: [] }));
      let report = entry.reports[entry.reports.length - 1];
      if (report?.path !== row.path) entry.reports.push((report = { path: row.path, lines: [] }));
      if (!report.lines.includes(indicator.line)) report.lines.push(indicator.line);
    }
  }
  for (const entry of index.values()) entry.incidents = entry.reports.length;
  return [...index.values()].sort(byIncidents((item) => `${item.type}\u0000${item.value}`));
}
