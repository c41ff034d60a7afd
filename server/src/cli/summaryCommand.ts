import { parseArgs } from 'node:util';
import { parseWithHelp, suggestion, UsageError } from './args';
import { buildRegister, type NotChecked, type RegisterRow } from '../engine/register';
import { packageVersion } from '../node/packageRoot';
import { EXIT_OK, EXIT_TROUBLE, type CliIo } from './cliIo';
import { refuseOutput, writeResult } from './outputFile';
import { REGISTER_FORMATS, formatRegister, isRegisterFormat, type RegisterFormat } from './register/registerFormats';
import { collectRows } from './register/collectRows';
import { readRegisterFiles } from './register/registerInput';

export const SUMMARY_USAGE = `Usage: increport summary [options] <folder|glob|file>...
       increport summary --from-json <register.json>... [options]

Summarises incident reports as a register: one row per report (ID, status, severity, TLP, dates,
organization, finding counts), time to detect and to contain (median, 90th percentile, per quarter and
severity), ATT&CK techniques by number of incidents, and the indicators shared between reports.
Folders and globs are searched as 'check' searches them; reports with errors are included and marked.

Options:
  -f, --format <name>       ${REGISTER_FORMATS.join(', ')} (default: stylish)
                            json: schemas/register.schema.json; csv: one row per report;
                            navigator: one ATT&CK Navigator layer, scores = incidents
  -o, --output <file>       Write to a file instead of standard output (atomically); refuses to
                            replace an existing file or any input
      --overwrite           Replace an existing output file (never an input or a symlink)
      --from-json           Merge registers written by 'summary --format json' (one per shard)
                            instead of reading reports: the arguments are those JSON files
      --allow-empty         Exit 0 when no report is found (by default that is an error, exit 2)
      --color / --no-color  Force colours on or off (default: on for a terminal)
  -h, --help                Show this help

Exit codes: 0 the register was written (even with reports that have errors), 2 on trouble.
`;

/** `increport summary`: the incident register of the reports named (docs/register.md). */
export async function runSummary(argv: readonly string[], io: CliIo): Promise<number> {
  let options: SummaryOptions;
  try {
    options = parseSummaryArgs(argv);
  } catch (error) {
    io.writeStderr(`increport: ${(error as Error).message}\n\n${SUMMARY_USAGE}`);
    return EXIT_TROUBLE;
  }
  if (options.help) {
    io.writeStdout(SUMMARY_USAGE);
    return EXIT_OK;
  }
  const tool = { name: 'increport', version: packageVersion() };
  let rows: RegisterRow[];
  let notChecked: NotChecked[];
  let inputs: string[];
  let trouble = false;
  if (options.fromJson) {
    inputs = options.paths;
    const refused = refuseOutput({ output: options.output, overwrite: options.overwrite, inputs }, io, 'increport summary');
    if (refused !== undefined) return refused;
    const read = readRegisterFiles(options.paths, io.cwd);
    if ('error' in read) {
      io.writeStderr(`increport: ${read.error}\n`);
      return EXIT_TROUBLE;
    }
    ({ rows, notChecked } = read);
  } else {
    const collected = collectRows(options.paths, io, (found) =>
      refuseOutput({ output: options.output, overwrite: options.overwrite, inputs: found }, io, 'increport summary'),
    );
    if (typeof collected === 'number') return collected;
    ({ rows, notChecked, inputs, trouble } = collected);
  }
  const register = buildRegister(rows, notChecked, tool);
  const color = options.output ? false : (options.color ?? wantsColor(io));
  const written = writeResult(
    formatRegister(options.format, register, { color }),
    { output: options.output, overwrite: options.overwrite, inputs },
    io,
    'increport summary',
  );
  if (written !== EXIT_OK) return written;
  if (trouble) return EXIT_TROUBLE;
  if (rows.length === 0 && !options.allowEmpty) {
    io.writeStderr(
      `increport: no incident report found in ${options.paths.map((path) => `'${path}'`).join(', ')}; add --allow-empty if an empty register is fine.\n`,
    );
    return EXIT_TROUBLE;
  }
  return EXIT_OK;
}

function wantsColor(io: CliIo): boolean {
  if (io.env.NO_COLOR) return false;
  if (io.env.FORCE_COLOR && io.env.FORCE_COLOR !== '0') return true;
  return io.stdoutIsTty;
}

interface SummaryOptions {
  paths: string[];
  format: RegisterFormat;
  output?: string;
  overwrite: boolean;
  fromJson: boolean;
  allowEmpty: boolean;
  color?: boolean;
  help: boolean;
}

const SUMMARY_OPTIONS = {
  format: { type: 'string', short: 'f', default: 'stylish' },
  output: { type: 'string', short: 'o' },
  overwrite: { type: 'boolean', default: false },
  'from-json': { type: 'boolean', default: false },
  'allow-empty': { type: 'boolean', default: false },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

function parseSummaryArgs(argv: readonly string[]): SummaryOptions {
  const { values, positionals } = parseWithHelp(SUMMARY_OPTIONS, () =>
    parseArgs({ args: [...argv], allowPositionals: true, strict: true, options: SUMMARY_OPTIONS }),
  );
  if (!isRegisterFormat(values.format))
    throw new UsageError(`unknown format '${values.format}'${suggestion(values.format, REGISTER_FORMATS)} (expected one of: ${REGISTER_FORMATS.join(', ')})`);
  if (!values.help && positionals.length === 0)
    throw new UsageError(values['from-json'] ? 'no register JSON files given' : 'no reports given (use "." for the current folder)');
  if (positionals.includes('-')) throw new UsageError('summary reads files and folders, not standard input');
  if (values.output === '') throw new UsageError('--output needs a file name');
  return {
    paths: positionals,
    format: values.format,
    output: values.output,
    overwrite: values.overwrite,
    fromJson: values['from-json'],
    allowEmpty: values['allow-empty'],
    color: values['no-color'] ? false : values.color,
    help: values.help,
  };
}
