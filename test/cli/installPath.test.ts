import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, test } from 'node:test';
import { projectRoot } from '../helpers';
import { runCli } from './cliHarness';

/*
 * Nothing increport prints may reveal where it is installed (the package root): outputs are uploaded
 * from CI (SARIF, JUnit, annotations) and pasted into tickets. Every format and command runs here through
 * the real executable, from a working directory outside the package, on copies of the examples.
 */

const work = realpathSync(mkdtempSync(join(tmpdir(), 'increport-installpath-')));
after(() => rmSync(work, { recursive: true, force: true }));
cpSync(join(projectRoot(), 'examples'), join(work, 'examples'), { recursive: true });

const root = projectRoot();
const forms = [root, realpathSync(root), pathToFileURL(root).href, encodeURI(root)];

function assertNoInstallPath(what: string, ...texts: string[]): void {
  for (const text of texts) {
    for (const form of forms) assert.ok(!text.includes(form), `${what} shows the install path ${form}:\n${text.slice(0, 2000)}`);
  }
}

test('install path: the working directory of these tests is outside the package', () => {
  assert.ok(relative(root, work).startsWith('..'), work);
});

test('install path: no check format shows it, in colour or not, with findings, clean files and unreadable inputs', () => {
  const inputs = ['examples/', 'examples/microsoft-mfa-outage.md', 'missing.md'];
  for (const format of ['stylish', 'json', 'sarif', 'junit', 'github']) {
    const run = runCli(['check', '--format', format, ...inputs], { cwd: work });
    assert.equal(run.status, 2, `${format}: ${run.stderr}`);
    assert.ok(run.stdout.length > 0, format);
    assertNoInstallPath(`check --format ${format}`, run.stdout, run.stderr);
  }
  const coloured = runCli(['check', ...inputs], { cwd: work, env: { FORCE_COLOR: '1' } });
  assertNoInstallPath('check (colour)', coloured.stdout, coloured.stderr);
  const written = join(work, 'out.sarif');
  const toFile = runCli(['check', '-f', 'sarif', '-o', written, 'examples/broken/fields.md'], { cwd: work });
  assert.equal(toFile.status, 1, toFile.stderr);
  assertNoInstallPath('check -o out.sarif', toFile.stdout, toFile.stderr, readFileSync(written, 'utf8'));
  const stdin = runCli(['check', '-'], { cwd: work, input: readFileSync(join(work, 'examples/broken/values.md')) });
  assertNoInstallPath('check -', stdin.stdout, stdin.stderr);
});

test('install path: rules, help, version and usage errors do not show it', () => {
  const commands = [
    ['rules'],
    ['--help'],
    [],
    ['--version'],
    ['check', '--help'],
    ['render', '--help'],
    ['export', '--help'],
    ['frobnicate'],
    ['check'],
    ['check', '--format', 'xml', 'x.md'],
  ];
  for (const args of commands) {
    const run = runCli(args, { cwd: work });
    assert.ok(run.stdout.length + run.stderr.length > 0, args.join(' '));
    assertNoInstallPath(`increport ${args.join(' ')}`, run.stdout, run.stderr);
  }
});

test('install path: render and export do not show it', () => {
  const report = 'examples/northwind-ransomware-intrusion.md';
  const runs = [
    runCli(['render', report], { cwd: work }),
    runCli(['render', 'examples/broken/structure.md'], { cwd: work }),
    ...['json', 'stix', 'navigator'].map((format) => runCli(['export', '--format', format, report], { cwd: work })),
    runCli(['export', '--format', 'json', 'examples/broken/fields.md'], { cwd: work }),
  ];
  assert.equal(runs[0].status, 0, runs[0].stderr);
  runs.forEach((run, index) => assertNoInstallPath(`render/export #${index}`, run.stdout, run.stderr));
});
