import { parseArgs } from 'node:util';
import { parseWithHelp, suggestion, UsageError } from './args';
import { EXPORT_FORMATS, exportReportText, type ExportFormat, type ExportInput } from '../engine/export';
import { refuseOutput, writeResult } from './outputFile';
import { checkOneReport } from './singleReport';
import { EXIT_OK, EXIT_TROUBLE, type CliIo } from './cliIo';

export const EXPORT_USAGE = `Usage: increport export --format <${EXPORT_FORMATS.join('|')}> [options] <report.md|->

Exports one incident report. The report is checked first; a report with errors is refused.

Formats:
  json        The report's normalized model (schemas/report-export.schema.json)
  stix        A STIX 2.1 bundle: incident, victim identity, attack patterns, indicators
  navigator   An ATT&CK Navigator layer (format 4.5) of the Attack Methodology techniques

Options:
  -f, --format <name>       Export format (required): ${EXPORT_FORMATS.join(', ')}
  -o, --output <file>       Write the export to a file instead of standard output; refuses to replace
                            an existing file or any input
      --force               Export even when the report has errors
      --overwrite           Replace an existing output file (never an input or a symlink)
      --producer <name>     stix: the organization producing the bundle (created_by_ref)
      --stdin-filename <p>  Path to assume for standard input (config lookup, messages)
  -h, --help                Show this help
`;

/**
 * `increport export`: exit 0 when the export was written; 2 on a usage error, an unreadable report, an
 * invalid configuration, a report with errors (without --force) or an output that cannot be written.
 */
export async function runExport(argv: readonly string[], io: CliIo): Promise<number> {
  let options: ExportOptions;
  try {
    options = parseExportArgs(argv);
  } catch (error) {
    io.writeStderr(`increport: ${(error as Error).message}\n\n${EXPORT_USAGE}`);
    return EXIT_TROUBLE;
  }
  if (options.help) {
    io.writeStdout(EXPORT_USAGE);
    return EXIT_OK;
  }

  const output = { output: options.output, overwrite: options.overwrite, inputs: options.path === '-' ? [] : [options.path] };
  const refused = refuseOutput(output, io, 'increport export');
  if (refused !== undefined) return refused;
  const checked = await checkOneReport(options.path, options.stdinFilename, io, 'increport', 'export');
  if (typeof checked === 'number') return checked;
  const { displayPath, fromStdin } = checked;
  const input: ExportInput = { ...checked.report, sourcePath: displayPath };

  const errors = input.findings.filter((finding) => finding.severity === 'error').length;
  if (errors > 0) {
    const count = `${errors} error${errors === 1 ? '' : 's'}`;
    if (!options.force) {
      const target = fromStdin ? '-' : quoteArgument(displayPath);
      io.writeStderr(
        `increport: ${displayPath} has ${count}; not exporting it. Run 'increport check ${target}' to see them, or add --force to export anyway.\n`,
      );
      return EXIT_TROUBLE;
    }
    io.writeStderr(`increport: warning: exporting ${displayPath} despite ${count} (--force)\n`);
  }

  const text = exportReportText(options.format, input, options.producer === undefined ? {} : { producer: options.producer });
  return writeResult(text, output, io, 'increport export');
}

/** A path as the user would type it again in a POSIX shell. */
function quoteArgument(path: string): string {
  return /^[\w./@%+=:,-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;
}

interface ExportOptions {
  format: ExportFormat;
  path: string;
  output?: string;
  force: boolean;
  overwrite: boolean;
  producer?: string;
  stdinFilename?: string;
  help: boolean;
}

function isExportFormat(name: string): name is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(name);
}

const EXPORT_OPTIONS = {
  format: { type: 'string', short: 'f' },
  output: { type: 'string', short: 'o' },
  force: { type: 'boolean', default: false },
  overwrite: { type: 'boolean', default: false },
  producer: { type: 'string' },
  'stdin-filename': { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

function parseExportArgs(argv: readonly string[]): ExportOptions {
  const { values, positionals } = parseWithHelp(EXPORT_OPTIONS, () =>
    parseArgs({ args: [...argv], allowPositionals: true, strict: true, options: EXPORT_OPTIONS }),
  );
  const help = values.help ?? false;
  if (help) return { format: 'json', path: '', force: false, overwrite: false, help };
  if (values.format === undefined) throw new UsageError(`--format is required (one of: ${EXPORT_FORMATS.join(', ')})`);
  if (!isExportFormat(values.format))
    throw new UsageError(
      `unknown export format '${values.format}'${suggestion(values.format, EXPORT_FORMATS)} (expected one of: ${EXPORT_FORMATS.join(', ')})`,
    );
  if (positionals.length === 0) throw new UsageError('no report given (a Markdown file, or "-" for standard input)');
  if (positionals.length > 1) throw new UsageError(`export takes one report, got ${positionals.length}`);
  if (values.producer !== undefined && values.format !== 'stix') throw new UsageError('--producer applies to --format stix only');
  if (values.output === '') throw new UsageError('--output needs a file name');
  return {
    format: values.format,
    path: positionals[0],
    output: values.output,
    force: values.force ?? false,
    overwrite: values.overwrite ?? false,
    producer: values.producer,
    stdinFilename: values['stdin-filename'],
    help,
  };
}
