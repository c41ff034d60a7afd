import type { CliIo } from '../../server/src/cli/cliIo';
import { TEST_NOW } from '../helpers';

/** A CliIo that records what a command writes, for running commands in-process (see cliHarness.ts for spawned runs). */
export function fakeIo(cwd: string, stdin = ''): { io: CliIo; out: { stdout: string; stderr: string } } {
  const out = { stdout: '', stderr: '' };
  const io: CliIo = {
    cwd,
    now: () => TEST_NOW,
    env: {},
    stdoutIsTty: false,
    writeStdout: (text) => void (out.stdout += text),
    writeStderr: (text) => void (out.stderr += text),
    readStdin: async () => Buffer.from(stdin, 'utf8'),
  };
  return { io, out };
}
