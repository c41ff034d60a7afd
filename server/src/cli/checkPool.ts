import { availableParallelism, cpus } from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { CheckOutcome } from './checkFile';
import { CHECK_WORKER_MARK, type FromWorker, type ToWorker, type WorkItem, type WorkerSettings } from './checkWorker';

// The worker's entry: this module's file (in the bundle, dist/cli.js, whose exports main.ts gives) exports it.
export { runCheckWorker } from './checkWorker';

/** Below this many files a folder is checked in process: starting workers would cost more than they save. */
export const TINY_INPUT_FILES = 50;
/** Files per message: large enough that messaging is noise, small enough that the cores finish together. */
const BATCH_SIZE = 16;
/** Batches a worker holds at once, so that it never waits for the main thread between two. */
const BATCHES_IN_FLIGHT = 2;

/** The environment variable that sets the default of `--jobs` (a CI runner's share of the machine). */
export const JOBS_VARIABLE = 'INCREPORT_JOBS';

/** A `--jobs` or INCREPORT_JOBS value: a whole number ≥ 1; anything else throws a RangeError naming `source`. */
export function parseJobs(value: string, source: string): number {
  const jobs = Number(value.trim());
  if (value.trim() === '' || !Number.isInteger(jobs) || jobs < 1) throw new RangeError(`${source} expects a whole number ≥ 1 (got '${value.slice(0, 20)}')`);
  return jobs;
}

/**
 * The number of worker threads for `files` files: the explicit value, else INCREPORT_JOBS, else the cores;
 * without an explicit value, 1 for tiny inputs. Throws a RangeError for an unusable INCREPORT_JOBS.
 */
export function jobsFor(files: number, explicit: number | undefined, env: Readonly<Record<string, string | undefined>>): number {
  if (explicit !== undefined) return Math.max(1, Math.min(explicit, files));
  const fromEnv = env[JOBS_VARIABLE];
  const jobs = fromEnv !== undefined && fromEnv.trim() !== '' ? parseJobs(fromEnv, JOBS_VARIABLE) : coreCount();
  if (files < TINY_INPUT_FILES) return 1;
  return Math.max(1, Math.min(jobs, Math.ceil(files / BATCH_SIZE)));
}

function coreCount(): number {
  return typeof availableParallelism === 'function' ? availableParallelism() : cpus().length;
}

/**
 * Checks `items` on `jobs` worker threads, each with its own workspace. Outcomes arrive in any order;
 * `onOutcome` gets each with its index, and the caller puts them back in target order. Rejects if a
 * worker fails (a bug, as an exception in the in-process check would be).
 */
export function checkInWorkers(
  items: readonly WorkItem[],
  settings: WorkerSettings,
  jobs: number,
  onOutcome: (index: number, outcome: CheckOutcome) => void,
): Promise<void> {
  // Loaded by the first pool, not with the bundle: a check in the main thread (one file, a pre-commit hook)
  // never needs it (2-3 ms to load). A require: the bundle runs in a vm.Script, which has no dynamic import().
  // eslint-disable-next-line @typescript-eslint/no-require-imports, @typescript-eslint/consistent-type-imports
  const { Worker } = require('node:worker_threads') as typeof import('node:worker_threads');
  return new Promise((resolve, reject) => {
    let next = 0;
    let pending = items.length;
    let settled = false;
    const workers: Worker[] = [];
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      for (const worker of workers) void worker.terminate();
      if (error) reject(error);
      else resolve();
    };
    const sendBatch = (worker: Worker) => {
      if (next >= items.length) return;
      const batch = items.slice(next, next + BATCH_SIZE);
      next += batch.length;
      worker.postMessage({ kind: 'batch', items: batch } satisfies ToWorker);
    };
    if (pending === 0) return finish();
    const code = `require(${JSON.stringify(__filename)}).runCheckWorker();`;
    for (let index = 0; index < jobs; index++) {
      const worker = new Worker(code, { eval: true, workerData: { mark: CHECK_WORKER_MARK, settings } });
      workers.push(worker);
      worker.on('message', (message: FromWorker) => {
        if (message.kind === 'failed') return finish(Object.assign(new Error(message.message.split('\n')[0]), { stack: message.message }));
        try {
          for (const { index: itemIndex, outcome } of message.outcomes) onOutcome(itemIndex, outcome);
        } catch (error) {
          return finish(error as Error);
        }
        pending -= message.outcomes.length;
        if (pending === 0) return finish();
        sendBatch(worker);
      });
      worker.on('error', (error) => finish(error));
      worker.on('exit', (exitCode) => finish(new Error(`a check worker stopped (exit code ${exitCode}) before its files were checked`)));
      for (let batch = 0; batch < BATCHES_IN_FLIGHT; batch++) sendBatch(worker);
    }
  });
}
