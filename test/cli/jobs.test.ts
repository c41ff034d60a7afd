import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { jobsFor, JOBS_VARIABLE, TINY_INPUT_FILES } from '../../server/src/cli/checkPool';
import { frameLinesOf } from '../../server/src/cli/checkFile';
import { projectRoot, seedText } from '../helpers';
import { runCli } from './cliHarness';

// A tree with every kind of outcome: the examples (clean and broken reports, dialects), a folder whose
// configuration is invalid (said once, its reports not checked), a Markdown file that is not a report
// (skipped, said with --verbose), a binary file, standard input and a missing path.
const work = mkdtempSync(join(tmpdir(), 'increport-jobs-'));
after(() => rmSync(work, { recursive: true, force: true }));
cpSync(join(projectRoot(), 'examples'), join(work, 'examples'), { recursive: true });
mkdirSync(join(work, 'bad'));
writeFileSync(join(work, 'bad', '.increport.yaml'), 'rules:\n  no-such-rule: error\n');
writeFileSync(join(work, 'bad', 'a.md'), seedText());
writeFileSync(join(work, 'bad', 'b.md'), seedText());
writeFileSync(join(work, 'notes.md'), '# Notes\n\nNot a report.\n');
writeFileSync(join(work, 'binary.md'), Buffer.from([0x23, 0x20, 0, 1, 2]));

const ARGS = ['check', '.', '-', 'no-such-folder', '--verbose'];
const FORMATS = ['stylish', 'json', 'sarif', 'junit', 'github'];

for (const format of FORMATS) {
  test(`check --jobs: ${format} output, standard error and exit code are the same bytes for 1, 2 and 3 jobs`, () => {
    const runs = [1, 2, 3].map((jobs) =>
      runCli([...ARGS, '--format', format, '--jobs', String(jobs)], { cwd: work, input: seedText(), env: { FORCE_COLOR: '1' } }),
    );
    assert.ok(runs[0].stdout.length > 1000, runs[0].stderr);
    assert.match(runs[0].stderr, /invalid configuration/);
    assert.match(runs[0].stderr, /skipped notes\.md/);
    for (const run of runs.slice(1)) {
      assert.equal(run.stdout, runs[0].stdout);
      assert.equal(run.stderr, runs[0].stderr);
      assert.equal(run.status, runs[0].status);
    }
  });
}

test('check --jobs: the default comes from INCREPORT_JOBS and gives the same output as one job', () => {
  const one = runCli(['check', '.', '--format', 'json', '--jobs', '1'], { cwd: work });
  const env = runCli(['check', '.', '--format', 'json'], { cwd: work, env: { [JOBS_VARIABLE]: '2' } });
  assert.equal(env.stdout, one.stdout);
  assert.equal(env.status, one.status);
});

test('check --jobs: a value that is not a whole number ≥ 1 is a usage error', () => {
  for (const value of ['0', '-1', '1.5', 'many']) {
    const run = runCli(['check', '.', `--jobs=${value}`], { cwd: work });
    assert.equal(run.status, 2, value);
    assert.match(run.stderr, /--jobs expects a whole number ≥ 1/);
  }
  const fromEnv = runCli(['check', 'examples'], { cwd: work, env: { [JOBS_VARIABLE]: 'lots' } });
  assert.equal(fromEnv.status, 2);
  assert.match(fromEnv.stderr, /INCREPORT_JOBS expects a whole number ≥ 1/);
});

test('jobsFor: tiny inputs run in process unless --jobs says otherwise; never more workers than files', () => {
  assert.equal(jobsFor(TINY_INPUT_FILES - 1, undefined, {}), 1);
  assert.equal(jobsFor(TINY_INPUT_FILES - 1, undefined, { [JOBS_VARIABLE]: '4' }), 1);
  assert.equal(jobsFor(10, 4, {}), 4);
  assert.equal(jobsFor(2, 4, {}), 2);
  assert.equal(jobsFor(5000, undefined, { [JOBS_VARIABLE]: '3' }), 3);
  assert.equal(jobsFor(5000, 1, { [JOBS_VARIABLE]: '3' }), 1);
  assert.ok(jobsFor(5000, undefined, {}) >= 1);
});

test('frameLinesOf keeps only the lines findings start on, whatever the line breaks', () => {
  const at = (line: number) => ({ range: { start: { line, character: 0 }, end: { line, character: 1 } } }) as never;
  assert.deepEqual(frameLinesOf('a\r\nb\rc\nd', [at(1), at(3), at(1)]), { 1: 'b', 3: 'd' });
  assert.deepEqual(frameLinesOf('a\nb', []), {});
  assert.deepEqual(frameLinesOf('a\nb', [at(7)]), {});
});
