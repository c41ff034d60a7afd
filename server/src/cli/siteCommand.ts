import { basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseWithHelp, UsageError } from './args';
import { buildRegister, type RegisterRow } from '../engine/register';
import { buildSitePages, reportPage, reportPageName, REPORTS_FOLDER, type TacticColumn } from '../engine/site';
import { packageVersion } from '../node/packageRoot';
import { SiteWriter } from '../node/siteFolder';
import { EXIT_OK, EXIT_TROUBLE, type CliIo } from './cliIo';
import { collectRows } from './register/collectRows';

export const SITE_USAGE = `Usage: increport site [options] <folder|glob|file>... -o <folder>

Writes the incident register as a static HTML site with no scripts that works from file:// and any
static host: index.html (the register table; each column header links to the table sorted by it), a
page per report (as 'increport render' draws it), the ATT&CK heatmap, the metrics with their charts,
and the indicators shared between reports. Reports are found as 'check' finds them.

Options:
  -o, --output <folder>     The site's folder: a new folder, an empty one, or a site written by an
                            earlier 'increport site' (replaced as a whole, atomically). Refuses any
                            other folder, and any folder that holds the reports being read
      --title <text>        The heading of every page (default: Incident register)
      --allow-empty         Exit 0 when no report is found (by default that is an error, exit 2)
  -h, --help                Show this help

Exit codes: 0 the site was written (even with reports that have errors), 2 on trouble.
`;

/** `increport site`: the register as a static, script-free site (docs/register.md). */
export async function runSite(argv: readonly string[], io: CliIo): Promise<number> {
  let options: ReturnType<typeof parseSiteArgs>;
  try {
    options = parseSiteArgs(argv);
  } catch (error) {
    io.writeStderr(`increport site: ${(error as Error).message}\n\n${SITE_USAGE}`);
    return EXIT_TROUBLE;
  }
  if (options.help) {
    io.writeStdout(SITE_USAGE);
    return EXIT_OK;
  }
  const output = options.output;
  let writer: SiteWriter | undefined;
  const cannot = (reason: string) => {
    io.writeStderr(`increport site: cannot write ${output}: ${reason}\n`);
    return EXIT_TROUBLE;
  };
  const written = new Set<string>();
  const tactics = new Map<string, TacticColumn[]>();
  let failure: string | undefined;
  const collected = collectRows(
    options.paths,
    io,
    (inputs) => {
      const begun = SiteWriter.begin(resolve(io.cwd, output), inputs);
      if ('failure' in begun) return cannot(begun.failure);
      writer = begun;
      return undefined;
    },
    (report, row: RegisterRow) => {
      const name = `${REPORTS_FOLDER}/${reportPageName(row.path)}`;
      if (failure !== undefined || written.has(name)) return;
      written.add(name);
      if (!tactics.has(row.attackVersion))
        tactics.set(
          row.attackVersion,
          report.catalog.tactics.map(({ shortname, name }) => ({ shortname, name })),
        );
      try {
        writer!.writePage(name, reportPage(report, basename(row.path)));
      } catch (error) {
        failure = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      }
    },
  );
  if (typeof collected === 'number') {
    writer?.abort();
    return collected;
  }
  if (!writer) return EXIT_TROUBLE; // refuse() always sets it or stops
  const { rows, notChecked, trouble } = collected;
  const register = buildRegister(rows, notChecked, { name: 'increport', version: packageVersion() });
  const version = mostCommon(rows.map((row) => row.attackVersion));
  const footer = `Written by increport ${packageVersion()}${Number.isNaN(io.now().getTime()) ? '' : ` on ${io.now().toISOString().slice(0, 16).replace('T', ' ')} UTC`} · ATT&CK v${version ?? '?'} · no scripts, nothing loaded from the network`;
  try {
    if (failure !== undefined) throw new Error(failure);
    for (const page of buildSitePages(register, { tacticOrder: (version && tactics.get(version)) || [], footer, title: options.title }))
      writer.writePage(page.file, page.html);
  } catch (error) {
    writer.abort();
    return cannot(`a page could not be written (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  const committed = writer.commit();
  if ('failure' in committed) return cannot(committed.failure);
  io.writeStdout(`increport site: ${writer.pageCount} pages for ${rows.length} reports in ${output}; open ${output}/index.html\n`);
  if (trouble) return EXIT_TROUBLE;
  if (rows.length === 0 && !options.allowEmpty) {
    io.writeStderr(
      `increport site: no incident report found in ${options.paths.map((path) => `'${path}'`).join(', ')}; add --allow-empty if an empty site is fine.\n`,
    );
    return EXIT_TROUBLE;
  }
  return EXIT_OK;
}

function mostCommon(values: readonly string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  let best: string | undefined;
  for (const [value, count] of counts) if (best === undefined || count > counts.get(best)! || (count === counts.get(best) && value > best)) best = value;
  return best;
}

const SITE_OPTIONS = {
  output: { type: 'string', short: 'o' },
  title: { type: 'string' },
  'allow-empty': { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

function parseSiteArgs(argv: readonly string[]) {
  const { values, positionals } = parseWithHelp(SITE_OPTIONS, () =>
    parseArgs({ args: [...argv], allowPositionals: true, strict: true, options: SITE_OPTIONS }),
  );
  if (!values.help && positionals.length === 0) throw new UsageError('no reports given (use "." for the current folder)');
  if (!values.help && !values.output) throw new UsageError('--output <folder> is required: the folder to write the site into');
  if (positionals.includes('-')) throw new UsageError('site reads files and folders, not standard input');
  return { paths: positionals, output: values.output ?? '', title: values.title, allowEmpty: values['allow-empty'], help: values.help };
}
