import { writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { ConfigError } from '../engine/config/configTypes';
import { nodeFileSystem } from '../engine/config/nodeFileSystem';
import type { FeatureContext } from '../engine/features/featureTypes';
import type { Finding } from '../engine/types';
import { ReportWorkspace } from '../engine/workspace';
import { decodeReport, readReportFile } from '../node/readReport';
import { EXIT_OK, EXIT_TROUBLE, type CliIo } from './cliIo';
import { toPosix } from './collectFiles';

/** One report read and checked, for the commands that work on a single report (render, export). */
export interface CheckedReport {
  path: string;
  /** As users see it: relative to the working directory, or '<stdin>'. */
  displayPath: string;
  fromStdin: boolean;
  context: FeatureContext;
  findings: Finding[];
}

/**
 * Reads `argument` (a file, or '-' for standard input) and checks it with the configuration found for
 * it. On trouble, says so on stderr (prefixed with `command`) and returns the exit code instead.
 */
export async function checkOneReport(argument: string, stdinFilename: string | undefined, io: CliIo, command: string, verb: string): Promise<CheckedReport | number> {
  const fromStdin = argument === '-';
  const path = resolve(io.cwd, fromStdin ? (stdinFilename ?? 'stdin.md') : argument);
  const displayPath = fromStdin && !stdinFilename ? '<stdin>' : toPosix(relative(io.cwd, path)) || argument;
  const read = fromStdin ? decodeReport(await io.readStdin()) : readReportFile(path);
  if ('error' in read) {
    io.writeStderr(`${command}: cannot ${verb} ${displayPath}: ${read.error}\n`);
    return EXIT_TROUBLE;
  }
  const workspace = new ReportWorkspace({ fileSystem: nodeFileSystem, baseDirectory: io.cwd, now: io.now });
  try {
    const checked = workspace.checkFile(path, read.text);
    const engine = workspace.engineFor(checked.config);
    const context: FeatureContext = { model: checked.model, spec: engine.schema.spec, catalog: engine.catalog, now: io.now() };
    return { path, displayPath, fromStdin, context, findings: checked.findings };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.writeStderr(`${command}: invalid configuration: ${error.toString()}\n`);
    return EXIT_TROUBLE;
  }
}

/** Writes a command's result to `-o FILE`, or to standard output. */
export function writeResult(text: string, output: string | undefined, io: CliIo, command: string): number {
  if (output === undefined) {
    io.writeStdout(text);
    return EXIT_OK;
  }
  try {
    writeFileSync(resolve(io.cwd, output), text);
    return EXIT_OK;
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such folder' : (error as Error).message;
    io.writeStderr(`${command}: cannot write ${output}: ${reason}\n`);
    return EXIT_TROUBLE;
  }
}
