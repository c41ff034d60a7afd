import { resolve } from 'node:path';
import { checkOutputFile, openOutputFile, writeOutputFile, type WriteOutcome } from '../node/safeWrite';
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

/** Output written as it is made: to standard output, or to `-o FILE`'s temporary file until `finish` commits it. */
export interface ResultWriter {
  write(text: string): void;
  /** Commits `-o FILE` (EXIT_OK, or EXIT_TROUBLE after saying why); EXIT_OK for standard output. */
  finish(): number;
  /** After a failure: removes `-o FILE`'s temporary file, leaving the target as it was. */
  abandon(): void;
}

/**
 * writeResult in parts (`increport check` writes each file's output when it is checked): the same refusals,
 * made before any work (EXIT_TROUBLE after saying why), and the same atomic write of `-o FILE`.
 */
export function openResult(options: OutputOptions, io: CliIo, command: string): ResultWriter | number {
  if (options.output === undefined) return { write: (text) => io.writeStdout(text), finish: () => EXIT_OK, abandon: () => {} };
  const output = options.output;
  const opened = openOutputFile(resolve(io.cwd, output), toWriteOptions(options, io));
  if ('failure' in opened) return reportFailure(opened, output, io, command) ?? EXIT_TROUBLE;
  return {
    write: (text) => opened.write(text),
    finish: () => reportFailure(opened.finish(), output, io, command) ?? EXIT_OK,
    abandon: () => opened.abandon(),
  };
}

function toWriteOptions(options: OutputOptions, io: CliIo) {
  return { inputs: options.inputs.map((input) => resolve(io.cwd, input)), overwrite: options.overwrite };
}

function reportFailure(outcome: WriteOutcome, output: string, io: CliIo, command: string): number | undefined {
  if (!('failure' in outcome)) return undefined;
  io.writeStderr(`${command}: cannot write ${output}: ${outcome.failure.message}\n`);
  return EXIT_TROUBLE;
}
