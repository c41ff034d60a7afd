import { relative } from 'node:path';
import { ReportWorkspace } from '../engine/workspace';
import { createNodeHost } from '../node/nodeHost';
import { readReportFile } from '../node/readReport';
import { checkReadFile, type CheckOutcome } from './checkFile';
import { toPosix } from './collectFiles';

/** What every worker is told once: the same as the in-process check uses. */
export interface WorkerSettings {
  cwd: string;
  /** The run's "now", in ms since the epoch: every thread checks against the same instant. */
  now: number;
  verbose: boolean;
}

/** One file to check: its place among the targets, its path, and whether it may be skipped as not a report. */
export interface WorkItem {
  index: number;
  path: string;
  mayBeSkipped: boolean;
}

export type ToWorker = { kind: 'batch'; items: WorkItem[] };
export type FromWorker = { kind: 'outcomes'; outcomes: { index: number; outcome: CheckOutcome }[] } | { kind: 'failed'; message: string };

/** The marker in workerData that makes a thread a check worker. */
export const CHECK_WORKER_MARK = 'increport-check-worker';

/**
 * A worker's side: its own workspace (configuration lookup and engines, as the main thread would build
 * them), then batches of files in, outcomes out, until the pool terminates it.
 */
export function runCheckWorker(): void {
  // Loaded here, in a worker: a check in the main thread (one file, a pre-commit hook) never needs it (2-3 ms to load).
  // eslint-disable-next-line @typescript-eslint/no-require-imports, @typescript-eslint/consistent-type-imports
  const { parentPort, workerData } = require('node:worker_threads') as typeof import('node:worker_threads');
  const port = parentPort;
  const data = workerData as { mark?: string; settings?: WorkerSettings } | undefined;
  if (!port || data?.mark !== CHECK_WORKER_MARK || !data.settings) return;
  const settings = data.settings;
  const now = new Date(settings.now);
  const workspace = new ReportWorkspace({ host: createNodeHost({ now: () => now }), baseDirectory: settings.cwd });
  const display = (path: string) => toPosix(relative(settings.cwd, path)) || '.';
  port.on('message', (message: ToWorker) => {
    try {
      const outcomes = message.items.map((item) => ({
        index: item.index,
        outcome: checkReadFile(workspace, item.path, display(item.path), readReportFile(item.path), {
          mayBeSkipped: item.mayBeSkipped,
          verbose: settings.verbose,
          display,
        }),
      }));
      port.postMessage({ kind: 'outcomes', outcomes } satisfies FromWorker);
    } catch (error) {
      port.postMessage({ kind: 'failed', message: (error as Error).stack ?? String(error) } satisfies FromWorker);
    }
  });
}
