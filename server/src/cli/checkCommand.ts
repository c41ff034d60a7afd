import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseWithHelp, suggestion, UsageError } from './args';
import { ConfigError } from '../engine/config/configTypes';
import { createNodeHost } from '../node/nodeHost';
import { packageRoot, packageVersion } from '../node/packageRoot';
import { ReportWorkspace } from '../engine/workspace';
import { EXIT_FINDINGS, EXIT_OK, EXIT_TROUBLE, type CliIo } from './cliIo';
import { collectTargets, toPosix, type Target } from './collectFiles';
import { defaultFormatName, formatNames, isFormatName, loadStreamingFormatter } from './formatters';
import type { FormatContext } from './formatters/formatterTypes';
import { decodeReport, readReportFile } from '../node/readReport';
import { checkReadFile, NOT_A_REPORT, type CheckOutcome } from './checkFile';
import { checkInWorkers, JOBS_VARIABLE, jobsFor, parseJobs, TINY_INPUT_FILES } from './checkPool';
import { keepYoungGenerationSmall } from '../node/heapSizing';
import type { WorkItem } from './checkWorker';
import { ruleDocsContext } from '../node/ruleDocs';
import { openResult, type ResultWriter } from './outputFile';

export const CHECK_USAGE = `Usage: increport check [options] <file|folder|glob|->...

Checks incident reports. Folders are searched for Markdown reports; '-' reads standard input.

Options:
  -f, --format <name>       Output format: ${formatNames.join(', ')} (default: ${defaultFormatName})
  -o, --output <file>       Write the output to a file instead of standard output; refuses to
                            replace an existing file or any report checked
      --overwrite           Replace an existing output file (never an input or a symlink)
      --max-warnings <n>    Exit with 1 when there are more than n warnings
      --stdin-filename <p>  Path to assume for standard input (config lookup, messages)
      --only-reports        Skip named files that are not incident reports (as folders do)
      --allow-empty         Exit 0 when no report is found (by default that is an error, exit 2)
      --quiet               Report errors only (the summary says how many warnings were left out;
                            --max-warnings still counts them)
      --color / --no-color  Force colours on or off (default: on for a terminal)
  -v, --verbose             Say which files were skipped and why
  -j, --jobs <n>            Worker threads for many files (default: ${JOBS_VARIABLE}, else the number of
                            cores; 1 below ${TINY_INPUT_FILES} files); the output is the same for any n
  -h, --help                Show this help
`;

/** `increport check`: exit 0 when clean, 1 with errors (or too many warnings), 2 on trouble. */
export async function runCheck(argv: readonly string[], io: CliIo): Promise<number> {
  let options;
  try {
    options = parseCheckArgs(argv);
  } catch (error) {
    io.writeStderr(`increport: ${(error as Error).message}\n\n${CHECK_USAGE}`);
    return EXIT_TROUBLE;
  }
  if (options.help) {
    io.writeStdout(CHECK_USAGE);
    return EXIT_OK;
  }
  const workspace = new ReportWorkspace({ host: createNodeHost({ now: io.now }), baseDirectory: io.cwd });
  const display = (path: string) => toPosix(relative(io.cwd, path)) || '.';
  // An invalid configuration stops only the reports it governs: they get an error result each (and the
  // problem is printed once), every other report is checked, and the output is still written.
  const configErrors = new Set<string>();
  const noteConfigError = (message: string) => {
    if (configErrors.has(message)) return;
    configErrors.add(message);
    io.writeStderr(`increport: invalid configuration: ${message}\n`);
  };
  const configForDirectory = (directory: string) => {
    try {
      return workspace.configs.forDirectory(directory);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      noteConfigError(error.toString());
      return workspace.configs.withoutFiles();
    }
  };
  // A check of many reports: each one's garbage dies young (node/heapSizing.ts). Set before a folder or glob
  // is searched (its thousands of paths would grow the young generation first: peak RSS on 5,000 reports
  // 90 MiB against 77), and not for a few named files, which then do not load node:v8.
  let heapSized = options.paths.length >= TINY_INPUT_FILES;
  if (heapSized) keepYoungGenerationSmall();
  const targets = collectTargets(options.paths, io.cwd, configForDirectory, () => {
    if (!heapSized) keepYoungGenerationSmall();
    heapSized = true;
  });
  const inputs = targets.flatMap((target) => (target.kind === 'file' ? [target.path] : []));
  const writer = openResult({ output: options.output, overwrite: options.overwrite, inputs }, io, 'increport check');
  if (typeof writer === 'number') return writer;
  let jobs;
  try {
    jobs = jobsFor(inputs.length, options.jobs, io.env);
  } catch (error) {
    writer.abandon();
    io.writeStderr(`increport: ${(error as Error).message}\n`);
    return EXIT_TROUBLE;
  }
  let run;
  try {
    run = await checkAndWrite({ targets, jobs, workspace, io, options, display }, noteConfigError, writer);
  } catch (error) {
    writer.abandon();
    throw error;
  }
  const written = writer.finish();
  if (written !== EXIT_OK) return written;
  if (run.trouble || configErrors.size > 0) return EXIT_TROUBLE;
  if (run.results === 0 && !options.allowEmpty) {
    io.writeStderr(`increport: ${describeEmptyRun(options.paths, run.skipped, options.verbose)}\n`);
    return EXIT_TROUBLE;
  }
  if (run.errors > 0) return EXIT_FINDINGS;
  const warnings = run.warnings;
  if (options.maxWarnings !== undefined && warnings > options.maxWarnings) {
    io.writeStderr(`increport: ${warnings} ${warnings === 1 ? 'warning' : 'warnings'}, more than --max-warnings ${options.maxWarnings}\n`);
    return EXIT_FINDINGS;
  }
  return EXIT_OK;
}

/** What a check run leaves once its output is written: counts for the exit code, not the results. */
interface RunTally {
  results: number;
  errors: number;
  warnings: number;
  infos: number;
  trouble: boolean;
  /** Display paths of the files skipped as not reports (for the message of an empty run). */
  skipped: string[];
}

/**
 * Checks the targets and writes each file's output as soon as it is its turn: outcomes are taken in target
 * order, whichever thread made them, so the output and standard error are the same bytes for any number
 * of jobs, and each result is formatted, written and dropped (formats that need every result, SARIF, JUnit
 * and GitHub's, keep them until the end).
 */
async function checkAndWrite(run: CheckRun, noteConfigError: (message: string) => void, writer: ResultWriter): Promise<RunTally> {
  const { targets, jobs, workspace, io, options, display } = run;
  const tally: RunTally = { results: 0, errors: 0, warnings: 0, infos: 0, trouble: false, skipped: [] };
  const context = formatContext(io, workspace, options);
  const format = (await loadStreamingFormatter(options.format))!(context);
  const take = (outcome: CheckOutcome) => {
    for (const event of outcome.events) {
      if (event.kind === 'configError') noteConfigError(event.message);
      else io.writeStderr(event.message);
    }
    if (typeof outcome.result === 'string') return void tally.skipped.push(outcome.result);
    const result = outcome.result;
    if (result.error) tally.trouble = true;
    tally.results++;
    for (const finding of result.findings) {
      if (finding.severity === 'error') tally.errors++;
      else if (finding.severity === 'warning') tally.warnings++;
      else tally.infos++;
    }
    const shown = options.quiet ? { ...result, findings: result.findings.filter((finding) => finding.severity === 'error') } : result;
    const text = format.file(shown);
    if (text !== '') writer.write(text);
  };
  if (jobs > 1) await checkTargetsInWorkers(run, take);
  else for (const target of targets) take(await checkTarget(target, workspace, io, options, display));
  if (options.quiet) context.hiddenByQuiet = { warning: tally.warnings, info: tally.infos };
  writer.write(format.end());
  return tally;
}

type CheckOptions = ReturnType<typeof parseCheckArgs>;

/** One check run: its targets in output order, its threads, and what every target's check reads. */
interface CheckRun {
  targets: readonly Target[];
  jobs: number;
  workspace: ReportWorkspace;
  io: CliIo;
  options: CheckOptions;
  display: (path: string) => string;
}

/**
 * Why nothing was checked. A CI job pointed at the wrong folder must fail, not pass on zero reports:
 * say what was looked at and skipped, and how to accept an empty run.
 */
function describeEmptyRun(paths: readonly string[], skipped: readonly string[], verbose: boolean): string {
  const where = paths.map((path) => `'${path}'`).join(', ');
  const files = skipped.length === 1 ? '1 Markdown file was' : `${skipped.length} Markdown files were`;
  const why = skipped.length > 0 ? `: ${files} skipped as ${NOT_A_REPORT}${verbose ? '' : ' (--verbose lists them)'}` : '';
  return `no incident report found in ${where}${why}.\nNothing was checked, so this run fails; add --allow-empty if an empty run is fine.`;
}

async function checkTarget(
  target: Target,
  workspace: ReportWorkspace,
  io: CliIo,
  options: CheckOptions,
  display: (path: string) => string,
): Promise<CheckOutcome> {
  if (target.kind === 'missing') {
    return { result: { path: resolve(io.cwd, target.argument), displayPath: target.argument, findings: [], error: target.reason }, events: [] };
  }
  const path = target.kind === 'stdin' ? resolve(io.cwd, options.stdinFilename ?? 'stdin.md') : target.path;
  const displayPath = target.kind === 'stdin' ? (options.stdinFilename ? display(path) : '<stdin>') : display(path);
  const read = target.kind === 'stdin' ? decodeReport(await io.readStdin()) : readReportFile(path);
  return checkReadFile(workspace, path, displayPath, read, { mayBeSkipped: mayBeSkipped(target, options), verbose: options.verbose, display });
}

const mayBeSkipped = (target: Target, options: CheckOptions): boolean => target.kind === 'file' && (!target.explicit || options.onlyReports);

/** The files on worker threads, standard input and missing paths here; outcomes handed to `take` in target order as they complete. */
async function checkTargetsInWorkers(run: CheckRun, take: (outcome: CheckOutcome) => void): Promise<void> {
  const { targets, jobs, workspace, io, options, display } = run;
  const ready = new Map<number, CheckOutcome>();
  let nextToTake = 0;
  const arrive = (index: number, outcome: CheckOutcome) => {
    ready.set(index, outcome);
    for (let next = ready.get(nextToTake); next !== undefined; next = ready.get(nextToTake)) {
      ready.delete(nextToTake++);
      take(next);
    }
  };
  const items: WorkItem[] = [];
  for (const [index, target] of targets.entries()) {
    if (target.kind === 'file') items.push({ index, path: target.path, mayBeSkipped: mayBeSkipped(target, options) });
    else arrive(index, await checkTarget(target, workspace, io, options, display));
  }
  await checkInWorkers(items, { cwd: io.cwd, now: io.now().getTime(), verbose: options.verbose }, jobs, arrive);
}

function formatContext(io: CliIo, workspace: ReportWorkspace, options: CheckOptions): FormatContext {
  return {
    cwd: io.cwd,
    rules: workspace.ruleMeta,
    color: options.output ? false : (options.color ?? wantsColor(io)),
    toolName: 'increport',
    toolVersion: packageVersion(),
    ...ruleDocsContext(packageRoot()),
  };
}

function wantsColor(io: CliIo): boolean {
  if (io.env.NO_COLOR) return false;
  if (io.env.FORCE_COLOR && io.env.FORCE_COLOR !== '0') return true;
  return io.stdoutIsTty;
}

const CHECK_OPTIONS = {
  format: { type: 'string', short: 'f', default: defaultFormatName },
  output: { type: 'string', short: 'o' },
  overwrite: { type: 'boolean', default: false },
  'max-warnings': { type: 'string' },
  'stdin-filename': { type: 'string' },
  quiet: { type: 'boolean', default: false },
  'only-reports': { type: 'boolean', default: false },
  'allow-empty': { type: 'boolean', default: false },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  verbose: { type: 'boolean', short: 'v', default: false },
  jobs: { type: 'string', short: 'j' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

function parseCheckArgs(argv: readonly string[]) {
  const { values, positionals } = parseWithHelp(CHECK_OPTIONS, () =>
    parseArgs({ args: [...argv], allowPositionals: true, strict: true, options: CHECK_OPTIONS }),
  );
  if (!isFormatName(values.format))
    throw new UsageError(`unknown format '${values.format}'${suggestion(values.format, formatNames)} (expected one of: ${formatNames.join(', ')})`);
  let maxWarnings: number | undefined;
  if (values['max-warnings'] !== undefined) {
    maxWarnings = Number(values['max-warnings']);
    if (!Number.isInteger(maxWarnings) || maxWarnings < 0) throw new UsageError('--max-warnings expects a whole number ≥ 0');
  }
  let jobs: number | undefined;
  if (values.jobs !== undefined) {
    try {
      jobs = parseJobs(values.jobs, '--jobs');
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  }
  if (!values.help && positionals.length === 0) throw new UsageError('no files given (use "." for the current folder, or "-" for standard input)');
  return {
    paths: positionals,
    format: values.format,
    output: values.output || undefined,
    overwrite: values.overwrite,
    maxWarnings,
    stdinFilename: values['stdin-filename'],
    quiet: values.quiet,
    onlyReports: values['only-reports'],
    allowEmpty: values['allow-empty'],
    color: values['no-color'] ? false : values.color,
    verbose: values.verbose,
    jobs,
    help: values.help,
  };
}
