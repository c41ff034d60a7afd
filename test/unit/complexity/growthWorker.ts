/**
 * The complexity cases, measured in a worker thread (complexity.test.ts starts it): the worker's young
 * generation is made large enough that what one run at 8n builds is not promoted to the old generation.
 * With V8's default (16 MB semi-spaces) a case whose 8n run crossed that size paid for the promotion
 * once (a 3–4× step in time per item, not a growth rate) while its run at n did not, and read as
 * quadratic: seen on the ATT&CK Navigator export (0.7 → 2.8 µs per technique between 11k and 22k
 * techniques) and on key/value tables (3.3 → 8.7 µs per row between 4.8k and 9.6k rows).
 */
import { parentPort } from 'node:worker_threads';
import { CASES } from './cases';
import { linearGrowth } from './measure';

export interface GrowthRequest {
  index: number;
}

parentPort?.on('message', ({ index }: GrowthRequest) => {
  const testCase = CASES[index];
  try {
    parentPort?.postMessage({ index, growth: linearGrowth(testCase.prepare, testCase.n) });
  } catch (error) {
    parentPort?.postMessage({ index, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
