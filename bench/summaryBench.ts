/**
 * (e) `increport summary` on 5,000 reports against `increport check` on the same folder (issue 17: ≤ 2×),
 * both as child processes writing JSON to a file, alternating, 3 rounds. The reports alternate between the
 * two examples (the seed, and the Northwind report with front matter, a dated timeline, ATT&CK rows and
 * indicators), each with its own report ID.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { REPO_ROOT, SEED_PATH, median, ms, type Measurement } from './engineBench';

export const SUMMARY_REPORTS = 5000;
export const SUMMARY_ROUNDS = 3;
export const SUMMARY_RATIO_TARGET = 2;

const INCREPORT_BIN = join(REPO_ROOT, 'bin', 'increport.js');
const NORTHWIND_PATH = join(REPO_ROOT, 'examples', 'northwind-ransomware-intrusion.md');

export interface SummaryBenchResult {
  reports: number;
  summarised: number;
  times: { check: number[]; summary: number[] };
}

export function runSummaryBench(log: (line: string) => void = () => {}): SummaryBenchResult {
  const root = mkdtempSync(join(tmpdir(), 'increport-summary-bench-'));
  try {
    const folder = join(root, 'reports');
    mkdirSync(folder);
    const seed = readFileSync(SEED_PATH, 'utf8');
    const northwind = readFileSync(NORTHWIND_PATH, 'utf8');
    for (let index = 1; index <= SUMMARY_REPORTS; index++) {
      const text = index % 2 === 0 ? northwind.replace('IR-2026-0117', `IR-2026-${String(index).padStart(5, '0')}`) : seed;
      writeFileSync(join(folder, `report-${String(index).padStart(5, '0')}.md`), text);
    }
    const checkOutput = join(root, 'check.json');
    const summaryOutput = join(root, 'summary.json');
    const commands = [
      { name: 'check' as const, args: [INCREPORT_BIN, 'check', folder, '--format', 'json', '-o', checkOutput, '--overwrite'], okCodes: [0, 1] },
      { name: 'summary' as const, args: [INCREPORT_BIN, 'summary', folder, '--format', 'json', '-o', summaryOutput, '--overwrite'], okCodes: [0] },
    ];
    const times: SummaryBenchResult['times'] = { check: [], summary: [] };
    for (let round = 1; round <= SUMMARY_ROUNDS; round++) {
      for (const command of commands) {
        const start = performance.now();
        const child = spawnSync(process.execPath, command.args, {
          cwd: root,
          stdio: ['ignore', 'ignore', 'pipe'],
          env: { ...process.env, INCREPORT_NOW: '2026-11-27T12:00:00Z' },
        });
        const elapsed = performance.now() - start;
        if (child.error || !command.okCodes.includes(child.status ?? -1)) {
          throw new Error(`${command.name} failed (exit ${child.status}): ${child.error?.message ?? child.stderr.toString().slice(0, 2000)}`);
        }
        times[command.name].push(elapsed);
        log(`  round ${round}: ${command.name.padEnd(8)} ${ms(elapsed)}`);
      }
    }
    const summarised = (JSON.parse(readFileSync(summaryOutput, 'utf8')) as { totals: { reports: number } }).totals.reports;
    if (summarised !== SUMMARY_REPORTS) throw new Error(`increport summary summarised ${summarised} reports, expected ${SUMMARY_REPORTS}`);
    return { reports: SUMMARY_REPORTS, summarised, times };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

export function summaryMeasurements(result: SummaryBenchResult): Measurement[] {
  const summary = median(result.times.summary);
  const check = median(result.times.check);
  return [
    {
      name: `(e) increport summary, ${result.reports} reports, wall, median of ${SUMMARY_ROUNDS}`,
      value: ms(summary),
      reference: `increport check ${ms(check)}`,
      ratio: summary / check,
      target: `≤ ${SUMMARY_RATIO_TARGET}×`,
      pass: summary / check <= SUMMARY_RATIO_TARGET,
    },
  ];
}

if (require.main === module) {
  const result = runSummaryBench(console.log);
  for (const line of summaryMeasurements(result)) console.log(`${line.name}: ${line.value}; ${line.reference}; ratio ${line.ratio?.toFixed(2)}`);
}
