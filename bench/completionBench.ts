/**
 * Completion latency at technique positions of an Attack Methodology row, with the full bundled ATT&CK
 * catalog: `complete()` (site detection, tactic look-up, search, entry building) against the reference,
 * `catalog.searchTechniques` alone for the same query, measured interleaved in the same process.
 * Run: `npx tsc -b && node out/bench/completionBench.js`. Not part of `npm test`.
 */
import { performance } from 'node:perf_hooks';
import { complete } from '../server/src/engine/features/completion';
import type { FeatureContext } from '../server/src/engine/features/featureTypes';
import { buildModel } from '../server/src/engine/model/buildModel';
import { SEED_PATH, ms, percentile } from './engineBench';
import { readFileSync } from 'node:fs';
import { createBundledReportSchema, loadBundledCatalog } from '../server/src/node/bundledResources';

export const COMPLETION_RUNS = 2000;
export const COMPLETION_WARMUP = 200;
export const COMPLETION_P95_TARGET_MS = 20;

interface Case {
  name: string;
  /** Replaces the seed's Initial Access row. */
  row: string;
  query: string;
}

const CASES: Case[] = [
  { name: 'ID prefix "T15"', row: '- **Initial Access:** T1566.001 Spearphishing Attachment, T15', query: 'T15' },
  { name: 'name words "spearph"', row: '- **Initial Access:** T1078 Valid Accounts, spearph', query: 'spearph' },
  { name: 'name words "valid acc"', row: '- **Initial Access:** valid acc', query: 'valid acc' },
  {
    name: 'nothing typed after ", " (the tactic\'s list; reference: an ID search)',
    row: '- **Initial Access:** T1566.001 Spearphishing Attachment, ',
    query: 'T1566',
  },
];

export interface CompletionBenchResult {
  name: string;
  entries: number;
  /** The first call in the process: builds the catalog's search index (and the per-tactic lists). */
  firstMs: number;
  complete: number[];
  search: number[];
}

export function runCompletionBench(): CompletionBenchResult[] {
  const catalog = loadBundledCatalog();
  const spec = createBundledReportSchema().spec;
  const seed = readFileSync(SEED_PATH, 'utf8');
  return CASES.map(({ name, row, query }) => {
    const text = seed.replace('- **Initial Access:** N/A', row);
    const line = text.split('\n').indexOf(row);
    // The language server keeps the model of each document version; completion reuses it.
    const context: FeatureContext = { model: buildModel(text), spec, catalog, now: new Date('2026-06-15T00:00:00Z') };
    const position = { line, character: row.length };
    const tacticId = catalog.findTactic('Initial Access')?.id;
    const run = () => complete(context, position);
    const reference = () => catalog.searchTechniques(query, { tacticId, limit: 50 });
    let start = performance.now();
    const entries = run().length;
    const firstMs = performance.now() - start;
    for (let i = 0; i < COMPLETION_WARMUP; i++) {
      run();
      reference();
    }
    const completeTimes: number[] = [];
    const searchTimes: number[] = [];
    for (let i = 0; i < COMPLETION_RUNS; i++) {
      start = performance.now();
      run();
      completeTimes.push(performance.now() - start);
      start = performance.now();
      reference();
      searchTimes.push(performance.now() - start);
    }
    return { name, entries, firstMs, complete: completeTimes, search: searchTimes };
  });
}

if (require.main === module) {
  for (const result of runCompletionBench()) {
    const [c50, c95, s50, s95] = [
      percentile(result.complete, 50),
      percentile(result.complete, 95),
      percentile(result.search, 50),
      percentile(result.search, 95),
    ];
    console.log(
      `${result.name} (${result.entries} entries, ${COMPLETION_RUNS} runs, first call ${ms(result.firstMs)}): complete() p50 ${ms(c50)}, p95 ${ms(c95)}; ` +
        `searchTechniques alone p50 ${ms(s50)}, p95 ${ms(s95)}; ratio p50 ${(c50 / s50).toFixed(2)}×; ` +
        `target p95 ≤ ${COMPLETION_P95_TARGET_MS} ms: ${c95 <= COMPLETION_P95_TARGET_MS ? 'met' : 'MISSED'}`,
    );
  }
}
