/**
 * (g) The editor's cold path: from spawning the language server (dist/server.js, over stdio) to the first
 * `textDocument/publishDiagnostics` for the seed report, opened right after `initialize`, as VS Code does
 * when it starts the server for an open report; against `node -e 0`, alternating, in the same run.
 */
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT, SEED_PATH, median, ms, type Measurement } from './engineBench';

export const SERVER_COLD_ROUNDS = 10;
export const SERVER_COLD_RATIO_TARGET = 2.5;

const SERVER = join(REPO_ROOT, 'dist', 'server.js');

function frame(message: object): string {
  const body = JSON.stringify(message);
  return `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
}

/**
 * Milliseconds from spawn to the first published diagnostics of the seed report. With `lingerMs`, the server is
 * left running that long after them: it writes V8's code cache after its first diagnostics (serverStart.ts).
 */
export function firstDiagnostics(lingerMs = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, [SERVER, '--stdio'], { cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'ignore'] });
    const uri = pathToFileURL(SEED_PATH).href;
    const text = readFileSync(SEED_PATH, 'utf8');
    child.stdin.write(
      frame({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: process.pid, rootUri: pathToFileURL(REPO_ROOT).href, capabilities: {} } }),
    );
    child.stdin.write(frame({ jsonrpc: '2.0', method: 'initialized', params: {} }));
    child.stdin.write(frame({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'markdown', version: 1, text } } }));
    let received = '';
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error('no diagnostics within 20 s'));
    }, 20_000);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      received += chunk;
      if (!received.includes('"textDocument/publishDiagnostics"')) return;
      const elapsed = performance.now() - start;
      clearTimeout(timer);
      child.stdout.removeAllListeners('data');
      setTimeout(() => {
        child.kill();
        resolve(elapsed);
      }, lingerMs);
    });
  });
}

export interface ServerColdBenchResult {
  server: number[];
  node: number[];
}

export async function runServerColdBench(log: (line: string) => void = () => {}): Promise<ServerColdBenchResult> {
  const result: ServerColdBenchResult = { server: [], node: [] };
  // One untimed run of each, so that the OS file cache is warm and the code cache written, as on a developer's machine.
  await firstDiagnostics(1000);
  spawnSync(process.execPath, ['-e', '0']);
  for (let round = 1; round <= SERVER_COLD_ROUNDS; round++) {
    const start = performance.now();
    spawnSync(process.execPath, ['-e', '0']);
    const node = performance.now() - start;
    const server = await firstDiagnostics();
    result.node.push(node);
    result.server.push(server);
    log(`  round ${round}: node -e 0 ${ms(node)}, spawn to first diagnostics ${ms(server)}`);
  }
  return result;
}

export function serverColdMeasurements(result: ServerColdBenchResult): Measurement[] {
  const server = median(result.server);
  const node = median(result.node);
  return [
    {
      name: `(g) language server spawn → first publishDiagnostics for the open seed report, wall, median of ${SERVER_COLD_ROUNDS}`,
      value: ms(server),
      reference: `\`node -e 0\` ${ms(node)}`,
      ratio: server / node,
      target: `≤ ${SERVER_COLD_RATIO_TARGET}× (issue 16)`,
      pass: server / node <= SERVER_COLD_RATIO_TARGET,
    },
  ];
}

if (require.main === module) {
  void runServerColdBench(console.log).then((result) => {
    for (const line of serverColdMeasurements(result)) console.log(`${line.name}: ${line.value}; ${line.reference}; ratio ${line.ratio?.toFixed(2)}`);
  });
}
