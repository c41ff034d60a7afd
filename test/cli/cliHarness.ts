import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { projectRoot, TEST_NOW } from '../helpers';

export const BIN = join(projectRoot(), 'bin', 'increport.js');

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the real `increport` executable as a child process, as CI would, with the clock at TEST_NOW unless `env` sets INCREPORT_NOW.
 * With `timeoutMs` a run that hangs is killed (status null) so that the test fails instead of hanging.
 */
export function runCli(args: string[], options: { cwd?: string; input?: string | Buffer; env?: Record<string, string>; timeoutMs?: number } = {}): CliRun {
  const env = { ...process.env, NO_COLOR: '', FORCE_COLOR: '', INCREPORT_NOW: TEST_NOW.toISOString(), ...options.env };
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? projectRoot(),
    input: options.input,
    env,
    encoding: 'utf8',
    timeout: options.timeoutMs,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
