/**
 * Runs every benchmark, prints a Markdown table, and with `--write` replaces the results section of
 * docs/benchmarks.md. Absolute times depend on the machine, so the machine is recorded with them and
 * each figure comes with a ratio against a reference measured in the same run.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { attackVersionMeasurements, runAttackVersionBench } from './attackVersionBench';
import { cliMeasurements, runCliBench } from './cliBench';
import { coldMeasurements, runColdBench } from './coldBench';
import { REPO_ROOT, engineMeasurements, runEngineBench, type Measurement } from './engineBench';
import { registerUpdateMeasurements, runRegisterUpdateBench } from './registerUpdateBench';
import { runScaleBench, scaleMeasurements } from './scaleBench';
import { runServerColdBench, serverColdMeasurements } from './serverColdBench';
import { runSummaryBench, summaryMeasurements } from './summaryBench';
import { runTypingBench, typingMeasurements } from './typingBench';
import { runWebColdBench, webColdMeasurements } from './webColdBench';

const DOCS_PATH = join(REPO_ROOT, 'docs', 'benchmarks.md');
const RESULTS_START = '<!-- bench:results:start -->';
const RESULTS_END = '<!-- bench:results:end -->';

function machineLine(): string {
  const cpuList = cpus();
  const ramGiB = (totalmem() / 1024 ** 3).toFixed(1);
  // The load average says whether other work shared the cores: a busy machine inflates every figure.
  return `${cpuList[0]?.model ?? 'unknown CPU'}, ${cpuList.length} cores, ${ramGiB} GiB RAM, Node ${process.version}, ${process.platform}/${process.arch}, load average ${loadavg()[0].toFixed(1)} at start`;
}

function table(measurements: readonly Measurement[]): string {
  const verdict = (pass: boolean | undefined) => (pass === undefined ? '—' : pass ? 'met' : '**missed**');
  const rows = measurements.map(
    (line) =>
      `| ${line.name} | ${line.value} | ${line.reference} | ${line.ratio === undefined ? '—' : `${line.ratio.toFixed(2)}×`} | ${line.target} | ${verdict(line.pass)} |`,
  );
  return ['| Measurement | Result | Reference (same run) | Ratio | Target | Status |', '|---|---|---|---:|---|---|', ...rows].join('\n');
}

function resultsSection(machine: string, measurements: readonly Measurement[], notes: readonly string[]): string {
  return [
    RESULTS_START,
    `Measured ${new Date().toISOString()} on ${machine}.`,
    '',
    table(measurements),
    '',
    ...notes.map((note) => `- ${note}`),
    RESULTS_END,
  ].join('\n');
}

function writeDocs(section: string): void {
  const docs = readFileSync(DOCS_PATH, 'utf8');
  const start = docs.indexOf(RESULTS_START);
  const end = docs.indexOf(RESULTS_END);
  if (start < 0 || end < start) throw new Error(`${DOCS_PATH} has no ${RESULTS_START} … ${RESULTS_END} section to replace`);
  writeFileSync(DOCS_PATH, docs.slice(0, start) + section + docs.slice(end + RESULTS_END.length));
}

async function main(): Promise<void> {
  const write = process.argv.includes('--write');
  const machine = machineLine();
  console.error(`Machine: ${machine}`);
  console.error('Engine benchmarks (in process)…');
  const engine = runEngineBench();
  console.error('ATT&CK version benchmarks (in process)…');
  const attackVersions = runAttackVersionBench();
  console.error(`CLI benchmark (child processes)…`);
  const cli = runCliBench((line) => console.error(line));
  console.error('Summary benchmark (child processes)…');
  const summary = runSummaryBench((line) => console.error(line));
  console.error('Cold start benchmark (child processes)…');
  const cold = runColdBench((line) => console.error(line));
  console.error('Typing benchmark (the language server over JSON-RPC)…');
  const typing = await runTypingBench();
  console.error('Language server cold start benchmark (child processes)…');
  const serverCold = await runServerColdBench((line) => console.error(line));
  console.error('Web extension cold start benchmark (Chromium web worker against the desktop server)…');
  const webCold = await runWebColdBench((line) => console.error(line));
  console.error('All cores and memory benchmark (child processes, 5,000 reports)…');
  const scale = runScaleBench((line) => console.error(line));
  console.error('Register update benchmark (the language server over JSON-RPC, 2,000 reports)…');
  const registerUpdate = await runRegisterUpdateBench((line) => console.error(line));

  const measurements = [
    ...engineMeasurements(engine),
    ...attackVersionMeasurements(attackVersions),
    ...cliMeasurements(cli),
    ...summaryMeasurements(summary),
    ...coldMeasurements(cold),
    ...typingMeasurements(typing),
    ...serverColdMeasurements(serverCold),
    ...webColdMeasurements(webCold),
    ...scaleMeasurements(scale),
    ...registerUpdateMeasurements(registerUpdate),
  ];
  const notes = [
    `Findings: seed report ${engine.seed.findings}, second example ${engine.second.findings}, table-dialect example ${engine.table.findings}, generated report ${engine.large.findings}; seed against v18.1 ${attackVersions.findings['18.1']}, against v19.2 ${attackVersions.findings['19.2']} (the migration note); increport checked ${cli.checkedByIncreport} of ${cli.files} files.`,
    `CLI wall times per round (ms): ${Object.entries(cli.times)
      .map(([name, times]) => `${name} ${times.map((time) => time.toFixed(0)).join(' / ')}`)
      .join('; ')}.`,
  ];
  const section = resultsSection(machine, measurements, notes);
  console.log(section);
  if (write) {
    writeDocs(section);
    console.error(`Updated ${DOCS_PATH}`);
  }
  // Missing a target is reported, not fatal: numbers from a busy machine should not break a build.
}

void main();
