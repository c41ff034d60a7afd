import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { cleanReportText, defaultVersionEngine, projectRoot, TEST_NOW } from '../helpers';

/*
 * The language server from a real non-VS Code client: Debian's Neovim (0.7), headless, with the Lua init
 * test/neovim/init.lua driving its built-in LSP client against `increport lsp --stdio` (docs/editors.md).
 * scripts/setup-test-env.sh installs Neovim; without it the test is skipped and says so.
 */

interface NeovimDiagnostic {
  code: string;
  lnum: number;
  severity: number;
  message: string;
}
interface NeovimResult {
  nvim: string;
  error?: string;
  diagnostics?: NeovimDiagnostic[];
  completion?: string[];
  hover?: string;
  actions?: string[];
  fixed_line?: string;
  fix_cleared?: boolean;
  diagnostics_after?: NeovimDiagnostic[];
}

const nvimMissing = spawnSync('nvim', ['--version'], { encoding: 'utf8' }).status !== 0;
const SKIP = nvimMissing && 'nvim is not installed (scripts/setup-test-env.sh installs Debian’s neovim; run it, or `apt-get install neovim`)';

const reportText = () => cleanReportText().replace('- **Initial Access:** N/A', '- **Initial Access:** T1566.002 Spearphishing Attachment');

function runNeovim(folder: string, report: string, resultFile: string): Promise<void> {
  const child = spawn('nvim', ['--headless', '-n', '-i', 'NONE', '-u', join(projectRoot(), 'test', 'neovim', 'init.lua')], {
    cwd: folder,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: {
      ...process.env,
      XDG_CONFIG_HOME: join(folder, '.config'),
      XDG_CACHE_HOME: join(folder, '.cache'),
      XDG_STATE_HOME: join(folder, '.state'),
      XDG_DATA_HOME: join(folder, '.data'),
      INCREPORT_NOW: TEST_NOW.toISOString(),
      INCREPORT_TEST_NODE: process.execPath,
      INCREPORT_TEST_BIN: join(projectRoot(), 'bin', 'increport.js'),
      INCREPORT_TEST_ROOT: folder,
      INCREPORT_TEST_REPORT: report,
      INCREPORT_TEST_RESULT: resultFile,
    },
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`nvim did not finish within 90 s; stderr: ${stderr}`));
    }, 90_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`nvim exited with ${code}; stderr: ${stderr}`));
    });
  });
}

test('neovim: diagnostics, completion after T15, hover and a quick fix through Neovim’s built-in LSP client', { skip: SKIP, timeout: 120_000 }, async () => {
  const folder = mkdtempSync(join(tmpdir(), 'increport-nvim-'));
  try {
    mkdirSync(join(folder, '.git'));
    const report = join(folder, 'report.md');
    const text = reportText();
    writeFileSync(report, text);
    const resultFile = join(folder, 'result.json');
    await runNeovim(folder, report, resultFile);
    const result = JSON.parse(readFileSync(resultFile, 'utf8')) as NeovimResult;
    assert.equal(result.error, undefined, `the Lua script failed: ${result.error}`);

    // vim.diagnostic.get(): exactly the engine's findings, line by line (Neovim's severities are LSP's).
    const expected = defaultVersionEngine()
      .check(text)
      .findings.map((finding) => ({ code: finding.ruleId, lnum: finding.range.start.line, message: finding.message }))
      .sort((a, b) => a.lnum - b.lnum || a.code.localeCompare(b.code));
    assert.deepEqual(
      result.diagnostics?.map(({ code, lnum, message }) => ({ code, lnum, message })),
      expected,
    );
    assert.ok(expected.some((finding) => finding.code === 'attack-technique-name'));

    assert.ok(result.completion && result.completion.length > 0, 'completion items after T15');
    for (const label of result.completion) assert.match(label, /^T15/);

    assert.match(result.hover ?? '', /T1566\.002 Spearphishing Link/);

    assert.equal(result.fixed_line, '- **Initial Access:** T1566.002 Spearphishing Link', `actions offered: ${result.actions?.join(' | ')}`);
    assert.equal(result.fix_cleared, true);
    assert.deepEqual(
      result.diagnostics_after?.filter((diagnostic) => diagnostic.severity === 1),
      [],
    );
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
