import Ajv from 'ajv';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { caseAt, caseClock, RULE_CASES, type RuleCase } from '../cases/ruleCases';
import { projectRoot, cleanReportText, seedText, TEST_NOW } from '../helpers';
import { runCli } from './cliHarness';
import { ruleDocsBaseUrl } from '../../server/src/cli/ruleDocsUrl';
import { readPackageLinks } from '../../server/src/node/ruleDocs';

const work = mkdtempSync(join(tmpdir(), 'increport-cli-'));
after(() => rmSync(work, { recursive: true, force: true }));
const write = (name: string, content: string | Buffer) => {
  const path = join(work, name);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, content);
  return path;
};

interface JsonFinding {
  ruleId: string;
  severity: string;
  message: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}
interface JsonOutput {
  files: { path: string; error?: string; findings: JsonFinding[] }[];
  summary: { errors: number; warnings: number };
}

test('cli: the seed report has no error or warning (exit 0); its notes are the v18.1 Defense Evasion row and two undated phases', () => {
  const run = runCli(['check', 'examples/microsoft-mfa-outage.md']);
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /:27:5 +info +'Defense Evasion' is the ATT&CK v18\.1 name of TA0005: v19\.2 renamed it 'Stealth' .* +attack-migration\n/);
  assert.match(run.stdout, /:17:5 +info +Phase 'Data Exfiltration\/Impact' has no date, .* +timeline-undated\n/);
  assert.match(run.stdout, /:19:5 +info +Phase 'Detection & Response' has no date, .* +timeline-undated\n/);
  assert.match(run.stdout, /3 problems \(3 info\) in the 1 file checked/);
});

test('cli: the examples folder shows located findings for each broken example and none for the seed', () => {
  const run = runCli(['check', 'examples/']);
  assert.equal(run.status, 1);
  for (const example of ['structure', 'fields', 'values', 'placeholders', 'attack', 'dates', 'iocs'])
    assert.match(run.stdout, new RegExp(`examples/broken/${example}\\.md:\\d+:\\d+ `));
  // The two realistic examples are v18-era reports: notes on what ATT&CK v19.2 changed (and on the seed's undated
  // phases), never a warning or an error.
  for (const example of ['microsoft-mfa-outage', 'northwind-ransomware-intrusion']) {
    const lines = run.stdout.split('\n').filter((line) => line.includes(`${example}.md:`) && /\d+:\d+ /.test(line));
    assert.ok(lines.length > 0, example);
    for (const line of lines) assert.match(line, / info .* (?:attack-migration|timeline-undated)$/, line);
  }
  assert.match(run.stdout, /examples\/broken\/fields\.md:7:4 +error +Field 'Incident Date' is missing from section 'Incident Details' +field-missing/);
  assert.match(
    run.stdout,
    /examples\/broken\/attack\.md:69:21 +warning +T1560\.001 \(Archive via Utility\) is not part of the Exfiltration tactic; it belongs to Collection +attack-technique-tactic/,
  );
  assert.match(run.stdout, /examples\/broken\/dates\.md:39:18 +error +Impossible date '2026-09-31': September has 30 days +date-invalid/);
  assert.match(
    run.stdout,
    /examples\/broken\/iocs\.md:70:5 +info +Live documentation address '203\.0\.113\.58' \(203\.0\.113\.0\/24, RFC 5737\): it is no host on the Internet.* +ioc-live-reserved/,
  );
  // examples/dialects/: clean reports in other dialects, and a broken variant (examples/dialects/broken/).
  assert.doesNotMatch(
    run.stdout,
    /examples\/dialects\/(?:attack-headings|attack-table|headings-and-keys|tables|timeline-table)\.md:\d+/,
    'the clean dialect examples have no finding',
  );
  assert.match(
    run.stdout,
    /examples\/dialects\/broken\/attack-table\.md:27:3 +error +'Credential Acess' is not a tactic in ATT&CK v19\.2; did you mean 'Credential Access'\? +attack-tactic-unknown/,
  );
  assert.match(
    run.stdout,
    /examples\/dialects\/broken\/attack-table\.md:38:1 +warning +This table is not read as ATT&CK tactic rows: .* +section-unrecognised/,
  );
  assert.match(
    run.stdout,
    /examples\/dialects\/broken\/tables\.md:40:12 +error +Invalid SHA-256 hash '5f2b7c1d[0-9a-f]+': SHA-256 hashes have 64 hex digits; this has 63 +ioc-hash-invalid/,
  );
  assert.match(run.stdout, /examples\/dialects\/broken\/timeline-table\.md:16:3 +error +Impossible date '2026-06-31': June has 30 days +date-invalid/);
  assert.match(
    run.stdout,
    /examples\/dialects\/broken\/attack-headings\.md:27:5 +error +'Credential Acess' is not a tactic in ATT&CK v19\.2; did you mean 'Credential Access'\? +attack-tactic-unknown/,
  );
  assert.match(run.stdout, /in 13 of the 18 files checked\n/);
  assert.doesNotMatch(run.stdout, /\u001b\[/, 'no colour when not a terminal');
});

test('cli: colour only when forced (FORCE_COLOR) for non-terminals', () => {
  assert.match(runCli(['check', 'examples/broken/fields.md'], { env: { FORCE_COLOR: '1' } }).stdout, /\u001b\[/);
  assert.doesNotMatch(runCli(['check', '--no-color', 'examples/broken/fields.md'], { env: { FORCE_COLOR: '1' } }).stdout, /\u001b\[/);
});

function runCases(cases: RuleCase[], clockIso: string, folder: string): void {
  const clock = caseClock(new Date(clockIso));
  // The cases are the seed's, a v18-era report, as the engine tests run them (test/helpers.ts engine()):
  // the folder's configuration chooses ATT&CK v18.1, which also runs attack.version through the executable.
  write(`${folder}/.increport.yaml`, 'attack:\n  version: "18.1"\n');
  const built = cases.map((ruleCase) => caseAt(ruleCase, seedText(), clock));
  const files = built.map((ruleCase, index) => write(`${folder}/case-${index}.md`, ruleCase.text));
  const run = runCli(['check', '--format', 'json', ...files], { env: { INCREPORT_NOW: clockIso } });
  const output = JSON.parse(run.stdout) as JsonOutput;
  const range = (f: JsonFinding) => `${f.range.start.line}:${f.range.start.character}-${f.range.end.line}:${f.range.end.character}`;
  cases.forEach((ruleCase, index) => {
    const actual = output.files[index].findings.map((f) => `${range(f)} ${f.severity} ${f.ruleId} ${f.message}`);
    assert.deepEqual(actual, built[index].expected, `${ruleCase.name} (INCREPORT_NOW=${clockIso})`);
  });
  assert.equal(run.status, 1);
}

test('cli: the shared rule cases give the same findings through the executable (json format)', () => {
  runCases(RULE_CASES, TEST_NOW.toISOString(), 'cases');
});

test('cli: INCREPORT_NOW fixes the clock: the date cases give the same findings at 2030-01-01 and 2026-01-01', () => {
  const dateCases = RULE_CASES.filter((ruleCase) => ruleCase.dates);
  runCases(dateCases, '2030-01-01T00:00:00Z', 'dates-2030');
  runCases(dateCases, '2026-01-01', 'dates-2026');
});

test('cli: an unusable INCREPORT_NOW is a clear error (exit 2), not a silent fallback to the real clock', () => {
  const run = runCli(['check', 'examples/microsoft-mfa-outage.md'], { env: { INCREPORT_NOW: 'next tuesday' } });
  assert.equal(run.status, 2);
  assert.equal(run.stdout, '');
  assert.equal(
    run.stderr,
    "increport: INCREPORT_NOW is 'next tuesday'; expected an ISO 8601 date or date-time such as 2026-06-01, 2026-06-01T12:00Z or 2026-06-01T14:00+02:00\n",
  );
});

test('cli: SARIF output validates against the OASIS SARIF 2.1.0 schema', () => {
  const run = runCli(['check', '--format', 'sarif', 'examples/broken/structure.md', 'examples/microsoft-mfa-outage.md']);
  assert.equal(run.status, 1);
  const sarif = JSON.parse(run.stdout) as {
    runs: {
      tool: { driver: { rules: { id: string; helpUri?: string; help?: { text: string; markdown: string } }[] } };
      results: { ruleId: string; level: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: Record<string, number> } }[] }[];
    }[];
  };
  const schema = JSON.parse(readFileSync(join(projectRoot(), 'test/fixtures/standards/sarif-schema-2.1.0.json'), 'utf8')) as object;
  const validate = new Ajv({ strict: false, validateFormats: false }).compile(schema);
  assert.ok(validate(sarif), JSON.stringify(validate.errors?.slice(0, 3)));
  const [sarifRun] = sarif.runs;
  // Help inline from docs/rules; no helpUri while package.json names no public homepage or repository.
  const docsBase = ruleDocsBaseUrl(readPackageLinks(projectRoot()));
  for (const rule of sarifRun.tool.driver.rules) {
    assert.equal(rule.help?.markdown, readFileSync(join(projectRoot(), 'docs', 'rules', `${rule.id}.md`), 'utf8'), rule.id);
    assert.ok(rule.help.text.length > 0, rule.id);
    assert.equal(rule.helpUri, docsBase === '' ? undefined : `${docsBase}${rule.id}.md`, rule.id);
  }
  const duplicate = sarifRun.results.find((result) => result.ruleId === 'section-duplicate')!;
  assert.equal(duplicate.level, 'error');
  assert.equal(duplicate.locations[0].physicalLocation.artifactLocation.uri, 'examples/broken/structure.md');
  assert.deepEqual(duplicate.locations[0].physicalLocation.region, { startLine: 28, startColumn: 4, endLine: 28, endColumn: 22 });
  assert.ok(sarifRun.results.some((result) => result.level === 'note'));
});

test('cli: unreadable inputs are reported per file and the other files are still checked (exit 2)', () => {
  const binary = write('bad/binary.md', Buffer.from([0x23, 0x20, 0x00, 0x01, 0x02]));
  const invalidUtf8 = write('bad/latin1.md', Buffer.from([0x23, 0x20, 0x63, 0x61, 0x66, 0xe9, 0x0a]));
  const huge = write('bad/huge.md', Buffer.alloc(10 * 1024 * 1024 + 1, 0x61));
  const empty = join(work, 'empty-folder');
  mkdirSync(empty, { recursive: true });
  const run = runCli(['check', '--format', 'json', join(work, 'missing.md'), binary, invalidUtf8, huge, empty, 'examples/broken/fields.md']);
  assert.equal(run.status, 2);
  const output = JSON.parse(run.stdout) as JsonOutput;
  assert.deepEqual(
    output.files.map((file) => file.error),
    [
      'File not found',
      'Binary file: not a Markdown report',
      'File is not valid UTF-8 at line 1, column 6 (byte offset 5): a character cut short by byte 0x0A (byte E9)',
      'File is larger than the 10 MiB limit',
      'No Markdown files found in this folder',
      undefined,
    ],
  );
  assert.equal(output.files[5].findings.length, 3);
});

test('cli: folders skip non-report Markdown, and --verbose says so', () => {
  write('mixed/notes.md', '# Meeting notes\n\nNothing to see.\n');
  write('mixed/report.md', cleanReportText());
  write('mixed/node_modules/pkg/report.md', 'ignored');
  const run = runCli(['check', '--verbose', join(work, 'mixed')]);
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.match(run.stderr, /skipped .*mixed\/notes\.md: not an incident report/);
  assert.match(run.stdout, /No problems \(1 file checked\)/);
});

test('cli: globs, standard input and --stdin-filename', () => {
  const glob = runCli(['check', '--format', 'json', 'examples/broken/f*.md']);
  assert.deepEqual(
    (JSON.parse(glob.stdout) as JsonOutput).files.map((file) => file.path),
    ['examples/broken/fields.md'],
  );
  const stdin = runCli(['check', '--format', 'json', '--stdin-filename', 'incidents/new.md', '-'], {
    input: readFileSync(join(projectRoot(), 'examples/broken/fields.md')),
  });
  assert.equal(stdin.status, 1);
  const output = JSON.parse(stdin.stdout) as JsonOutput;
  assert.equal(output.files[0].path, 'incidents/new.md');
  assert.equal(output.files[0].findings.length, 3);
});

test('cli: --max-warnings and --quiet', () => {
  const file = write('warn.md', cleanReportText().replace('Global (Impact reported across multiple regions)', 'TBD'));
  assert.equal(runCli(['check', file]).status, 0);
  const over = runCli(['check', '--max-warnings', '0', file]);
  assert.equal(over.status, 1);
  assert.match(over.stderr, /1 warning, more than --max-warnings 0/);
  assert.match(runCli(['check', '--quiet', file]).stdout, /^✔ No errors \(1 file checked; 1 warning not shown: --quiet shows errors only\)\n$/);
  assert.equal(runCli(['check', '--quiet', '--max-warnings', '0', file]).status, 1, '--max-warnings counts the warnings --quiet hides');
});

test('cli: an invalid configuration is exit 2 with file:line:col', () => {
  const folder = join(work, 'badconfig');
  write('badconfig/.increport.yaml', 'rules:\n  no-such-rule: off\n');
  write('badconfig/r.md', cleanReportText());
  const run = runCli(['check', folder]);
  assert.equal(run.status, 2);
  assert.match(run.stderr, /invalid configuration: .*badconfig\/\.increport\.yaml:2:3: Unknown rule \(a name of 12 characters\)/);
});

test('cli: usage errors are exit 2 with help; --help and --version are exit 0', () => {
  for (const args of [
    ['check'],
    ['check', '--format', 'xml', 'x.md'],
    ['check', '--bogus', 'x.md'],
    ['frobnicate'],
    ['check', '--max-warnings', '-1', 'x.md'],
  ]) {
    const run = runCli(args);
    assert.equal(run.status, 2, args.join(' '));
    assert.match(run.stderr, /Usage: increport/);
  }
  assert.equal(runCli(['check', '--help']).status, 0);
  // Every command the executable runs is in the help, `lsp` (started by bin/increport.js) included.
  const help = runCli(['--help']);
  assert.equal(help.status, 0);
  for (const command of ['check', 'summary', 'site', 'render', 'export', 'migrate', 'rules', 'lsp'])
    assert.match(help.stdout, new RegExp(`^  ${command}\\b`, 'm'), command);
  assert.match(help.stdout, /^ {2}lsp \[--stdio\] +Run the language server/m);
  assert.match(runCli(['lsp', '--help']).stdout, /^Usage: increport lsp \[--stdio\]/);
  assert.match(runCli(['--version']).stdout, /^\d+\.\d+\.\d+\n$/);
  assert.match(runCli(['rules']).stdout, /^attack-tactic-empty +warning /m);
});

test('cli: -o writes the report to a file', () => {
  const out = join(work, 'out.sarif');
  const run = runCli(['check', '-f', 'sarif', '-o', out, 'examples/broken/fields.md']);
  assert.equal(run.status, 1);
  assert.equal(run.stdout, '');
  assert.equal((JSON.parse(readFileSync(out, 'utf8')) as { version: string }).version, '2.1.0');
});

test('cli: survives the real-world corpus (explicit files, every format)', (context) => {
  const corpus = join(projectRoot(), '..', 'shared', 'corpus');
  const folders = ['reports', 'templates'].map((folder) => join(corpus, folder));
  if (!folders.every((folder) => existsSync(folder))) {
    context.skip(`corpus not found at ${corpus}`);
    return;
  }
  const files = folders.flatMap((folder) =>
    readdirSync(folder)
      .filter((name) => name.endsWith('.md'))
      .map((name) => join(folder, name)),
  );
  for (const format of ['stylish', 'json', 'sarif', 'junit', 'github']) {
    const run = runCli(['check', '--format', format, ...files]);
    assert.ok(run.status === 0 || run.status === 1, `${format}: exit ${run.status}: ${run.stderr}`);
    assert.doesNotMatch(run.stderr, /internal error/);
  }
});

test('cli: include/exclude globs apply to folders and glob arguments; named files are always checked', () => {
  write('globs/.increport.yaml', 'files:\n  include: ["reports/**/*.md"]\n');
  write('globs/reports/team/.increport.yaml', 'files:\n  exclude: ["drafts/**"]\n');
  write('globs/reports/team/a.md', cleanReportText());
  write('globs/reports/team/drafts/b.md', cleanReportText());
  write('globs/notes/c.md', cleanReportText());
  const checked = (args: string[]) =>
    (JSON.parse(runCli(['check', '--format', 'json', ...args], { cwd: join(work, 'globs') }).stdout) as JsonOutput).files.map((file) => file.path);
  assert.deepEqual(checked(['.']), ['reports/team/a.md']);
  assert.deepEqual(checked(['reports/team']), ['reports/team/a.md']);
  assert.deepEqual(checked(['**/*.md']), ['notes/c.md', 'reports/team/a.md']);
  assert.deepEqual(checked(['reports/team/drafts/b.md']), ['reports/team/drafts/b.md']);
});

test('cli: --only-reports skips named files that are not reports (for pre-commit hooks)', () => {
  const notes = write('only/notes.md', '# Meeting notes\n\nTODO: nothing\n');
  const report = write('only/report.md', cleanReportText());
  const run = runCli(['check', '--only-reports', '--verbose', notes, report]);
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.match(run.stderr, /skipped .*only\/notes\.md: not an incident report/);
  assert.match(run.stdout, /No problems \(1 file checked\)/);
});

test('cli: a report with qualified headings, field synonyms and tactic keys with their ID checks clean', () => {
  const run = runCli(['check', 'examples/dialects/headings-and-keys.md']);
  assert.equal(run.status, 0, run.stdout);
  assert.match(run.stdout, /No problems \(1 file checked\)/);
});
