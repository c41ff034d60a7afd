import { writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError } from '../engine/config/configTypes';
import { nodeFileSystem } from '../engine/config/nodeFileSystem';
import { renderReportBody, renderReportDocument, renderReportTitle } from '../engine/render/renderReport';
import { ReportWorkspace } from '../engine/workspace';
import { decodeReport, readReportFile } from '../node/readReport';
import { EXIT_OK, EXIT_TROUBLE, type CliIo } from './cliIo';

export const RENDER_USAGE = `Usage: increport render [options] <report.md|->

Renders an incident report as one self-contained HTML file: header, validation summary, timeline,
ATT&CK matrix, IOC table (defanged) and every section. No scripts; nothing in it loads from the network.

Options:
  -o, --output <file>       Write the HTML to a file instead of standard output
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
  const fromStdin = options.input === '-';
  const path = resolve(io.cwd, fromStdin ? options.stdinFilename ?? 'stdin.md' : options.input);
  const read = fromStdin ? decodeReport(await io.readStdin()) : readReportFile(path);
  if ('error' in read) {
    io.writeStderr(`increport render: ${fromStdin ? '<stdin>' : options.input}: ${read.error}\n`);
    return EXIT_TROUBLE;
  }
  const workspace = new ReportWorkspace({ fileSystem: nodeFileSystem, baseDirectory: io.cwd });
  let html: string;
  try {
    const checked = workspace.checkFile(path, read.text);
    const engine = workspace.engineFor(checked.config);
    const context = { model: checked.model, spec: engine.schema.spec, catalog: engine.catalog, now: new Date() };
    const body = renderReportBody({ context, findings: checked.findings });
    const title = checked.model.titles.length > 0 || checked.model.frontMatter?.data?.title ? renderReportTitle(context) : basename(path);
    html = renderReportDocument(body, { title, target: 'standalone' });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.writeStderr(`increport render: invalid configuration: ${error.toString()}\n`);
    return EXIT_TROUBLE;
  }
  if (options.output === undefined) {
    io.writeStdout(html);
    return EXIT_OK;
  }
  try {
    writeFileSync(resolve(io.cwd, options.output), html);
  } catch (error) {
    io.writeStderr(`increport render: cannot write ${options.output}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such folder' : (error as Error).message}\n`);
    return EXIT_TROUBLE;
  }
  return EXIT_OK;
}

function parseRenderArgs(argv: readonly string[]) {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      output: { type: 'string', short: 'o' },
      'stdin-filename': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (!values.help && positionals.length === 0) throw new Error('no report given (a Markdown file, or - for standard input)');
  if (positionals.length > 1) throw new Error(`one report at a time (got ${positionals.length}: ${positionals.join(', ')})`);
  if (values.output === '') throw new Error('--output needs a file name');
  return { input: positionals[0] ?? '', output: values.output, stdinFilename: values['stdin-filename'], help: values.help };
}
