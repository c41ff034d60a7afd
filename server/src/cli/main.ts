import { CLOCK_VARIABLE, clockFromSetting } from '../engine/clock';
import { packageVersion } from '../node/packageRoot';
import { MAX_REPORT_BYTES, readStreamPrefix } from '../node/boundedRead';
import { ALL_RULE_META } from '../engine/rules';
import { suggestion } from './args';
import { EXIT_OK, EXIT_TROUBLE, type CliIo } from './cliIo';
import { CHECK_USAGE, runCheck } from './checkCommand';
// A check's worker threads load this bundle and start here (see checkPool.ts).
export { runCheckWorker } from './checkPool';

// `lsp` is started by bin/increport.js before this bundle loads; listed here for help and suggestions.
const COMMANDS = ['check', 'summary', 'site', 'render', 'export', 'migrate', 'rules', 'lsp'];

const COMMANDS_USAGE = `Usage: increport <command> [options]

Commands:
  check <paths...>   Check incident reports (files, folders, globs, or - for stdin)
  summary <paths...> The incident register of many reports: table, JSON, CSV or a Navigator layer
  site <paths...>    The incident register as a static, script-free HTML site (-o <folder>)
  render <report>    Render a report as a standalone, script-free HTML page
  export <report>    Export a report as JSON, a STIX 2.1 bundle or an ATT&CK Navigator layer
  migrate <paths...> Carry reports written for ATT&CK v18.1 to v19.2 (--attack 19.2 [--write])
  rules              List every rule with its default severity
  lsp [--stdio]      Run the language server for any LSP client (Neovim, Helix, …; increport lsp --help)

Options:
  -h, --help         Show help (also: increport check --help)
  --version          Show the version
`;

/*
 * `check` is loaded with the CLI; the other commands (and the preview renderer, the exports and the
 * migration they bring) only when asked for, so that a check does not load or run their code.
 */
const loadRender = () => import('./renderCommand.js');
const loadExport = () => import('./exportCommand.js');
const loadMigrate = () => import('./migrateCommand.js');
const loadSummary = () => import('./summaryCommand.js');
const loadSite = () => import('./siteCommand.js');

async function usage(): Promise<string> {
  const [summary, site, render, exporter, migrate] = await Promise.all([loadSummary(), loadSite(), loadRender(), loadExport(), loadMigrate()]);
  return `${COMMANDS_USAGE}
${CHECK_USAGE}
${summary.SUMMARY_USAGE}
${site.SITE_USAGE}
${render.RENDER_USAGE}
${exporter.EXPORT_USAGE}
${migrate.MIGRATE_USAGE}`;
}

/** The `increport` command line. Returns the exit code; never calls process.exit itself. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'check':
      return runCheck(rest, io);
    case 'summary':
      return (await loadSummary()).runSummary(rest, io);
    case 'site':
      return (await loadSite()).runSite(rest, io);
    case 'render':
      return (await loadRender()).runRender(rest, io);
    case 'export':
      return (await loadExport()).runExport(rest, io);
    case 'migrate':
      return (await loadMigrate()).runMigrate(rest, io);
    case 'rules':
      io.writeStdout(listRules());
      return EXIT_OK;
    case '--version':
    case '-V':
      io.writeStdout(`${packageVersion()}\n`);
      return EXIT_OK;
    case undefined:
    case '-h':
    case '--help':
    case 'help':
      io.writeStdout(await usage());
      return command === undefined ? EXIT_TROUBLE : EXIT_OK;
    default:
      io.writeStderr(
        `increport: ${command.startsWith('-') ? `unknown option '${command}'` : `unknown command '${command}'`}${suggestion(command, command.startsWith('-') ? ['--help', '--version'] : COMMANDS)}\n\n${COMMANDS_USAGE}`,
      );
      return EXIT_TROUBLE;
  }
}

function listRules(): string {
  const width = Math.max(...ALL_RULE_META.map((meta) => meta.id.length)) + 2;
  return ALL_RULE_META.map((meta) => `${meta.id.padEnd(width)}${meta.defaultSeverity.padEnd(9)}${meta.summary}`).join('\n') + '\n';
}

/** Entry point for bin/increport.js. */
export function main(): void {
  const clock = clockFromSetting(process.env[CLOCK_VARIABLE]);
  if ('error' in clock) {
    process.stderr.write(`increport: ${clock.error}\n`);
    process.exitCode = EXIT_TROUBLE;
    return;
  }
  // A reader that stops early (`increport check reports/ | head`): stop there, as `cat` does, without a
  // stack trace; the exit code says the output was not all written.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(EXIT_TROUBLE);
  });
  const io: CliIo = {
    cwd: process.cwd(),
    now: clock.clock,
    env: process.env,
    stdoutIsTty: Boolean(process.stdout.isTTY),
    writeStdout: (text) => process.stdout.write(text),
    writeStderr: (text) => process.stderr.write(text),
    // One byte past the cap tells "too large" apart; an endless producer is cut off there, not buffered.
    readStdin: () => readStreamPrefix(process.stdin, MAX_REPORT_BYTES + 1),
  };
  runCli(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      // The stack names the install folder: only on request (INCREPORT_DEBUG=1), for a bug report.
      const detail = process.env.INCREPORT_DEBUG
        ? ((error as Error).stack ?? String(error))
        : `${(error as Error).message ?? String(error)} (set INCREPORT_DEBUG=1 to see where)`;
      process.stderr.write(`increport: internal error: ${detail}\n`);
      process.exitCode = EXIT_TROUBLE;
    },
  );
}
