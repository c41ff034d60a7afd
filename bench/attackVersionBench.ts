/**
 * What choosing ATT&CK v19.2 as the default costs, against v18.1 in the same process:
 * - catalog load (read + JSON.parse + AttackCatalog) of each bundled version, uncached, interleaved,
 *   after a warm-up load of both, median of LOAD_RUNS;
 * - the seed check with each catalog (the seed is a v18-era report: under v19.2 its Defense Evasion row
 *   is read as a legacy row and gets a migration note), interleaved, median of SEED_ITERATIONS.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { AttackCatalog } from '../server/src/engine/attack/catalog';
import type { CatalogData } from '../server/src/engine/attack/catalogTypes';
import type { BundledAttackVersion } from '../server/src/engine/attack/versions';
import { ReportEngine } from '../server/src/engine/engine';
import { bundledCatalogPath, createBundledReportSchema } from '../server/src/node/bundledResources';
import { SEED_ITERATIONS, SEED_PATH, SEED_WARMUP_ITERATIONS, median, ms, type Measurement } from './engineBench';

const LOAD_RUNS = 15;
const FIXED_NOW = new Date('2026-11-27T12:00:00Z');

export interface AttackVersionBenchResult {
  load: Record<BundledAttackVersion, number[]>;
  seed: Record<BundledAttackVersion, number[]>;
  findings: Record<BundledAttackVersion, number>;
}

const loadCatalog = (version: BundledAttackVersion): AttackCatalog =>
  new AttackCatalog(JSON.parse(readFileSync(bundledCatalogPath(undefined, version), 'utf8')) as CatalogData);

export function runAttackVersionBench(): AttackVersionBenchResult {
  const load: Record<BundledAttackVersion, number[]> = { '18.1': [], '19.2': [] };
  loadCatalog('18.1');
  loadCatalog('19.2');
  for (let run = 0; run < LOAD_RUNS; run++) {
    for (const version of ['18.1', '19.2'] as const) {
      const start = performance.now();
      loadCatalog(version);
      load[version].push(performance.now() - start);
    }
  }
  const seedText = readFileSync(SEED_PATH, 'utf8');
  const schema = createBundledReportSchema();
  const engines = {
    '18.1': new ReportEngine({ schema, catalog: loadCatalog('18.1'), now: () => FIXED_NOW }),
    '19.2': new ReportEngine({ schema, catalog: loadCatalog('19.2'), now: () => FIXED_NOW }),
  };
  for (let index = 0; index < SEED_WARMUP_ITERATIONS; index++) for (const version of ['18.1', '19.2'] as const) engines[version].check(seedText);
  const seed: Record<BundledAttackVersion, number[]> = { '18.1': [], '19.2': [] };
  for (let index = 0; index < SEED_ITERATIONS; index++) {
    for (const version of ['18.1', '19.2'] as const) {
      const start = performance.now();
      engines[version].check(seedText);
      seed[version].push(performance.now() - start);
    }
  }
  const findings = { '18.1': engines['18.1'].check(seedText).findings.length, '19.2': engines['19.2'].check(seedText).findings.length };
  return { load, seed, findings };
}

export function attackVersionMeasurements(result: AttackVersionBenchResult): Measurement[] {
  const load = { old: median(result.load['18.1']), now: median(result.load['19.2']) };
  const seed = { old: median(result.seed['18.1']), now: median(result.seed['19.2']) };
  return [
    {
      name: `ATT&CK catalog load, v19.2 (default), uncached, median of ${LOAD_RUNS}`,
      value: ms(load.now),
      reference: `v18.1 ${ms(load.old)}`,
      ratio: load.now / load.old,
      target: 'unchanged within noise',
      pass: load.now / load.old <= 1.25,
    },
    {
      name: `seed check against v19.2 (its Defense Evasion row read as a v18.1 row), warm, median of ${SEED_ITERATIONS}`,
      value: ms(seed.now),
      reference: `against v18.1 ${ms(seed.old)}`,
      ratio: seed.now / seed.old,
      target: 'unchanged within noise',
      pass: seed.now / seed.old <= 1.25,
    },
  ];
}

if (require.main === module) {
  const result = runAttackVersionBench();
  for (const line of attackVersionMeasurements(result)) console.log(`${line.name}: ${line.value}; ${line.reference}; ratio ${line.ratio?.toFixed(2)}`);
  console.log(`findings on the seed: v18.1 ${result.findings['18.1']}, v19.2 ${result.findings['19.2']}`);
}
