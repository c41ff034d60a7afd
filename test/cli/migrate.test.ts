import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { cleanReportText, projectRoot, seedText } from '../helpers';
import { runCli } from './cliHarness';

const work = mkdtempSync(join(tmpdir(), 'increport-migrate-'));
after(() => rmSync(work, { recursive: true, force: true }));

const NORTHWIND = readFileSync(join(projectRoot(), 'examples', 'northwind-ransomware-intrusion.md'), 'utf8');

/** A folder of reports: two v18-era ones, one already written for v19, and a note that is not a report. */
function repository(name: string): string {
  const folder = join(work, name);
  mkdirSync(join(folder, 'reports'), { recursive: true });
  writeFileSync(join(folder, '.increport.yaml'), 'root: true\n');
  writeFileSync(join(folder, 'reports', 'mfa.md'), seedText());
  writeFileSync(join(folder, 'reports', 'northwind.md'), NORTHWIND);
  writeFileSync(join(folder, 'reports', 'current.md'), cleanReportText());
  writeFileSync(join(folder, 'reports', 'notes.md'), '# Meeting notes\n\nDefense Evasion was discussed.\n');
  return folder;
}

const read = (folder: string, name: string) => readFileSync(join(folder, 'reports', name), 'utf8');

test('cli migrate: without --write it says what would change, per report and in total, and writes nothing', () => {
  const folder = repository('dry');
  const run = runCli(['migrate', '--attack', '19.2', 'reports'], { cwd: folder });
  assert.equal(run.stderr, '');
  assert.equal(run.status, 0);
  assert.equal(
    run.stdout,
    [
      'reports/current.md: nothing to migrate',
      'reports/mfa.md: would migrate (1 tactic row rewritten)',
      'reports/northwind.md: would migrate (1 tactic row rewritten, 1 revoked ID replaced)',
      '',
      '3 reports read, 2 to migrate to ATT&CK v19.2: 2 tactic rows rewritten, 1 revoked ID replaced. Nothing was written: run again with --write to apply.',
      '',
    ].join('\n'),
  );
  assert.equal(read(folder, 'mfa.md'), seedText());
  assert.equal(read(folder, 'northwind.md'), NORTHWIND);
});

test('cli migrate: --write rewrites the v18-era reports, which then check clean; a second run has nothing to do', () => {
  const folder = repository('write');
  const run = runCli(['migrate', '--attack', 'v19.2', '--write', 'reports'], { cwd: folder });
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /^reports\/northwind\.md: migrated \(1 tactic row rewritten, 1 revoked ID replaced\)$/m);
  assert.match(run.stdout, /2 migrated to ATT&CK v19\.2/);
  assert.equal(read(folder, 'current.md'), cleanReportText(), 'a report already in v19 is not rewritten');
  assert.equal(read(folder, 'notes.md'), '# Meeting notes\n\nDefense Evasion was discussed.\n', 'a file that is not a report is not touched');
  assert.match(read(folder, 'northwind.md'), /^- \*\*Defense Impairment:\*\* T1685 Disable or Modify Tools$/m);
  assert.doesNotMatch(read(folder, 'mfa.md') + read(folder, 'northwind.md'), /Defense Evasion/);

  const check = runCli(['check', 'reports'], { cwd: folder });
  assert.equal(check.status, 0, check.stdout);
  assert.doesNotMatch(check.stdout, /attack-migration/);
  const again = runCli(['migrate', '--attack', '19.2', '--write', 'reports'], { cwd: folder });
  assert.match(again.stdout, /3 reports read, 0 migrated to ATT&CK v19\.2\.\n$/);
});

test('cli migrate: a front matter `attack: v18.1` is set to v19.2; a configuration that pins v18.1 is pointed out', () => {
  const folder = repository('pinned');
  writeFileSync(join(folder, 'reports', 'mfa.md'), `---\nattack: v18.1\n---\n${seedText()}`);
  writeFileSync(join(folder, '.increport.yaml'), 'root: true\nattack:\n  version: "18.1"\n');
  const run = runCli(['migrate', '--attack', '19.2', '--write', 'reports/mfa.md', 'reports/northwind.md'], { cwd: folder });
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /^reports\/mfa\.md: migrated \(1 tactic row rewritten, front matter attack: set to v19\.2\)$/m);
  assert.match(read(folder, 'mfa.md'), /^---\nattack: v19\.2\n---\n/);
  assert.match(
    run.stdout,
    /^ {2}note: its configuration chooses ATT&CK v18\.1 \(attack\.version\): set it to 19\.2 to check the migrated report against v19\.2$/m,
  );
});

test('cli migrate: usage problems and unreadable paths exit 2 with a message, and write nothing', () => {
  const folder = repository('usage');
  const cases: Array<[string[], RegExp]> = [
    [['migrate', 'reports'], /^increport migrate: --attack is required: the version to migrate to \(19\.2\)\n/],
    [['migrate', '--attack', '18.1', 'reports'], /^increport migrate: cannot migrate to ATT&CK '18\.1': reports migrate from v18\.1 to v19\.2/],
    [['migrate', '--attack', '19.2'], /^increport migrate: name the reports to migrate \(files, folders or globs\)\n/],
    [['migrate', '--attack', '19.2', '--write', '-'], /'-' \(standard input\) cannot be migrated in place/],
    [['migrate', '--attack', '19.2', '--write', 'reports/missing.md'], /^increport migrate: reports\/missing\.md: /],
  ];
  for (const [args, message] of cases) {
    const run = runCli(args, { cwd: folder });
    assert.equal(run.status, 2, args.join(' '));
    assert.match(run.stderr, message, args.join(' '));
  }
  assert.equal(read(folder, 'mfa.md'), seedText());
  const help = runCli(['migrate', '--help'], { cwd: folder });
  assert.equal(help.status, 0);
  assert.match(help.stdout, /^Usage: increport migrate --attack <version> \[--write\]/);
});

test('cli migrate: a report whose ATT&CK mapping is a table is migrated row by row, then checks clean', () => {
  const folder = join(work, 'table');
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, '.increport.yaml'), 'root: true\n');
  const mapping = [
    '| Tactic | Technique |',
    '|---|---|',
    '| Initial Access | T1566.001 Spearphishing Attachment |',
    '| Defense Evasion | T1027 Obfuscated Files or Information, T1562.001 Disable or Modify Tools |',
  ].join('\n');
  writeFileSync(
    join(folder, 'table.md'),
    cleanReportText().replace(/(## Attack Methodology\n)[\s\S]*?(\n## )/, (_, heading: string, next: string) => `${heading}${mapping}\n${next}`),
  );
  const run = runCli(['migrate', '--attack', '19.2', '--write', 'table.md'], { cwd: folder });
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /^table\.md: migrated \(1 tactic row rewritten, 1 revoked ID replaced\)$/m);
  const migrated = readFileSync(join(folder, 'table.md'), 'utf8');
  assert.match(migrated, /^\| Stealth \| T1027 Obfuscated Files or Information \|\n\| Defense Impairment \| T1685 Disable or Modify Tools \|$/m);
  const check = runCli(['check', 'table.md'], { cwd: folder });
  assert.equal(check.status, 0, check.stdout);
});
