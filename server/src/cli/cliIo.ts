import type { Clock } from '../engine/clock';

/** What the CLI needs from its process, passed in so that tests can run it in-process too. */
export interface CliIo {
  cwd: string;
  /** "Now" for the date rules: the system clock, or INCREPORT_NOW when set. */
  now: Clock;
  env: Readonly<Record<string, string | undefined>>;
  stdoutIsTty: boolean;
  writeStdout(text: string): void;
  writeStderr(text: string): void;
  /** Standard input, or its first MAX_REPORT_BYTES + 1 bytes: reading stops there (decodeReport refuses it). */
  readStdin(): Promise<Uint8Array>;
}

export const EXIT_OK = 0;
/** Findings at error severity, or more warnings than --max-warnings allows. */
export const EXIT_FINDINGS = 1;
/** Bad usage, an invalid configuration, or an input that could not be read. */
export const EXIT_TROUBLE = 2;
