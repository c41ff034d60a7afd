import { resolve } from 'node:path';
import { checkOutputFile, writeOutputFile, type WriteOutcome } from '../node/safeWrite';
import { EXIT_OK, EXIT_TROUBLE, type CliIo } from './cliIo';

/** What `-o FILE` says about where a result goes: standard output, or a file written by writeOutputFile. */
export interface OutputOptions {
  output?: string;
  /** --overwrite: an existing file (not an input, not a link) may be replaced. */
  overwrite: boolean;
  /** The files the command read; the output never replaces one of them. */
  inputs: readonly string[];
}

/**
 * Refuses an output that could not be written (an input, a link, an existing file without --overwrite, a
 * missing folder) before the command does any work: EXIT_TROUBLE after saying why, or undefined.
 */
export function refuseOutput(options: OutputOptions, io: CliIo, command: string): number | undefined {
  if (options.output === undefined) return undefined;
  return reportFailure(checkOutputFile(resolve(io.cwd, options.output), toWriteOptions(options, io)), options.output, io, command);
}

/**
 * Writes a command's result to `-o FILE` (atomically, never over an input, a link or, without --overwrite,
 * an existing file), or to standard output.
 */
export function writeResult(text: string, options: OutputOptions, io: CliIo, command: string): number {
  if (options.output === undefined) {
    io.writeStdout(text);
    return EXIT_OK;
  }
  return reportFailure(writeOutputFile(resolve(io.cwd, options.output), text, toWriteOptions(options, io)), options.output, io, command) ?? EXIT_OK;
}

function toWriteOptions(options: OutputOptions, io: CliIo) {
  return { inputs: options.inputs.map((input) => resolve(io.cwd, input)), overwrite: options.overwrite };
}

function reportFailure(outcome: WriteOutcome, output: string, io: CliIo, command: string): number | undefined {
  if (!('failure' in outcome)) return undefined;
  io.writeStderr(`${command}: cannot write ${output}: ${outcome.failure.message}\n`);
  return EXIT_TROUBLE;
}
