import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { cleanReportText, TEST_NOW } from '../helpers';
import { BIN } from './cliHarness';

/** Reports in the folder: their JSON output is far more than a pipe holds, so writes go on after the reader left. */
const REPORTS = 200;

test('cli: a reader that closes the output early (`check … | head`) ends the run without a stack trace, exit code 2', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'increport-closed-output-'));
  try {
    for (let index = 0; index < REPORTS; index++) writeFileSync(join(folder, `report-${index}.md`), cleanReportText());
    const child = spawn(process.execPath, [BIN, 'check', folder, '--format', 'json', '--jobs', '1'], {
      env: { ...process.env, INCREPORT_NOW: TEST_NOW.toISOString() },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    // Like `head -c 1`: read the first chunk, then close the pipe.
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', (status) => resolve(status)));
    assert.equal(stderr, '', 'nothing on standard error');
    assert.equal(code, 2, 'the output was not all written');
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
