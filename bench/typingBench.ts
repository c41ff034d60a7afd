/**
 * (f) Completion while typing in a 300 KB report, over JSON-RPC: the real language server (dist/server.js)
 * as a child process, one incremental `didChange` (one character) then `textDocument/completion` at the
 * cursor, per keystroke, at a typing pace with pauses in which the debounced diagnostics run. The time
 * of a keystroke is from sending its change to the completion reply. Reference: a full check of the same
 * text in this process (what every completion cost when it re-analysed the document).
 * Run: `npm run build && node out/bench/typingBench.js`. Not part of `npm test`.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { ReportEngine } from '../server/src/engine/engine';
import { createBundledReportSchema, loadBundledCatalog } from '../server/src/node/bundledResources';
import { generateLargeReport, median, ms, percentile, REPO_ROOT, SEED_PATH, type Measurement } from './engineBench';

export const TYPING_REPORT_BYTES = 300_000;
export const TYPING_KEYSTROKES = 1000;
/** Keystrokes typed first and not counted: each script once and the first pauses (JIT, the technique search index). */
export const TYPING_WARMUP = 100;
/** Milliseconds between a completion reply and the next keystroke (a fast typist). */
export const TYPING_INTERVAL_MS = 30;
/** Every this many keystrokes the typist pauses longer than the diagnostics debounce (200 ms). */
export const TYPING_PAUSE_EVERY = 50;
export const TYPING_PAUSE_MS = 400;
export const TYPING_P95_TARGET_MS = 20;
export const TYPING_MAX_TARGET_MS = 50;

/** What is typed, each at its place: a technique list, a new field in a timeline phase mid-report, an indicator line. */
const SCRIPTS: { after: string; typed: string }[] = [
  { after: '- **Initial Access:** N/A', typed: ', T1566 spearph' },
  { after: '### Lateral Movement (step 402)', typed: '\n- **Desc' },
  { after: '## Indicators of Compromise', typed: '\n- **Network indicators:** 203[.]0[.]113[.]7' },
];

export interface TypingBenchResult {
  bytes: number;
  keystrokes: number;
  times: number[];
  /** The slowest warm-up keystroke (the first completion builds the catalog's search index). */
  warmupMaxMs: number;
  fullCheck: number[];
  rssStartMb: number;
  rssEndMb: number;
  items: number;
}

const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

function residentMb(pid: number | undefined): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

export async function runTypingBench(keystrokes = TYPING_KEYSTROKES): Promise<TypingBenchResult> {
  let text = generateLargeReport(readFileSync(SEED_PATH, 'utf8'), TYPING_REPORT_BYTES);
  const engine = new ReportEngine({ schema: createBundledReportSchema(), catalog: loadBundledCatalog(), bundledCatalog: loadBundledCatalog });
  const fullCheck: number[] = [];
  for (let run = 0; run < 12; run++) {
    const start = performance.now();
    engine.check(text);
    if (run >= 2) fullCheck.push(performance.now() - start);
  }

  const server = spawn(process.execPath, [join(REPO_ROOT, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createMessageConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
  connection.listen();
  const uri = pathToFileURL(join(REPO_ROOT, 'examples', 'typing-bench.md')).href;
  try {
    await connection.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(REPO_ROOT).href, capabilities: {} });
    await connection.sendNotification('initialized', {});
    let version = 1;
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version, text } });
    // The first full analysis (diagnostics of the opened document) is what later keystrokes borrow from.
    await connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });

    const times: number[] = [];
    let warmupMaxMs = 0;
    let items = 0;
    let rssStartMb = 0;
    let script = 0;
    let typedInScript = 0;
    let offset = -1;
    for (let stroke = 0; stroke < TYPING_WARMUP + keystrokes; stroke++) {
      const { after, typed } = SCRIPTS[script];
      if (offset < 0) {
        const found = text.indexOf(after);
        if (found < 0) throw new Error(`the generated report has no '${after}'`);
        offset = found + after.length;
      }
      const character = typed[typedInScript];
      const before = text.slice(0, offset).split('\n');
      const position = { line: before.length - 1, character: before[before.length - 1].length };
      text = text.slice(0, offset) + character + text.slice(offset);
      offset += 1;
      const cursor = character === '\n' ? { line: position.line + 1, character: 0 } : { line: position.line, character: position.character + 1 };
      const start = performance.now();
      void connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version: ++version },
        contentChanges: [{ range: { start: position, end: position }, text: character }],
      });
      const reply = await connection.sendRequest<{ items: unknown[] }>('textDocument/completion', { textDocument: { uri }, position: cursor });
      const elapsed = performance.now() - start;
      if (stroke < TYPING_WARMUP) warmupMaxMs = Math.max(warmupMaxMs, elapsed);
      else times.push(elapsed);
      items += reply.items.length;
      if (stroke === TYPING_WARMUP) rssStartMb = residentMb(server.pid);
      if (++typedInScript === typed.length) {
        typedInScript = 0;
        offset = -1;
        script = (script + 1) % SCRIPTS.length;
      }
      await sleep((stroke + 1) % TYPING_PAUSE_EVERY === 0 ? TYPING_PAUSE_MS : TYPING_INTERVAL_MS);
    }
    return { bytes: Buffer.byteLength(text), keystrokes, times, warmupMaxMs, fullCheck, rssStartMb, rssEndMb: residentMb(server.pid), items };
  } finally {
    await connection.sendRequest('shutdown').catch(() => undefined);
    connection.dispose();
    server.kill();
  }
}

export function typingMeasurements(result: TypingBenchResult): Measurement[] {
  const p95 = percentile(result.times, 95);
  const max = Math.max(...result.times);
  const check = median(result.fullCheck);
  return [
    {
      name: `(f) typing in a ${(result.bytes / 1000).toFixed(0)} KB report over JSON-RPC: didChange + completion, ${result.keystrokes} keystrokes after ${TYPING_WARMUP} warm-up`,
      value: `p50 ${ms(median(result.times))}, p95 ${ms(p95)}, max ${ms(max)} (warm-up max ${ms(result.warmupMaxMs)}); server RSS ${result.rssStartMb.toFixed(0)} → ${result.rssEndMb.toFixed(0)} MB`,
      reference: `full check of the text ${ms(check)}`,
      ratio: p95 / check,
      target: `p95 ≤ ${TYPING_P95_TARGET_MS} ms, max ≤ ${TYPING_MAX_TARGET_MS} ms (issue 19)`,
      pass: p95 <= TYPING_P95_TARGET_MS && max <= TYPING_MAX_TARGET_MS,
    },
  ];
}

if (require.main === module) {
  void runTypingBench().then((result) => {
    const [row] = typingMeasurements(result);
    console.log(`${row.name}: ${row.value}; reference ${row.reference}; target ${row.target}: ${row.pass ? 'met' : 'MISSED'} (${result.items} items in all)`);
  });
}
