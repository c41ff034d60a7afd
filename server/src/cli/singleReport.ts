import { relative, resolve } from 'node:path';
import { ConfigError } from '../engine/config/configTypes';
import { createNodeHost } from '../node/nodeHost';
import type { AnalysedReport } from '../engine/analysedReport';
import { ReportWorkspace } from '../engine/workspace';
import { decodeReport, readReportFile } from '../node/readReport';
import { EXIT_TROUBLE, type CliIo } from './cliIo';
import { toPosix } from './collectFiles';

/** One report read and checked, for the commands that work on a single report (render, export). */
export interface CheckedReport {
  /** As users see it: relative to the working directory, or '<stdin>'. */
  displayPath: string;
  fromStdin: boolean;
  /** The report as the workspace analysed it (its `path` is the resolved path). */
  report: AnalysedReport;
}

/**
 * Reads `argument` (a file, or '-' for standard input) and checks it with the configuration found for
 * it. On trouble, says so on stderr (prefixed with `command`) and returns the exit code instead.
 */
export async function checkOneReport(
  argument: string,
  stdinFilename: string | undefined,
  io: CliIo,
  command: string,
  verb: string,
): Promise<CheckedReport | number> {
  const fromStdin = argument === '-';
  const path = resolve(io.cwd, fromStdin ? (stdinFilename ?? 'stdin.md') : argument);
  const displayPath = fromStdin && !stdinFilename ? '<stdin>' : toPosix(relative(io.cwd, path)) || argument;
  const read = fromStdin ? decodeReport(await io.readStdin()) : readReportFile(path);
  if ('error' in read) {
    io.writeStderr(`${command}: cannot ${verb} ${displayPath}: ${read.error}\n`);
    return EXIT_TROUBLE;
  }
  const workspace = new ReportWorkspace({ host: createNodeHost({ now: io.now }), baseDirectory: io.cwd });
  try {
    return { displayPath, fromStdin, report: workspace.analyse(path, read.text) };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.writeStderr(`${command}: invalid configuration: ${error.toString()}\n`);
    return EXIT_TROUBLE;
  }
}
