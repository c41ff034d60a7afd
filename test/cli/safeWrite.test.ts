import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, linkSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { runCheck } from '../../server/src/cli/checkCommand';
import type { CliIo } from '../../server/src/cli/cliIo';
import { runExport } from '../../server/src/cli/exportCommand';
import { runRender } from '../../server/src/cli/renderCommand';
import { cleanReportText, TEST_NOW } from '../helpers';
import { BIN, runCli } from './cliHarness';
import { fakeIo } from './fakeIo';

const root = mkdtempSync(join(tmpdir(), 'increport-safewrite-cli-'));
after(() => rmSync(root, { recursive: true, force: true }));

type Command = (argv: readonly string[], io: CliIo) => Promise<number>;
const COMMANDS: Record<string, Command> = { check: runCheck, render: runRender, export: runExport };

let folders = 0;
/** A fresh folder holding the seed report as r.md (and the other files given). */
function folder(files: Record<string, string> = {}): string {
  const path = join(root, `case-${++folders}`);
  mkdirSync(path);
  writeFileSync(join(path, 'r.md'), cleanReportText());
  for (const [name, content] of Object.entries(files)) writeFileSync(join(path, name), content);
  return path;
}

/** Runs `increport <args>` in-process in `cwd`. */
async function run(cwd: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const { io, out } = fakeIo(cwd);
  const code = await COMMANDS[args[0]](args.slice(1), io);
  return { code, ...out };
}

/** Every file in the folder with its content: what must not change when a write is refused. */
const snapshot = (dir: string) =>
  Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((name) => [name, lstatSync(join(dir, name)).isFile() ? readFileSync(join(dir, name), 'utf8') : 'not a file']),
  );

const ARGS: Record<string, string[]> = { check: ['check', '-f', 'json'], render: ['render'], export: ['export', '-f', 'json'] };

test('safe writes: -o never replaces the report being read, however it is named, even with --overwrite', async () => {
  const dir = folder();
  linkSync(join(dir, 'r.md'), join(dir, 'hard.md'));
  const before = snapshot(dir);
  for (const command of Object.keys(ARGS)) {
    for (const output of ['r.md', './r.md', join(dir, 'r.md'), 'hard.md']) {
      for (const force of [[], ['--overwrite']]) {
        const result = await run(dir, [...ARGS[command], '-o', output, ...force, 'r.md']);
        const what = `${command} -o ${output} ${force.join('')}`;
        assert.equal(result.code, 2, what);
        assert.equal(
          result.stderr,
          `increport ${command}: cannot write ${output}: is one of the reports being read; increport never replaces its input\n`,
          what,
        );
        assert.equal(result.stdout, '', what);
      }
    }
  }
  assert.deepEqual(snapshot(dir), before);
});

test('safe writes: check -o refuses any of the reports it checks, found in a folder or named', async () => {
  const dir = folder({ 'other.md': cleanReportText() });
  mkdirSync(join(dir, 'reports'));
  writeFileSync(join(dir, 'reports', 'a.md'), cleanReportText());
  const before = readFileSync(join(dir, 'reports', 'a.md'), 'utf8');
  for (const args of [
    ['reports', '-o', 'reports/a.md', '--overwrite'],
    ['r.md', 'other.md', '-o', 'other.md', '--overwrite'],
    ['reports', '-o', './reports/../reports/a.md'],
  ]) {
    const result = await run(dir, ['check', ...args]);
    assert.equal(result.code, 2, args.join(' '));
    assert.match(result.stderr, /^increport check: cannot write .*: is one of the reports being read/);
  }
  assert.equal(readFileSync(join(dir, 'reports', 'a.md'), 'utf8'), before);
  assert.equal(readFileSync(join(dir, 'other.md'), 'utf8'), cleanReportText());
});

test('safe writes: an existing output is refused without --overwrite (unchanged) and replaced with it', async () => {
  for (const command of Object.keys(ARGS)) {
    const dir = folder({ 'out.txt': 'previous\n' });
    const refused = await run(dir, [...ARGS[command], '-o', 'out.txt', 'r.md']);
    assert.deepEqual(
      [refused.code, refused.stderr],
      [2, `increport ${command}: cannot write out.txt: already exists; add --overwrite to replace it\n`],
      command,
    );
    assert.equal(readFileSync(join(dir, 'out.txt'), 'utf8'), 'previous\n');
    const replaced = await run(dir, [...ARGS[command], '-o', 'out.txt', '--overwrite', 'r.md']);
    assert.equal(replaced.code, 0, `${command}: ${replaced.stderr}`);
    const toStdout = await run(dir, [...ARGS[command], 'r.md']);
    assert.equal(readFileSync(join(dir, 'out.txt'), 'utf8'), toStdout.stdout, command);
    assert.deepEqual(readdirSync(dir).sort(), ['out.txt', 'r.md'], 'no temporary file left');
  }
});

test('safe writes: a symbolic link, a folder or a missing folder as -o is refused and nothing is created', async () => {
  const dir = folder({ 'victim.txt': 'keep me\n' });
  symlinkSync('victim.txt', join(dir, 'link.html'));
  symlinkSync('created.txt', join(dir, 'dangling.html'));
  mkdirSync(join(dir, 'folder.html'));
  const before = snapshot(dir);
  const cases: [string, string][] = [
    ['link.html', 'is a symbolic link; increport does not write through links'],
    ['dangling.html', 'is a symbolic link; increport does not write through links'],
    ['folder.html', 'is a folder'],
    ['missing/out.html', 'no such folder (create it first)'],
  ];
  for (const [output, reason] of cases) {
    for (const command of Object.keys(ARGS)) {
      const result = await run(dir, [...ARGS[command], '-o', output, '--overwrite', 'r.md']);
      assert.deepEqual([result.code, result.stderr], [2, `increport ${command}: cannot write ${output}: ${reason}\n`]);
    }
  }
  assert.deepEqual(snapshot(dir), before);
  assert.equal(existsSync(join(dir, 'created.txt')), false);
});

test('safe writes: the real executable refuses export -f json -o r.md r.md and leaves r.md byte for byte', () => {
  const dir = folder();
  const run = runCli(['export', '-f', 'json', '-o', 'r.md', 'r.md'], { cwd: dir });
  assert.deepEqual(
    [run.status, run.stdout, run.stderr],
    [2, '', 'increport export: cannot write r.md: is one of the reports being read; increport never replaces its input\n'],
  );
  assert.equal(readFileSync(join(dir, 'r.md'), 'utf8'), cleanReportText());
  assert.deepEqual(readdirSync(dir), ['r.md']);
});

/** A report of about 400 kB: rendering it takes a moment, and the HTML is written at the end. */
function bigReport(): string {
  const paragraph = 'The team reviewed the sign-in logs and confirmed that the service recovered after the change was rolled back.\n\n';
  return `${cleanReportText()}\n## Notes\n\n${paragraph.repeat(Math.ceil(400_000 / paragraph.length))}`;
}

const PREVIOUS = '<!-- the previous render -->\n';

/** `increport render big.md -o out.html --overwrite`, SIGKILLed after `delayMs`, or when `killWhen` says so; resolves with its exit code (null when killed). */
function renderAndKill(dir: string, kill: { delayMs?: number; killWhen?: () => boolean }): Promise<number | null> {
  writeFileSync(join(dir, 'out.html'), PREVIOUS);
  const env = { ...process.env, NO_COLOR: '', INCREPORT_NOW: TEST_NOW.toISOString() };
  const child = spawn(process.execPath, [BIN, 'render', 'big.md', '-o', 'out.html', '--overwrite'], { cwd: dir, env, stdio: 'ignore' });
  return new Promise((resolve) => {
    let timer: NodeJS.Timeout | undefined;
    const poll = () => {
      if (child.exitCode !== null) return;
      if (kill.killWhen?.()) child.kill('SIGKILL');
      else timer = setTimeout(poll, 1);
    };
    if (kill.delayMs !== undefined) timer = setTimeout(() => child.kill('SIGKILL'), kill.delayMs);
    else poll();
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

test(
  'safe writes: render killed at any moment leaves out.html as it was or complete, never empty or cut',
  { timeout: 60_000, skip: process.platform === 'win32' },
  async (t) => {
    const dir = folder({ 'big.md': bigReport() });
    const startedAt = Date.now();
    assert.equal(await renderAndKill(dir, {}), 0, 'a run that is not killed');
    const naturalMs = Date.now() - startedAt;
    const complete = readFileSync(join(dir, 'out.html'), 'utf8');
    assert.match(complete, /^<!DOCTYPE html>[^]*<\/html>\n$/);
    const outcomes: string[] = [];
    const check = (when: string) => {
      const now = readFileSync(join(dir, 'out.html'), 'utf8');
      assert.ok(
        now === PREVIOUS || now === complete,
        `${when}: out.html has ${now.length} characters, neither the previous ${PREVIOUS.length} nor the complete ${complete.length}`,
      );
      outcomes.push(now === PREVIOUS ? 'previous' : 'complete');
      for (const name of readdirSync(dir)) if (name.includes('.increport-')) rmSync(join(dir, name));
    };
    // Kills spread over the run, more of them near its end, where the file is written.
    for (const fraction of [0, 0.6, 0.95, 1.05]) {
      await renderAndKill(dir, { delayMs: Math.round(fraction * naturalMs) });
      check(`killed after ${Math.round(fraction * naturalMs)} ms`);
    }
    // And at the moment the write shows: a temporary file appears (or, were the write not atomic, out.html changes).
    const writing = () => readdirSync(dir).some((name) => name.includes('.increport-')) || statSync(join(dir, 'out.html')).size !== PREVIOUS.length;
    const code = await renderAndKill(dir, { killWhen: writing });
    check(`killed while writing (exit ${code})`);
    assert.equal(outcomes[0], 'previous', 'a kill right away leaves the previous file');
    t.diagnostic(`natural run ${naturalMs} ms; outcomes ${outcomes.join(', ')}`);
  },
);
