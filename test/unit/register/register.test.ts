import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { buildRegister, registerRow, type Register, type RegisterRow } from '../../../server/src/engine/register';
import { namesContainment } from '../../../server/src/engine/register/containment';
import { ReportWorkspace } from '../../../server/src/engine/workspace';
import { testHost } from '../../helpers';
import { CORPUS_SIZE, writeCorpus, type ExpectedReport } from '../../registerCorpus';

const root = mkdtempSync(join(tmpdir(), 'increport-register-'));
after(() => rmSync(root, { recursive: true, force: true }));
const expected = writeCorpus(root);
const workspace = new ReportWorkspace({ host: testHost(), baseDirectory: root });
const rows: RegisterRow[] = expected.map((report) =>
  registerRow({ ...workspace.analyse(join(root, report.path), readFileSync(join(root, report.path), 'utf8')), displayPath: report.path }),
);
const register: Register = buildRegister(rows, [], { name: 'increport', version: 'test' });

/** Median and nearest-rank 90th percentile, written here again rather than imported from the code under test. */
function expectedStatistic(values: number[]): { count: number; median: number | null; p90: number | null } {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  if (n === 0) return { count: 0, median: null, p90: null };
  const median = n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  let rank = 1;
  while (rank < 0.9 * n) rank++;
  return { count: n, median, p90: sorted[rank - 1] };
}

function grouped(values: { key: string; hours: number }[]): Record<string, { count: number; median: number | null; p90: number | null }> {
  const groups: Record<string, number[]> = {};
  for (const { key, hours } of values) (groups[key] ??= []).push(hours);
  return Object.fromEntries(Object.entries(groups).map(([key, list]) => [key, expectedStatistic(list)]));
}

const strip = (statistic: { count: number; median: number | null; p90: number | null }) => ({
  count: statistic.count,
  median: statistic.median,
  p90: statistic.p90,
});
const stripAll = (record: Record<string, { count: number; median: number | null; p90: number | null }>) =>
  Object.fromEntries(Object.entries(record).map(([key, statistic]) => [key, strip(statistic)]));

test('register: one row per report, sorted by path, every value with the line it came from', () => {
  assert.equal(register.reports.length, CORPUS_SIZE);
  assert.deepEqual(
    register.reports.map((row) => row.path),
    expected.map((report) => report.path),
  );
  for (const [index, row] of register.reports.entries()) {
    const want: ExpectedReport = expected[index];
    assert.deepEqual(row.id, { value: want.id, line: want.lines.id }, row.path);
    assert.deepEqual(row.severity, want.severity === null ? null : { value: want.severity, line: want.lines.severity }, row.path);
    assert.equal(row.status?.value, want.status, row.path);
    assert.equal(row.organization?.value.startsWith('Org '), true, row.path);
    const start = row.dates.incidentStart!;
    const discovery = row.dates.discovery!;
    assert.equal(start.line, want.lines.incidentStart, row.path);
    assert.equal(discovery.line, want.lines.discovery, row.path);
    assert.equal('start' in start ? start.start : null, want.incidentStart, row.path);
    assert.equal('start' in discovery ? discovery.start : null, want.discovery, row.path);
    assert.equal('unreadable' in start, want.unreadable.includes('incidentStart'), row.path);
    assert.equal('unreadable' in discovery, want.unreadable.includes('discovery'), row.path);
    const containment = row.dates.containment;
    assert.equal(containment && 'start' in containment ? containment.start : null, want.containment, row.path);
    assert.equal(containment?.line ?? null, want.lines.containment, row.path);
    assert.equal(row.hasErrors, want.broken, row.path);
    if (!want.broken) assert.equal(row.findings.error, 0, row.path);
    assert.deepEqual(
      row.techniques.map((technique) => ({ id: technique.id, tactic: technique.tactics.map((tactic) => tactic.shortname).join(), line: technique.line })),
      want.techniques,
      row.path,
    );
    assert.deepEqual(
      row.indicators.map((indicator) => ({ type: indicator.type, value: indicator.refanged, line: indicator.line })),
      want.indicators,
      row.path,
    );
  }
  assert.equal(register.totals.withErrors, expected.filter((report) => report.broken).length);
  assert.ok(register.totals.withErrors >= 10);
});

test('register: time to detect and to contain, overall, per quarter and per severity, computed independently', () => {
  const detect = expected.flatMap((report) => (report.ttdHours === null ? [] : [{ report, hours: report.ttdHours }]));
  const contain = expected.flatMap((report) => (report.ttcHours === null ? [] : [{ report, hours: report.ttcHours }]));
  const { timeToDetect, timeToContain } = register.metrics;
  assert.deepEqual(strip(timeToDetect.overall), expectedStatistic(detect.map((sample) => sample.hours)));
  assert.deepEqual(strip(timeToContain.overall), expectedStatistic(contain.map((sample) => sample.hours)));
  assert.deepEqual(stripAll(timeToDetect.byQuarter), grouped(detect.map(({ report, hours }) => ({ key: report.quarter, hours }))));
  assert.deepEqual(stripAll(timeToContain.bySeverity), grouped(contain.map(({ report, hours }) => ({ key: report.severity ?? 'unknown', hours }))));
  assert.deepEqual(stripAll(timeToDetect.bySeverity), grouped(detect.map(({ report, hours }) => ({ key: report.severity ?? 'unknown', hours }))));
  // Traceable: each sample names its report and the lines of both dates; every report left out says why.
  for (const sample of timeToDetect.samples) {
    const report = expected.find((candidate) => candidate.path === sample.path)!;
    assert.deepEqual([sample.fromLine, sample.toLine], [report.lines.incidentStart, report.lines.discovery]);
  }
  for (const sample of timeToContain.samples) {
    const report = expected.find((candidate) => candidate.path === sample.path)!;
    assert.deepEqual([sample.fromLine, sample.toLine], [report.lines.discovery, report.lines.containment]);
  }
  assert.equal(timeToDetect.excluded.length, CORPUS_SIZE - detect.length);
  assert.ok(timeToDetect.excluded.every((entry) => /unreadable/.test(entry.reason)));
  assert.equal(timeToContain.excluded.length, CORPUS_SIZE - contain.length);
});

test('register: ATT&CK frequency per technique and tactic, with the reports and lines behind each number', () => {
  const byTechnique = new Map<string, Map<string, number[]>>();
  for (const report of expected)
    for (const technique of report.techniques) {
      const reports = byTechnique.get(technique.id) ?? new Map<string, number[]>();
      reports.set(report.path, [technique.line]);
      byTechnique.set(technique.id, reports);
    }
  assert.equal(register.attack.techniques.length, byTechnique.size);
  for (const entry of register.attack.techniques) {
    const want = byTechnique.get(entry.id)!;
    assert.equal(entry.incidents, want.size, entry.id);
    assert.deepEqual(new Map(entry.reports.map((report) => [report.path, report.lines])), want, entry.id);
  }
  const counts = register.attack.techniques.map((entry) => entry.incidents);
  assert.deepEqual(
    counts,
    [...counts].sort((a, b) => b - a),
  );
  const tactic = (shortname: string) => register.attack.tactics.find((entry) => entry.shortname === shortname)?.incidents;
  assert.equal(tactic('initial-access'), CORPUS_SIZE);
  assert.equal(tactic('execution'), CORPUS_SIZE);
  assert.equal(tactic('impact'), expected.filter((report) => report.techniques.some((technique) => technique.id === 'T1486')).length);
});

test('register: the indicator index lists each refanged indicator with every report and line', () => {
  const index = new Map<string, Map<string, number[]>>();
  for (const report of expected)
    for (const indicator of report.indicators) {
      const reports = index.get(`${indicator.type} ${indicator.value}`) ?? new Map<string, number[]>();
      reports.set(report.path, [indicator.line]);
      index.set(`${indicator.type} ${indicator.value}`, reports);
    }
  assert.equal(register.indicators.length, index.size);
  for (const entry of register.indicators) {
    const want = index.get(`${entry.type} ${entry.value}`);
    assert.ok(want, `${entry.type} ${entry.value}`);
    assert.equal(entry.incidents, want.size);
    assert.deepEqual(new Map(entry.reports.map((report) => [report.path, report.lines])), want);
  }
  // The domain of the reports with i % 7 === 0 is in ⌈200/7⌉ = 29 of them, written defanged and indexed live.
  const shared = register.indicators.find((entry) => entry.value === 'c2-0.bad-example.net')!;
  assert.equal(shared.incidents, 29);
  assert.equal(shared.defanged, 'c2-0[.]bad-example[.]net');
});

test('register: rows rebuilt from their JSON give the same register (what --from-json relies on)', () => {
  const shards = [rows.slice(0, 70), rows.slice(70)].map((part) => JSON.parse(JSON.stringify(buildRegister(part, [], register.tool))) as Register);
  const merged = buildRegister(
    shards.flatMap((shard) => shard.reports),
    [],
    register.tool,
  );
  assert.deepEqual(merged, JSON.parse(JSON.stringify(register)));
});

test('register: what names a containment action, and what does not', () => {
  for (const text of ['Containment', 'Host isolated', 'Blocked the C2 domain', 'Accounts disabled', 'File quarantined', 'Contained'])
    assert.equal(namesContainment(text, true), true, text);
  assert.equal(namesContainment('The host was not isolated', true), false);
  assert.equal(namesContainment('The firewall failed to block it', true), false);
  assert.equal(namesContainment('The e-mail contained a link', false), false);
  assert.equal(namesContainment('The e-mail contained a link', true), true);
  assert.equal(namesContainment('The workstation was isolated by the EDR', false), true);
});
