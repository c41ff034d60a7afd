/**
 * (d) Cold start, as a pre-commit hook or an editor's first diagnostics pays it: `increport check` on the
 * seed report in a fresh process against `node -e 0` (Node's own startup), alternating, in the same run.
 * (d2) Engine construction in a fresh process (the workspace's engine for a report without configuration,
 * as the CLI and the language server make it), against that engine's first check of the seed.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { REPO_ROOT, SEED_PATH, median, ms, type Measurement } from './engineBench';

export const COLD_ROUNDS = 10;
export const COLD_RATIO_TARGET = 2;

const INCREPORT_BIN = join(REPO_ROOT, 'bin', 'increport.js');
const OUT = join(REPO_ROOT, 'out', 'server', 'src');

/** Prints `{ construction, firstCheck }` in ms: module loading is left out of both. */
const CONSTRUCTION_SCRIPT = `
const { ReportWorkspace } = require(${JSON.stringify(join(OUT, 'engine', 'workspace.js'))});
const { createNodeHost } = require(${JSON.stringify(join(OUT, 'node', 'nodeHost.js'))});
const text = require('node:fs').readFileSync(${JSON.stringify(SEED_PATH)}, 'utf8');
const start = performance.now();
const workspace = new ReportWorkspace({ host: createNodeHost(), baseDirectory: ${JSON.stringify(REPO_ROOT)} });
const engine = workspace.engineFor(workspace.configs.withoutFiles());
const built = performance.now();
engine.check(text);
console.log(JSON.stringify({ construction: built - start, firstCheck: performance.now() - built }));
`;

export interface ColdBenchResult {
  times: { increport: number[]; node: number[] };
  construction: number[];
  firstCheck: number[];
}

function run(args: string[], okCodes: number[]): { elapsed: number; stdout: string } {
  const start = performance.now();
  const child = spawnSync(process.execPath, args, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  const elapsed = performance.now() - start;
  if (child.error || !okCodes.includes(child.status ?? -1))
    throw new Error(`node ${args.join(' ')} failed (exit ${child.status}): ${child.error?.message ?? child.stderr}`);
  return { elapsed, stdout: child.stdout };
}

export function runColdBench(log: (line: string) => void = () => {}): ColdBenchResult {
  const result: ColdBenchResult = { times: { increport: [], node: [] }, construction: [], firstCheck: [] };
  // One untimed run of each: the OS file cache (and Node's compile cache, where there is one) is warm, as on a developer's machine.
  run([INCREPORT_BIN, 'check', SEED_PATH], [0, 1]);
  run(['-e', '0'], [0]);
  for (let round = 1; round <= COLD_ROUNDS; round++) {
    // Alternating, so that drift over the run affects both alike.
    const node = run(['-e', '0'], [0]).elapsed;
    const increport = run([INCREPORT_BIN, 'check', SEED_PATH], [0, 1]).elapsed;
    result.times.node.push(node);
    result.times.increport.push(increport);
    const { construction, firstCheck } = JSON.parse(run(['-e', CONSTRUCTION_SCRIPT], [0]).stdout) as { construction: number; firstCheck: number };
    result.construction.push(construction);
    result.firstCheck.push(firstCheck);
    log(`  round ${round}: node -e 0 ${ms(node)}, increport check ${ms(increport)}, engine construction ${ms(construction)}, first check ${ms(firstCheck)}`);
  }
  return result;
}

export function coldMeasurements(result: ColdBenchResult): Measurement[] {
  const increport = median(result.times.increport);
  const node = median(result.times.node);
  const construction = median(result.construction);
  const firstCheck = median(result.firstCheck);
  return [
    {
      name: `(d) cold \`increport check\` on the seed report, wall, median of ${COLD_ROUNDS}`,
      value: ms(increport),
      reference: `\`node -e 0\` ${ms(node)}`,
      ratio: increport / node,
      target: `≤ ${COLD_RATIO_TARGET}× (issue 16)`,
      pass: increport / node <= COLD_RATIO_TARGET,
    },
    {
      name: `(d2) engine construction in a fresh process (workspace engine, no configuration), median of ${COLD_ROUNDS}`,
      value: ms(construction),
      reference: `its first check of the seed ${ms(firstCheck)}`,
      ratio: construction / firstCheck,
      target: '—',
      pass: undefined,
    },
  ];
}

if (require.main === module) {
  const result = runColdBench(console.log);
  for (const line of coldMeasurements(result)) console.log(`${line.name}: ${line.value}; ${line.reference}; ratio ${line.ratio?.toFixed(2)}`);
}
