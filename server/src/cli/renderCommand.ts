import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { parseWithHelp } from './args';
import { renderReportBody, renderReportDocument, renderReportTitle } from '../engine/render/renderReport';
import { refuseOutput, writeResult } from './outputFile';
import { checkOneReport } from './singleReport';
import { EXIT_OK, EXIT_TROUBLE, type CliIo } from './cliIo';

export const RENDER_USAGE = `Usage: increport render [options] <report.md|->

Renders an incident report as one self-contained HTML file: header, validation summary, timeline,
ATT&CK matrix, IOC table (defanged) and every section. No scripts; nothing in it loads from the network.

Options:
  -o, --output <file>       Write the HTML to a file instead of standard output; refuses to replace
                            an existing file or any input
      --overwrite           Replace an existing output file (never an input or a symlink)
      --stdin-filename <p>  Path to assume for standard input (config lookup, title)
  -h, --help                Show this help
`;

/**
 * `increport render`: exit 0 when the HTML was written (findings do not fail it: they are shown in
 * its summary), 2 on a usage error, an unreadable input, an invalid configuration or an unwritable output.
 */
export async function runRender(argv: readonly string[], io: CliIo): Promise<number> {
  let options: ReturnType<typeof parseRenderArgs>;
  try {
    options = parseRenderArgs(argv);
  } catch (error) {
    io.writeStderr(`increport render: ${(error as Error).message}\n\n${RENDER_USAGE}`);
    return EXIT_TROUBLE;
  }
  if (options.help) {
    io.writeStdout(RENDER_USAGE);
    return EXIT_OK;
  }
  const output = { output: options.output, overwrite: options.overwrite, inputs: options.input === '-' ? [] : [options.input] };
  const refused = refuseOutput(output, io, 'increport render');
  if (refused !== undefined) return refused;
  const checked = await checkOneReport(options.input, options.stdinFilename, io, 'increport render', 'render');
  if (typeof checked === 'number') return checked;
  const { report } = checked;
  const body = renderReportBody(report);
  const title = report.model.titles.length > 0 || report.model.frontMatter?.data?.title ? renderReportTitle(report) : basename(report.path);
  return writeResult(renderReportDocument(body, { title, target: 'standalone' }), output, io, 'increport render');
}

const RENDER_OPTIONS = {
  output: { type: 'string', short: 'o' },
  overwrite: { type: 'boolean', default: false },
  'stdin-filename': { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

function parseRenderArgs(argv: readonly string[]) {
  const { values, positionals } = parseWithHelp(RENDER_OPTIONS, () =>
    parseArgs({ args: [...argv], allowPositionals: true, strict: true, options: RENDER_OPTIONS }),
  );
  if (!values.help && positionals.length === 0) throw new Error('no report given (a Markdown file, or - for standard input)');
  if (positionals.length > 1) throw new Error(`one report at a time (got ${positionals.length}: ${positionals.join(', ')})`);
  if (values.output === '') throw new Error('--output needs a file name');
  return { input: positionals[0] ?? '', output: values.output, overwrite: values.overwrite, stdinFilename: values['stdin-filename'], help: values.help };
}
