/**
 * (h) All cores: `increport check` on 5,000 seed copies with `--jobs 2` against `--jobs 1`, alternating,
 * in the same run (wall time, and the load average around it: a shared machine takes cores away).
 * (i) Bounded memory: peak RSS (`process.resourceUsage().maxRSS` of the child) of `increport check --jobs 1`
 * on 5,000 copies against the same on 10 copies.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { REPO_ROOT, SEED_PATH, median, ms, type Measurement } from './engineBench';

export const SCALE_COPIES = 5000;
export const SMALL_COPIES = 10;
export const SCALE_ROUNDS = 3;
export const JOBS_RATIO_TARGET = 0.65;
export const MEMORY_RATIO_TARGET = 1.5;

const INCREPORT_BIN = join(REPO_ROOT, 'bin', 'increport.js');

/** Runs the CLI in a child that reports its own peak RSS (KiB) on stderr's last line. */
const MEASURED = `
const { argv } = process;
process.argv = [argv[0], ${JSON.stringify(INCREPORT_BIN)}, ...argv.slice(1)];
process.on('exit', () => process.stderr.write('\\nmaxRSS=' + process.resourceUsage().maxRSS + '\\n'));
require(${JSON.stringify(INCREPORT_BIN)});
`;

export interface ScaleBenchResult {
  times: { one: number[]; two: number[] };
  load: number[];
  rss: { large: number[]; small: number[] };
}

function run(folder: string, jobs: number, cwd: string): { elapsed: number; maxRss: number } {
  const out = join(cwd, `out-${jobs}.json`);
  const start = performance.now();
  const args = ['-e', MEASURED, 'check', folder, '--jobs', String(jobs), '--format', 'json', '-o', out, '--overwrite'];
  const child = spawnSync(process.execPath, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const elapsed = performance.now() - start;
  if (child.error || ![0, 1].includes(child.status ?? -1))
    throw new Error(`increport check --jobs ${jobs} failed (exit ${child.status}): ${child.error?.message ?? child.stderr}`);
  const maxRss = Number(/maxRSS=(\d+)/.exec(child.stderr)?.[1]);
  return { elapsed, maxRss };
}

function copies(root: string, name: string, count: number): string {
  const folder = join(root, name);
  mkdirSync(folder);
  for (let index = 1; index <= count; index++) copyFileSync(SEED_PATH, join(folder, `report-${String(index).padStart(5, '0')}.md`));
  return folder;
}

export function runScaleBench(log: (line: string) => void = () => {}): ScaleBenchResult {
  const root = mkdtempSync(join(tmpdir(), 'increport-scale-'));
  try {
    const large = copies(root, 'large', SCALE_COPIES);
    const small = copies(root, 'small', SMALL_COPIES);
    const result: ScaleBenchResult = { times: { one: [], two: [] }, load: [], rss: { large: [], small: [] } };
    run(small, 1, root); // warms the OS file cache
    for (let round = 1; round <= SCALE_ROUNDS; round++) {
      result.load.push(loadavg()[0]);
      const one = run(large, 1, root);
      const two = run(large, 2, root);
      const few = run(small, 1, root);
      result.times.one.push(one.elapsed);
      result.times.two.push(two.elapsed);
      result.rss.large.push(one.maxRss);
      result.rss.small.push(few.maxRss);
      log(
        `  round ${round} (load ${loadavg()[0].toFixed(1)}): --jobs 1 ${ms(one.elapsed)}, --jobs 2 ${ms(two.elapsed)}; peak RSS ${SCALE_COPIES} files ${mib(one.maxRss)}, ${SMALL_COPIES} files ${mib(few.maxRss)}`,
      );
    }
    result.load.push(loadavg()[0]);
    return result;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

const mib = (kib: number) => `${(kib / 1024).toFixed(0)} MiB`;

export function scaleMeasurements(result: ScaleBenchResult): Measurement[] {
  const one = median(result.times.one);
  const two = median(result.times.two);
  const large = median(result.rss.large);
  const small = median(result.rss.small);
  const load = `load average ${Math.min(...result.load).toFixed(1)}–${Math.max(...result.load).toFixed(1)}`;
  return [
    {
      name: `(h) increport check --jobs 2, ${SCALE_COPIES} seed copies, wall, median of ${SCALE_ROUNDS} (${load})`,
      value: ms(two),
      reference: `--jobs 1 ${ms(one)}`,
      ratio: two / one,
      target: `≤ ${JOBS_RATIO_TARGET}× (issue 16)`,
      pass: two / one <= JOBS_RATIO_TARGET,
    },
    {
      name: `(i) peak RSS of increport check --jobs 1, ${SCALE_COPIES} seed copies, median of ${SCALE_ROUNDS}`,
      value: mib(large),
      reference: `${SMALL_COPIES} copies ${mib(small)}`,
      ratio: large / small,
      target: `≤ ${MEMORY_RATIO_TARGET}× (issue 16)`,
      pass: large / small <= MEMORY_RATIO_TARGET,
    },
  ];
}

if (require.main === module) {
  const result = runScaleBench(console.log);
  for (const line of scaleMeasurements(result)) console.log(`${line.name}: ${line.value}; ${line.reference}; ratio ${line.ratio?.toFixed(2)}`);
}
