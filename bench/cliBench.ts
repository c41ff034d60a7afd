/**
 * (b) The CLI on 1000 copies of the seed report, against markdownlint-cli2 on the same files and a bare
 * "read + markdown-it parse every file" script, all as child processes in the same run. Wall time
 * includes Node startup and module loading, as a user (or CI) would experience it.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { REPO_ROOT, SEED_PATH, median, ms, type Measurement } from './engineBench';

export const REPORT_COPIES = 1000;
export const CLI_ROUNDS = 3;
export const MARKDOWNLINT_RATIO_TARGET = 0.2;
const REPORTS_FOLDER = 'reports';

const INCREPORT_BIN = join(REPO_ROOT, 'bin', 'increport.js');
const MARKDOWNLINT_BIN = join(REPO_ROOT, 'node_modules', 'markdownlint-cli2', 'markdownlint-cli2-bin.mjs');

/** The reference: the least any Node Markdown tool must do, in one process (startup included). */
const BARE_SCRIPT = `
const { readdirSync, readFileSync } = require('node:fs');
const { join } = require('node:path');
const md = new (require(${JSON.stringify(require.resolve('markdown-it', { paths: [REPO_ROOT] }))}))();
for (const name of readdirSync(${JSON.stringify(REPORTS_FOLDER)}).sort()) md.parse(readFileSync(join(${JSON.stringify(REPORTS_FOLDER)}, name), 'utf8'), {});
`;

interface Command {
  name: string;
  args: string[];
  /** Exit codes that mean "ran to completion" (findings are not a failure here: we only time it). */
  okCodes: number[];
}

export interface CliBenchResult {
  files: number;
  checkedByIncreport: number;
  times: Record<string, number[]>;
}

export function runCliBench(log: (line: string) => void = () => {}): CliBenchResult {
  const root = mkdtempSync(join(tmpdir(), 'increport-bench-'));
  try {
    const folder = join(root, REPORTS_FOLDER);
    mkdirSync(folder);
    for (let index = 1; index <= REPORT_COPIES; index++) copyFileSync(SEED_PATH, join(folder, `report-${String(index).padStart(4, '0')}.md`));
    // Default rules (markdownlint's normal workload); no banner/progress; findings go to an ignored stderr.
    writeFileSync(join(root, '.markdownlint-cli2.jsonc'), JSON.stringify({ noBanner: true, noProgress: true }));
    const jsonOutput = join(root, 'increport.json');

    const commands: Command[] = [
      { name: 'increport', args: [INCREPORT_BIN, 'check', folder, '--format', 'json', '-o', jsonOutput, '--overwrite'], okCodes: [0, 1] },
      { name: 'markdownlint-cli2', args: [MARKDOWNLINT_BIN, `${REPORTS_FOLDER}/**/*.md`], okCodes: [0, 1] },
      { name: 'bare', args: ['-e', BARE_SCRIPT], okCodes: [0] },
    ];
    const times: Record<string, number[]> = Object.fromEntries(commands.map((command) => [command.name, []]));
    for (let round = 1; round <= CLI_ROUNDS; round++) {
      // Alternating, so that drift over the run (thermal, noisy neighbours) affects every tool alike.
      for (const command of commands) {
        const start = performance.now();
        const child = spawnSync(process.execPath, command.args, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
        const elapsed = performance.now() - start;
        if (child.error || !command.okCodes.includes(child.status ?? -1)) {
          throw new Error(`${command.name} failed (exit ${child.status}): ${child.error?.message ?? child.stderr.toString().slice(0, 2000)}`);
        }
        times[command.name].push(elapsed);
        log(`  round ${round}: ${command.name.padEnd(17)} ${ms(elapsed)}`);
      }
    }
    // Guard against timing a CLI that silently skipped the files.
    const summary = (JSON.parse(readFileSync(jsonOutput, 'utf8')) as { summary: { files: number } }).summary;
    if (summary.files !== REPORT_COPIES) throw new Error(`increport checked ${summary.files} files, expected ${REPORT_COPIES}`);
    return { files: REPORT_COPIES, checkedByIncreport: summary.files, times };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

export function cliMeasurements(result: CliBenchResult): Measurement[] {
  const increport = median(result.times.increport);
  const markdownlint = median(result.times['markdownlint-cli2']);
  const bare = median(result.times.bare);
  const label = `${result.files} seed copies, wall, median of ${CLI_ROUNDS}`;
  return [
    {
      name: `(b) increport check, ${label}`,
      value: ms(increport),
      reference: `markdownlint-cli2 ${ms(markdownlint)}`,
      ratio: increport / markdownlint,
      target: `≤ ${MARKDOWNLINT_RATIO_TARGET}×`,
      pass: increport / markdownlint <= MARKDOWNLINT_RATIO_TARGET,
    },
    {
      name: `(b) increport check vs bare read + parse, ${label}`,
      value: ms(increport),
      reference: `bare read + markdown-it parse ${ms(bare)}`,
      ratio: increport / bare,
      target: '—',
      pass: undefined,
    },
  ];
}

if (require.main === module) {
  const result = runCliBench(console.log);
  for (const line of cliMeasurements(result)) console.log(`${line.name}: ${line.value}; ${line.reference}; ratio ${line.ratio?.toFixed(2)}`);
}
