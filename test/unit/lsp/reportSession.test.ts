import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, test } from 'node:test';
import { ReportSession } from '../../../server/src/lsp/reportSession';
import { normalizeSettings } from '../../../server/src/lsp/settings';
import { loadBundledCatalog } from '../../../server/src/node/bundledResources';
import { cleanReportText, defaultVersionEngine, describeFinding, seedText, TEST_NOW } from '../../helpers';

const work = mkdtempSync(join(tmpdir(), 'increport-session-'));
after(() => rmSync(work, { recursive: true, force: true }));

/** A workspace folder with the given `.increport.yaml` (always `root: true`, so nothing above it is read). */
function folder(config = ''): string {
  const root = mkdtempSync(join(work, 'folder-'));
  writeFileSync(join(root, '.increport.yaml'), `root: true\n${config}`);
  return root;
}

function check(root: string, settings: Record<string, unknown>, text: string, trusted = true) {
  const session = new ReportSession(normalizeSettings(settings), root, trusted, () => TEST_NOW);
  const uri = pathToFileURL(join(root, 'report.md')).href;
  const analysis = session.analyze({ uri, version: 1, getText: () => text });
  return {
    version: analysis.report?.catalog.version,
    statusVersion: session.attackVersion(uri, analysis),
    configuredVersion: session.attackVersion(uri),
    tacticErrors: analysis.findings.filter((finding) => finding.ruleId === 'attack-tactic-unknown').map((finding) => finding.message),
  };
}

const STEALTH = "'Stealth' is not a tactic in ATT&CK v18.1";
const stealthReport = () => cleanReportText();

test('report session: without the setting, reports are checked against the default ATT&CK version', () => {
  const result = check(folder(), {}, stealthReport());
  assert.deepEqual([result.version, result.statusVersion, result.configuredVersion], ['19.2', '19.2', '19.2']);
  assert.deepEqual(result.tacticErrors, []);
});

test('report session: the attackVersion setting chooses the catalog, in trusted and untrusted workspaces alike', () => {
  for (const trusted of [true, false]) {
    const seed = check(folder(), { attackVersion: '18.1' }, seedText(), trusted);
    assert.deepEqual([seed.version, seed.statusVersion, seed.configuredVersion], ['18.1', '18.1', '18.1'], `trusted: ${trusted}`);
    assert.deepEqual(seed.tacticErrors, [], 'Defense Evasion is a v18.1 tactic');
    const stealth = check(folder(), { attackVersion: '18.1' }, stealthReport(), trusted);
    assert.ok(
      stealth.tacticErrors.some((message) => message.startsWith(STEALTH)),
      stealth.tacticErrors.join('\n'),
    );
  }
});

test('report session: a repository attack.version wins over the setting, unless the workspace is untrusted', () => {
  const root = folder('attack:\n  version: "19.2"\n');
  const trusted = check(root, { attackVersion: '18.1' }, stealthReport());
  assert.deepEqual([trusted.version, trusted.statusVersion, trusted.configuredVersion], ['19.2', '19.2', '19.2']);
  assert.deepEqual(trusted.tacticErrors, []);
  const untrusted = check(root, { attackVersion: '18.1' }, stealthReport(), false);
  assert.deepEqual([untrusted.version, untrusted.configuredVersion], ['18.1', '18.1'], 'in Restricted Mode .increport.yaml is not read');
});

test("report session: the status names the version the report's front matter chose, not the configured one", () => {
  const text = `---\nattack: v19.2\n---\n${stealthReport()}`;
  const result = check(folder(), { attackVersion: '18.1' }, text);
  assert.deepEqual([result.version, result.statusVersion, result.configuredVersion], ['19.2', '19.2', '18.1']);
  assert.deepEqual(result.tacticErrors, []);
});

/** The tactic rows of a new report's Attack Methodology section. */
const tacticRows = (text: string) => [...text.matchAll(/^- \*\*(.+):\*\* \[TODO: techniques used, or N\/A\]$/gm)].map((match) => match[1]);
/** The findings of a text under the default version, but for the placeholder ones of its [TODO: …] holes. */
const findingsUnderDefault = (text: string) =>
  defaultVersionEngine()
    .check(text)
    .findings.filter((finding) => finding.ruleId !== 'placeholder')
    .map(describeFinding);

test('report session: a new report has the tactic rows of the default version, and no front matter', () => {
  const text = new ReportSession(normalizeSettings({}), folder(), true, () => TEST_NOW).newReport();
  assert.match(text, /^# Incident Report: \[TODO: title\]\n/);
  assert.deepEqual(
    tacticRows(text),
    loadBundledCatalog('19.2').tactics.map((tactic) => tactic.name),
  );
  assert.deepEqual(findingsUnderDefault(text), []);
});

test("report session: under the attackVersion setting 18.1 a new report has v18.1's tactic rows and says 'attack: v18.1'", () => {
  for (const trusted of [true, false]) {
    const text = new ReportSession(normalizeSettings({ attackVersion: '18.1' }), folder(), trusted, () => TEST_NOW).newReport();
    assert.match(text, /^---\nattack: v18\.1\n---\n# Incident Report: \[TODO: title\]\n/);
    assert.deepEqual(
      tacticRows(text),
      loadBundledCatalog('18.1').tactics.map((tactic) => tactic.name),
    );
    assert.ok(tacticRows(text).includes('Defense Evasion'));
    assert.deepEqual(findingsUnderDefault(text), [], 'valid where v19.2 is the default, too');
  }
});

test('report session: a new report follows the configuration of the folder it is for, over the setting', () => {
  const root = folder('attack:\n  version: "19.2"\n');
  const child = join(root, 'legacy');
  mkdirSync(child);
  writeFileSync(join(child, '.increport.yaml'), 'attack:\n  version: "18.1"\n');
  const session = new ReportSession(normalizeSettings({ attackVersion: '18.1' }), root, true, () => TEST_NOW);
  const atRoot = session.newReport();
  assert.ok(tacticRows(atRoot).includes('Stealth') && !atRoot.startsWith('---'), 'the repository chooses 19.2');
  const inChild = session.newReport(pathToFileURL(join(child, 'new-report.md')).href);
  assert.ok(inChild.startsWith('---\nattack: v18.1\n---\n') && tacticRows(inChild).includes('Defense Evasion'), 'the nearer file chooses 18.1');
});

/** The tactic rows of a new report's Attack Methodology table. */
const tacticTableRows = (text: string) => [...text.matchAll(/^\| (.+) \| \[TODO: techniques used, or N\/A\] \|$/gm)].map((match) => match[1]);

test('report session: the templateStyle setting tables writes a new report in tables, clean; with attackVersion 18.1 its rows are v18.1 tactics', () => {
  const text = new ReportSession(normalizeSettings({ templateStyle: 'tables' }), folder(), true, () => TEST_NOW).newReport();
  assert.match(text, /\n## Incident Details\n\| Field \| Value \|\n\|---\|---\|\n\| Discovery Date \| \[TODO: YYYY-MM-DD\] \|\n/);
  assert.deepEqual(tacticRows(text), [], 'no bullet rows');
  assert.deepEqual(
    tacticTableRows(text),
    loadBundledCatalog('19.2').tactics.map((tactic) => tactic.name),
  );
  assert.deepEqual(findingsUnderDefault(text), []);
  const legacy = new ReportSession(normalizeSettings({ templateStyle: 'tables', attackVersion: '18.1' }), folder(), true, () => TEST_NOW).newReport();
  assert.match(legacy, /^---\nattack: v18\.1\n---\n/);
  assert.deepEqual(
    tacticTableRows(legacy),
    loadBundledCatalog('18.1').tactics.map((tactic) => tactic.name),
  );
  assert.deepEqual(findingsUnderDefault(legacy), []);
});

test("report session: a folder's templates.style wins over the templateStyle setting, unless the workspace is untrusted", () => {
  const root = folder('templates:\n  style: bullets\n');
  const newReport = (trusted: boolean) => new ReportSession(normalizeSettings({ templateStyle: 'tables' }), root, trusted, () => TEST_NOW).newReport();
  assert.equal(tacticRows(newReport(true)).length, loadBundledCatalog('19.2').tactics.length, 'the repository chooses bullets');
  assert.equal(tacticTableRows(newReport(false)).length, loadBundledCatalog('19.2').tactics.length, 'in Restricted Mode .increport.yaml is not read');
  const tables = new ReportSession(normalizeSettings({}), folder('templates:\n  style: tables\n'), true, () => TEST_NOW).newReport();
  assert.equal(tacticTableRows(tables).length, loadBundledCatalog('19.2').tactics.length, 'the repository chooses tables without the setting');
});
