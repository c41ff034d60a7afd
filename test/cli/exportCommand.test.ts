import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EXPORT_USAGE, runExport } from '../../server/src/cli/exportCommand';
import { fakeIo } from './fakeIo';
import { projectRoot } from '../helpers';
import { NORTHWIND, SEED, readExample } from '../unit/export/exportHelpers';

interface FakeRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** runExport in-process with a fake CliIo (the spawned style is test/cli/cliHarness.ts). */
async function run(argv: string[], options: { cwd?: string; stdin?: string } = {}): Promise<FakeRun> {
  const { io, out } = fakeIo(options.cwd ?? projectRoot(), options.stdin);
  const code = await runExport(argv, io);
  return { code, ...out };
}

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'increport-export-'));
}

test('export: every format writes JSON to stdout and exits 0', async () => {
  const json = await run(['--format', 'json', NORTHWIND]);
  assert.equal(json.code, 0, json.stderr);
  assert.equal(json.stderr, '');
  assert.ok(json.stdout.endsWith('}\n'));
  assert.equal(JSON.parse(json.stdout).source.path, NORTHWIND);
  const stix = await run(['-f', 'stix', NORTHWIND]);
  assert.equal(stix.code, 0, stix.stderr);
  assert.equal(JSON.parse(stix.stdout).type, 'bundle');
  const navigator = await run(['--format=navigator', SEED]);
  assert.equal(navigator.code, 0, navigator.stderr);
  assert.equal(JSON.parse(navigator.stdout).versions.layer, '4.5');
  // Byte-identical across runs.
  assert.equal((await run(['-f', 'stix', NORTHWIND])).stdout, stix.stdout);
});

test('export: refuses a report with errors (exit 2) unless --force', async () => {
  const broken = 'examples/broken/structure.md';
  const refused = await run(['--format', 'stix', broken]);
  assert.equal(refused.code, 2);
  assert.equal(refused.stdout, '');
  assert.match(
    refused.stderr,
    /^increport: examples\/broken\/structure\.md has \d+ errors; not exporting it\. Run 'increport check examples\/broken\/structure\.md' to see them, or add --force to export anyway\.\n$/,
  );
  const errorCount = Number(/has (\d+) errors/.exec(refused.stderr)?.[1]);
  const forced = await run(['--format', 'json', '--force', broken]);
  assert.equal(forced.code, 0);
  assert.match(forced.stderr, /warning: exporting examples\/broken\/structure\.md despite \d+ errors \(--force\)/);
  assert.equal(JSON.parse(forced.stdout).findings.errors, errorCount, 'the message counts the errors the export reports');
  // One error: singular.
  const single = await run(['-f', 'navigator', 'examples/broken/fields.md']);
  assert.equal(single.code, 2);
  assert.match(single.stderr, /has 1 error;/);
  // Warnings alone do not block an export.
  assert.equal((await run(['-f', 'json', 'examples/broken/placeholders.md'])).code, 0);
});

test('export: -o writes the file (and nothing to stdout); an unwritable output exits 2', async () => {
  const dir = tempDir();
  try {
    const out = path.join(dir, 'layer.json');
    const result = await run(['--format', 'navigator', NORTHWIND, '-o', out]);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, '');
    assert.equal(JSON.parse(fs.readFileSync(out, 'utf8')).name, 'Incident Report: Akira-Style Ransomware Intrusion at Northwind Manufacturing');
    // Relative to the working directory.
    fs.copyFileSync(path.join(projectRoot(), SEED), path.join(dir, 'seed.md'));
    const relative = await run(['-f', 'json', 'seed.md', '--output', 'seed.json'], { cwd: dir });
    assert.equal(relative.code, 0, relative.stderr);
    assert.equal(JSON.parse(fs.readFileSync(path.join(dir, 'seed.json'), 'utf8')).source.path, 'seed.md');
    const unwritable = await run(['-f', 'json', 'seed.md', '-o', path.join(dir, 'no', 'such', 'dir', 'x.json')], { cwd: dir });
    assert.equal(unwritable.code, 2);
    assert.match(unwritable.stderr, /^increport export: cannot write .*x\.json: no such folder/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('export: usage errors exit 2 with the usage text', async () => {
  for (const argv of [
    ['--format', 'xml', NORTHWIND],
    ['--format', 'sarif', NORTHWIND],
    [NORTHWIND],
    ['--format', 'json'],
    ['--format', 'json', NORTHWIND, SEED],
    ['--format', 'json', '--producer', 'CERT', NORTHWIND],
    ['--format', 'json', '--bogus', NORTHWIND],
  ]) {
    const result = await run(argv);
    assert.equal(result.code, 2, argv.join(' '));
    assert.equal(result.stdout, '');
    assert.ok(result.stderr.startsWith('increport: ') && result.stderr.endsWith(EXPORT_USAGE), result.stderr);
  }
  assert.match((await run(['--format', 'xml', NORTHWIND])).stderr, /unknown export format 'xml' \(expected one of: json, stix, navigator\)/);
  const help = await run(['--help']);
  assert.deepEqual([help.code, help.stdout, help.stderr], [0, EXPORT_USAGE, '']);
});

test('export: a missing or unreadable report exits 2', async () => {
  const missing = await run(['-f', 'json', 'no-such-report.md']);
  assert.deepEqual([missing.code, missing.stderr], [2, 'increport: cannot export no-such-report.md: File not found\n']);
  const directory = await run(['-f', 'json', 'examples']);
  assert.equal(directory.code, 2);
  assert.match(directory.stderr, /Not a regular file \(a directory\)/);
});

test('export: an invalid configuration exits 2', async () => {
  const dir = tempDir();
  try {
    fs.writeFileSync(path.join(dir, '.increport.yaml'), 'rules:\n  no-such-rule: error\n');
    fs.writeFileSync(path.join(dir, 'report.md'), readExample(SEED));
    const result = await run(['-f', 'json', 'report.md'], { cwd: dir });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /^increport: invalid configuration: /);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('export: standard input, and --producer for stix', async () => {
  const fromStdin = await run(['-f', 'stix', '--producer', 'Example CERT', '-'], { stdin: readExample(NORTHWIND) });
  assert.equal(fromStdin.code, 0, fromStdin.stderr);
  const bundle = JSON.parse(fromStdin.stdout) as { objects: { type: string; name?: string; created_by_ref?: string; id: string }[] };
  const producer = bundle.objects.find((object) => object.name === 'Example CERT')!;
  assert.ok(bundle.objects.filter((o) => o.type === 'incident').every((o) => o.created_by_ref === producer.id));
  const json = await run(['-f', 'json', '-'], { stdin: readExample(SEED) });
  assert.equal(JSON.parse(json.stdout).source.path, '<stdin>');
  const named = await run(['-f', 'json', '--stdin-filename', 'reports/x.md', '-'], { stdin: readExample(SEED) });
  assert.equal(JSON.parse(named.stdout).source.path, 'reports/x.md');
  const brokenStdin = await run(['-f', 'json', '-'], { stdin: readExample('examples/broken/values.md') });
  assert.equal(brokenStdin.code, 2);
  assert.match(brokenStdin.stderr, /Run 'increport check -' to see them/);
});
