import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import Ajv2020 from 'ajv/dist/2020';
import { runCli as runInProcess } from '../../server/src/cli/main';
import type { Register } from '../../server/src/engine/register';
import { projectRoot } from '../helpers';
import { CORPUS_SIZE, corpusReport, writeCorpus } from '../registerCorpus';
import { runCli } from './cliHarness';
import { fakeIo } from './fakeIo';

const root = mkdtempSync(join(tmpdir(), 'increport-summary-'));
after(() => rmSync(root, { recursive: true, force: true }));
writeFileSync(join(root, '.increport.yaml'), 'root: true\n');
const expected = writeCorpus(root);

const registerSchema = JSON.parse(readFileSync(join(projectRoot(), 'schemas', 'register.schema.json'), 'utf8')) as object;
const validateRegister = new Ajv2020({ strict: true, allErrors: true, validateFormats: false }).compile(registerSchema);

async function summary(args: string[], cwd = root): Promise<{ code: number; stdout: string; stderr: string }> {
  const { io, out } = fakeIo(cwd);
  const code = await runInProcess(['summary', ...args], io);
  return { code, ...out };
}

let oneShot: Register | undefined;
async function jsonRegister(): Promise<Register> {
  if (oneShot) return oneShot;
  const run = await summary(['reports', '--format', 'json']);
  assert.equal(run.code, 0, run.stderr);
  return (oneShot = JSON.parse(run.stdout) as Register);
}

test('summary --format json: the register of 200 reports, valid against schemas/register.schema.json', async () => {
  const register = await jsonRegister();
  assert.ok(validateRegister(register), JSON.stringify(validateRegister.errors?.slice(0, 5)));
  assert.equal(register.totals.reports, CORPUS_SIZE);
  assert.deepEqual(
    register.reports.map((row) => row.path),
    expected.map((report) => report.path),
  );
  assert.equal(register.totals.withErrors, expected.filter((report) => report.broken).length);
});

test('summary --from-json: the registers of two shards merge into the one-shot register', async () => {
  const shardA = await summary(['reports/even', '--format', 'json', '-o', 'even.json']);
  const shardB = await summary(['reports/odd', '--format', 'json', '-o', 'odd.json']);
  assert.equal(shardA.code, 0, shardA.stderr);
  assert.equal(shardB.code, 0, shardB.stderr);
  const merged = await summary(['--from-json', 'odd.json', 'even.json', '--format', 'json']);
  assert.equal(merged.code, 0, merged.stderr);
  assert.deepEqual(JSON.parse(merged.stdout), await jsonRegister());
  const table = await summary(['--from-json', 'odd.json', 'even.json']);
  assert.match(table.stdout, new RegExp(`Incident register: ${CORPUS_SIZE} reports`));
});

test('summary --from-json refuses a file that is not a register (a check --format json output)', async () => {
  const check = await runInProcess(['check', 'reports/even/000.md', '--format', 'json', '-o', 'check.json'], fakeIo(root).io);
  assert.equal(check, 0);
  const run = await summary(['--from-json', 'check.json']);
  assert.equal(run.code, 2);
  assert.match(run.stderr, /check\.json is not a register written by 'increport summary --format json'/);
});

test('summary (stylish): a table a terminal can show, reports with errors marked, control characters neutralised', async () => {
  const run = await summary(['reports']);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /^Incident register: 200 reports, \d+ with errors/);
  assert.match(run.stdout, /✖ {2}reports\/odd\/005\.md +IR-2026-0006/);
  assert.match(run.stdout, /Time to detect \(discovery − incident start\): \d+ reports, median/);
  assert.match(run.stdout, /Indicators in more than one report/);
  assert.match(run.stdout, /Dates that could not be read \(20\)/);

  const hostile = mkdtempSync(join(root, 'hostile-'));
  const { text } = corpusReport(1, 'x.md');
  writeFileSync(join(hostile, 'evil.md'), text.replace('id: IR-2026-0002', 'id: "IR\\e[2J\\e]8;;http://x\\aclick\u202e"'));
  const evil = await summary(['.'], hostile);
  assert.equal(evil.code, 0, evil.stderr);
  assert.doesNotMatch(evil.stdout, /[\u001b\u0007\u202e]/);
  assert.match(evil.stdout, /IR\uFFFD\[2J/);
});

test('summary --format csv: RFC 4180 records, one per report; formula-like cells are neutralised', async () => {
  const run = await summary(['reports', '--format', 'csv']);
  assert.equal(run.code, 0, run.stderr);
  const records = run.stdout.split('\r\n');
  assert.equal(records.pop(), '');
  assert.equal(records.length, CORPUS_SIZE + 1);
  assert.match(records[0], /^path,id,title,status,severity,tlp,organization,incident_start,incident_start_line,discovery,/);
  assert.match(records[1], /^reports\/even\/000\.md,IR-2026-0001,Incident Report: Intrusion 1 at Org 0,/);

  const hostile = mkdtempSync(join(root, 'csv-'));
  const { text } = corpusReport(2, 'x.md');
  writeFileSync(
    join(hostile, 'inject.md'),
    text
      .replace('# Incident Report: Intrusion 3 at Org 2', '# =HYPERLINK("http://evil.example","click"), "quoted"')
      .replace('- **Affected Organization:** Org 2', "- **Affected Organization:** +cmd|' /C calc'!A0")
      .replace('status: in-review', 'status: "@SUM(1+1)"')
      .replace('tlp: TLP:AMBER', 'tlp: "-2+3"'),
  );
  const csv = (await summary(['.', '--format', 'csv'], hostile)).stdout.split('\r\n')[1];
  assert.ok(csv.includes(`"'=HYPERLINK(""http://evil.example"",""click""), ""quoted"""`), csv);
  assert.ok(csv.includes(`,'+cmd|' /C calc'!A0,`), csv);
  assert.ok(csv.includes(`,'@SUM(1+1),`), csv);
  assert.ok(csv.includes(`,'-2+3,`), csv);
});

test('summary --format navigator: one layer 4.5, scores = incidents, a gradient, the reports in the comments', async () => {
  const run = await summary(['reports', '--format', 'navigator']);
  assert.equal(run.code, 0, run.stderr);
  const layer = JSON.parse(run.stdout) as {
    versions: Record<string, string>;
    domain: string;
    name: string;
    techniques: { techniqueID: string; tactic: string; score: number; comment: string; color: string }[];
    gradient: { colors: string[]; minValue: number; maxValue: number };
    legendItems: { label: string; color: string }[];
  };
  // The layer format (/work/shared/standards/attack-navigator/layerformat-v4.5.md): name and domain required,
  // versions.layer "4.5", navigator ≥ 4.9.0, a gradient of ≥ 2 colours with maxValue > minValue,
  // techniqueID T#### or T####.###, tactic a shortname; entries and legend items shaped as MITRE's sample.
  assert.equal(layer.versions.layer, '4.5');
  assert.ok(Number.parseInt(layer.versions.navigator, 10) >= 5);
  assert.equal(layer.domain, 'enterprise-attack');
  assert.equal(typeof layer.name, 'string');
  assert.ok(layer.gradient.colors.length >= 2 && layer.gradient.colors.every((color) => /^#[0-9a-f]{6}$/i.test(color)));
  assert.ok(layer.gradient.maxValue > layer.gradient.minValue);
  const sampleFile = join(projectRoot(), '..', 'shared', 'standards', 'attack-navigator', 'sample-Bear_APT.json');
  if (existsSync(sampleFile)) {
    const sample = JSON.parse(readFileSync(sampleFile, 'utf8')) as { techniques: Record<string, unknown>[]; legendItems: Record<string, unknown>[] };
    for (const key of Object.keys(sample.techniques[0]))
      for (const technique of layer.techniques) assert.equal(typeof (technique as Record<string, unknown>)[key], typeof sample.techniques[0][key]);
    for (const key of Object.keys(sample.legendItems[0]))
      for (const item of layer.legendItems) assert.equal(typeof (item as Record<string, unknown>)[key], 'string');
  }
  for (const technique of layer.techniques) {
    assert.match(technique.techniqueID, /^T\d{4}(\.\d{3})?$/);
    assert.match(technique.tactic, /^[a-z-]+$/);
  }
  const count = (id: string) =>
    new Set(expected.filter((report) => report.techniques.some((technique) => technique.id === id)).map((report) => report.path)).size;
  const phishing = layer.techniques.find((technique) => technique.techniqueID === 'T1566.002')!;
  assert.equal(phishing.score, count('T1566.002'));
  assert.equal(layer.gradient.maxValue, Math.max(...layer.techniques.map((technique) => technique.score)));
  assert.match(phishing.comment, /^\d+ incidents: IR-2026-0001 \(reports\/even\/000\.md, line \d+\)/);
});

test('summary -o writes the file atomically and, as other commands, never replaces an existing one without --overwrite', async () => {
  mkdirSync(join(root, 'out'), { recursive: true });
  const first = await summary(['reports/even', '-f', 'csv', '-o', 'out/register.csv']);
  assert.equal(first.code, 0, first.stderr);
  assert.equal(first.stdout, '');
  assert.match(readFileSync(join(root, 'out', 'register.csv'), 'utf8'), /^path,id,/);
  const again = await summary(['reports/even', '-f', 'csv', '-o', 'out/register.csv']);
  assert.equal(again.code, 2);
  assert.match(again.stderr, /cannot write out\/register\.csv/);
});

test('summary: usage errors and an empty folder exit 2; the bundled CLI runs it', async () => {
  assert.equal((await summary([])).code, 2);
  assert.match((await summary(['reports', '--format', 'cvs'])).stderr, /did you mean 'csv'/);
  const empty = mkdtempSync(join(root, 'empty-'));
  writeFileSync(join(empty, 'notes.md'), '# Notes\n');
  assert.equal((await summary(['.'], empty)).code, 2);
  assert.equal((await summary(['.', '--allow-empty'], empty)).code, 0);
  const bundled = runCli(['summary', 'reports/odd', '--format', 'json'], { cwd: root });
  assert.equal(bundled.status, 0, bundled.stderr);
  assert.equal((JSON.parse(bundled.stdout) as Register).totals.reports, CORPUS_SIZE / 2);
});
