/**
 * (k) The metrics page after one report changes, with 2,000 reports indexed (issue 17: no request on the UI
 * path over 100 ms). The real language server (`dist/server.js` on stdio) indexes a folder of 2,000 reports
 * (the seed and the Northwind example alternating, each with its own ID); then, in each round, one report
 * changes on disk (its discovery date, then in the next round a technique), the server is told
 * (didChangeWatchedFiles), and once the index has re-checked it the metrics page request the webview makes
 * (`known`: the section versions it shows) is timed. The reference, in the same rounds: the page drawn whole
 * after a report is added (every register part computed again, every section drawn, the whole page sent),
 * which is what every change cost before the update was incremental. Also measured: the first whole page of a
 * session, FIRST_PAGE_PAUSE_MS after indexing completes (the editor's "indexed" notification, then the user opens
 * the metrics), in FIRST_PAGE_SESSIONS server sessions (each indexes the folder again); its reference is the
 * same page asked again at once (drawn from the cache).
 *   node out/bench/registerUpdateBench.js   (INCREPORT_BENCH_CPU_PROF=DIR: the server writes a CPU profile there)
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { RegisterPageResult, RegisterResult } from '../server/src/lsp/protocol';
import { median, ms, REPO_ROOT, SEED_PATH, type Measurement } from './engineBench';

export const UPDATE_REPORTS = 2000;
export const UPDATE_ROUNDS = 10;
export const UPDATE_TARGET_MS = 100;
/** Server sessions whose first metrics page is timed (the first also runs the update rounds). */
export const FIRST_PAGE_SESSIONS = 3;
/** The pause between "indexing complete" and the first page request: the view says it is done, the user opens the metrics. */
export const FIRST_PAGE_PAUSE_MS = 1000;
const NONCE = 'registerUpdateBenchNonce01';

export interface RegisterUpdateBenchResult {
  reports: number;
  update: number[];
  whole: number[];
  sectionsSent: number[];
  /** The first whole page of each session, and the same page asked again at once. */
  firstPage: number[];
  cachedPage: number[];
  /** Sections the first page request drew itself (RegisterPageResult.drawn; -1 from a server that does not say). */
  firstPageDrawn: number[];
}

async function waitIndexed(connection: MessageConnection, until: (result: RegisterResult) => boolean): Promise<RegisterResult> {
  for (let attempt = 0; attempt < 6000; attempt++) {
    const result = await connection.sendRequest<RegisterResult>('incidentReport/register', {});
    if (result.complete && until(result)) return result;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('the register index never finished');
}

/** Rewrites a file and moves its modification time forward (from the file's own, not the clock) so the index sees a new stamp. */
function rewrite(path: string, text: string): void {
  writeFileSync(path, text);
  const seen = statSync(path).mtimeMs;
  utimesSync(path, seen / 1000, (seen + 5_000) / 1000);
}

export async function runRegisterUpdateBench(log: (line: string) => void = () => {}): Promise<RegisterUpdateBenchResult> {
  const root = mkdtempSync(join(tmpdir(), 'increport-register-update-'));
  const folder = join(root, 'reports');
  mkdirSync(folder);
  const seed = readFileSync(SEED_PATH, 'utf8');
  const northwind = readFileSync(join(REPO_ROOT, 'examples', 'northwind-ransomware-intrusion.md'), 'utf8');
  const name = (index: number) => join(folder, `report-${String(index).padStart(5, '0')}.md`);
  const northwindCopy = (index: number) => northwind.replace('IR-2026-0117', `IR-2026-${String(index).padStart(5, '0')}`);
  for (let index = 1; index <= UPDATE_REPORTS; index++) writeFileSync(name(index), index % 2 === 0 ? northwindCopy(index) : seed);
  const result: RegisterUpdateBenchResult = {
    reports: UPDATE_REPORTS,
    update: [],
    whole: [],
    sectionsSent: [],
    firstPage: [],
    cachedPage: [],
    firstPageDrawn: [],
  };
  try {
    for (let session = 1; session <= FIRST_PAGE_SESSIONS; session++) {
      const server = startServer();
      try {
        await measureSession(server.connection, folder, session === 1 ? { name, northwindCopy, seed } : undefined, result, log);
      } finally {
        await server.close();
      }
    }
    return result;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

function startServer(): { connection: MessageConnection; close: () => Promise<void> } {
  const server = spawn(
    process.execPath,
    [
      ...(process.env.INCREPORT_BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.INCREPORT_BENCH_CPU_PROF}`] : []),
      join(REPO_ROOT, 'dist', 'server.js'),
      '--stdio',
    ],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const connection = createMessageConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
  connection.listen();
  const close = async () => {
    // Shut down as an editor does (a profile, when asked for, is written on a clean exit).
    const exited = new Promise((resolve) => server.once('exit', resolve));
    await Promise.race([
      connection.sendRequest('shutdown').then(() => connection.sendNotification('exit')),
      new Promise((resolve) => setTimeout(resolve, 5_000)),
    ]).catch(() => undefined);
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
    connection.dispose();
    server.kill();
  };
  return { connection, close };
}

/** One server session: the first page after indexing, then (when `rounds` is given) the update rounds. */
async function measureSession(
  connection: MessageConnection,
  folder: string,
  rounds: { name: (index: number) => string; northwindCopy: (index: number) => string; seed: string } | undefined,
  result: RegisterUpdateBenchResult,
  log: (line: string) => void,
): Promise<void> {
  const changed = async (path: string, type: 1 | 2 | 3) => {
    const before = await connection.sendRequest<RegisterResult>('incidentReport/register', {});
    await connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(path).href, type }] });
    await waitIndexed(connection, (result) => (type === 3 ? result.items.length < before.items.length : result.stats.rowChecks > before.stats.rowChecks));
  };
  const page = async (known?: Record<string, string>) => {
    const start = performance.now();
    const result = await connection.sendRequest<RegisterPageResult>('incidentReport/registerPage', { nonce: NONCE, ...(known ? { known } : {}) });
    return { ms: performance.now() - start, result };
  };
  const versions = (result: RegisterPageResult) => Object.fromEntries(result.sections.map((section) => [section.id, section.version]));
  const uri = pathToFileURL(folder).href;
  await connection.sendRequest('initialize', { processId: process.pid, rootUri: uri, workspaceFolders: [{ uri, name: 'reports' }], capabilities: {} });
  await connection.sendNotification('initialized', {});
  const indexStart = performance.now();
  const indexedResult = await waitIndexed(connection, (result) => result.items.length === UPDATE_REPORTS);
  log(`  ${indexedResult.items.length} reports indexed in ${ms(performance.now() - indexStart)}`);
  await new Promise((resolve) => setTimeout(resolve, FIRST_PAGE_PAUSE_MS));
  const first = await page();
  const cached = await page();
  result.firstPage.push(first.ms);
  result.cachedPage.push(cached.ms);
  const drawn = (first.result as RegisterPageResult & { drawn?: number }).drawn ?? -1;
  result.firstPageDrawn.push(drawn);
  log(`  first page ${ms(first.ms)} (${drawn < 0 ? 'sections drawn not reported' : `${drawn} section(s) drawn by the request`}), again ${ms(cached.ms)}`);
  if (!rounds) return;
  const { name, northwindCopy, seed } = rounds;
  let known = versions(cached.result);
  const target = name(2);
  for (let round = 1; round <= UPDATE_ROUNDS; round++) {
    // One report changes: its discovery date (odd rounds) or a technique of its Execution row (even rounds).
    const text =
      round % 2 === 1
        ? northwindCopy(2).replace('2026-04-18 02:47 UTC', `2026-04-${String(18 + (round % 9)).padStart(2, '0')} 02:47 UTC`)
        : northwindCopy(2).replace(
            '- **Execution:** T1059.001 PowerShell',
            round % 4 === 0 ? '- **Execution:** T1059.003 Windows Command Shell' : '- **Execution:** T1059.001 PowerShell, T1204.002 Malicious File',
          );
    rewrite(target, text);
    await changed(target, 2);
    const update = await page(known);
    result.update.push(update.ms);
    result.sectionsSent.push(update.result.sections.filter((section) => section.html !== undefined).length);
    known = versions(update.result);
    // The reference: a report added, the page drawn whole; then the report removed again.
    const extra = name(UPDATE_REPORTS + round);
    writeFileSync(extra, seed);
    await changed(extra, 1);
    const whole = await page();
    result.whole.push(whole.ms);
    known = versions(whole.result);
    unlinkSync(extra);
    await changed(extra, 3);
    known = versions((await page(known)).result);
    log(`  round ${round}: update ${ms(update.ms)} (${result.sectionsSent[round - 1]} section(s) sent), whole page ${ms(whole.ms)}`);
  }
}

export function registerUpdateMeasurements(result: RegisterUpdateBenchResult): Measurement[] {
  const update = median(result.update);
  const whole = median(result.whole);
  const max = Math.max(...result.update);
  return [
    {
      name: `(k) metrics page update after one report changes, ${result.reports} reports indexed, median of ${result.update.length} (${Math.min(...result.sectionsSent)}–${Math.max(...result.sectionsSent)} sections sent)`,
      value: `${ms(update)} (max ${ms(max)})`,
      reference: `whole page after a report is added ${ms(whole)}`,
      ratio: update / whole,
      target: `≤ ${UPDATE_TARGET_MS} ms (issue 17)`,
      pass: max <= UPDATE_TARGET_MS,
    },
    {
      name: `(k) first metrics page of a session, ${FIRST_PAGE_PAUSE_MS / 1000} s after ${result.reports} reports are indexed, median of ${result.firstPage.length} sessions (sections the request drew: ${result.firstPageDrawn.map((drawn) => (drawn < 0 ? '?' : drawn)).join(', ')})`,
      value: `${ms(median(result.firstPage))} (max ${ms(Math.max(...result.firstPage))})`,
      reference: `the same page asked again at once ${ms(median(result.cachedPage))}`,
      ratio: median(result.firstPage) / median(result.cachedPage),
      target: `≤ ${UPDATE_TARGET_MS} ms (issue 17)`,
      pass: Math.max(...result.firstPage) <= UPDATE_TARGET_MS,
    },
  ];
}

if (require.main === module) {
  void runRegisterUpdateBench((line) => console.error(line)).then((result) => {
    for (const line of registerUpdateMeasurements(result))
      console.log(`${line.name}: ${line.value}; reference ${line.reference}; ratio ${line.ratio?.toFixed(2)}×`);
  });
}
