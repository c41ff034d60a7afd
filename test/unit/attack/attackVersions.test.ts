import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { ConfigFileSystem } from '../../../server/src/engine/config/configTypes';
import { migrateReport } from '../../../server/src/engine/features/migrateReport';
import { ReportWorkspace } from '../../../server/src/engine/workspace';
import { loadBundledCatalog } from '../../../server/src/node/bundledResources';
import { cleanReportText, defaultVersionEngine, describeFinding, projectRoot, seedText, testHost } from '../../helpers';
import { REVOKED_IN_V19 } from './revokedInV19';

/*
 * ATT&CK v19.2 is the default; v18.1 stays bundled for reports that say so, and v18-era reports are read
 * under v19.2 with notes (attack-migration) that `increport migrate` and Fix All act on.
 */

/** The seed with its Attack Methodology written against today's ATT&CK (new v19 IDs, both new tactics). */
const V19_REPORT = seedText()
  .replace('- **Initial Access:** N/A', '- **Initial Access:** T1566.001 Spearphishing Attachment')
  .replace(
    '- **Defense Evasion:** N/A',
    '- **Stealth:** T1027 Obfuscated Files or Information, T1027.018 Invisible Unicode, T1684.001 Impersonation\n' +
      '- **Defense Impairment:** T1685.005 Clear Windows Event Logs',
  );

const findingsOf = (text: string): string[] => defaultVersionEngine().check(text).findings.map(describeFinding);
const withFrontMatter = (line: string, text: string): string => `---\n${line}\n---\n${text}`;
const NO_FILES: ConfigFileSystem = { readFile: () => ({ missing: true }) };

/** A workspace whose only file is `/repo/.increport.yaml` with `config` (none when undefined). */
function workspaceWith(config?: string): ReportWorkspace {
  const fileSystem: ConfigFileSystem =
    config === undefined ? NO_FILES : { readFile: (file) => (file === '/repo/.increport.yaml' ? { text: config } : { missing: true }) };
  return new ReportWorkspace({ host: testHost({ fileSystem }), baseDirectory: '/repo' });
}

test('attack versions: a report written against ATT&CK v19 (Stealth, Defense Impairment, new IDs) is clean with no configuration', () => {
  assert.deepEqual(findingsOf(V19_REPORT), []);
  const analysed = workspaceWith().analyse('/repo/r.md', V19_REPORT);
  assert.deepEqual(analysed.findings.map(describeFinding), []);
  assert.equal(analysed.catalog.version, '19.2');
});

test('attack versions: the same report declaring `attack: v18.1` is checked against v18.1, each message naming where v19.2 has it', () => {
  assert.deepEqual(findingsOf(withFrontMatter('attack: v18.1', V19_REPORT)), [
    "29:4-29:11 error attack-tactic-unknown 'Stealth' is not a tactic in ATT&CK v18.1; ATT&CK v19.2 calls TA0005 'Stealth', which v18.1 calls 'Defense Evasion'",
    '29:54-29:63 error attack-technique-unknown T1027.018 is not a sub-technique of T1027 (Obfuscated Files or Information) in ATT&CK v18.1; it is Invisible Unicode in ATT&CK v19.2',
    '29:83-29:92 error attack-technique-unknown T1684.001 is not a technique in ATT&CK v18.1; it is Impersonation in ATT&CK v19.2',
    "30:4-30:22 error attack-tactic-unknown 'Defense Impairment' is not a tactic in ATT&CK v18.1; it is TA0112 in ATT&CK v19.2 (choose that version with 'attack: v19.2' in the front matter)",
    '30:26-30:35 error attack-technique-unknown T1685.005 is not a technique in ATT&CK v18.1; it is Clear Windows Event Logs in ATT&CK v19.2',
  ]);
  // A historical report that says so stays valid without edits.
  assert.deepEqual(findingsOf(withFrontMatter('attack: v18.1', seedText())), []);
  for (const written of ['attack: 18.1', 'attack: "v18.1"', 'attack: ATT&CK v18.1'])
    assert.deepEqual(findingsOf(withFrontMatter(written, seedText())), [], written);
});

test('attack versions: a version increport does not ship is an error at the value, checked against the default', () => {
  assert.deepEqual(findingsOf(withFrontMatter('attack: v17', V19_REPORT)), [
    '1:8-1:11 error attack-version-unknown ATT&CK v17 is not a version increport ships: write v18.1 or v19.2, or configure an ATT&CK bundle (attack.bundle); checked against v19.2',
  ]);
  assert.deepEqual(findingsOf(withFrontMatter('attack: latest', V19_REPORT)), [
    "1:8-1:14 error attack-version-unknown ATT&CK 'latest' is not a version increport ships: write v18.1 or v19.2, or configure an ATT&CK bundle (attack.bundle); checked against v19.2",
  ]);
});

test('attack versions: attack.version in .increport.yaml chooses the release; the report front matter wins over it', () => {
  const pinned = workspaceWith('attack:\n  version: "18.1"\n');
  assert.deepEqual(pinned.analyse('/repo/r.md', seedText()).findings.map(describeFinding), []);
  assert.equal(pinned.analyse('/repo/r.md', seedText()).catalog.version, '18.1');
  assert.ok(pinned.analyse('/repo/r.md', cleanReportText()).findings.some((finding) => finding.ruleId === 'attack-tactic-unknown'));
  const chosen = pinned.analyse('/repo/r.md', withFrontMatter('attack: v19.2', V19_REPORT));
  assert.equal(chosen.catalog.version, '19.2');
  assert.deepEqual(chosen.findings.map(describeFinding), []);
});

test('attack versions: the seed (a v18-era report) gets one note and no warning or error under the default', () => {
  assert.deepEqual(findingsOf(seedText()), [
    "26:4-26:19 info attack-migration 'Defense Evasion' is the ATT&CK v18.1 name of TA0005: v19.2 renamed it 'Stealth' and split 'Defense Impairment' (TA0112) from it; a quick fix writes the row as Stealth and Defense Impairment",
  ]);
});

/** A v18-era report whose Defense Evasion row lists `items` (v18.1 IDs with their v18.1 names). */
function v18Report(items: string[]): string {
  return seedText().replace('- **Defense Evasion:** N/A', `- **Defense Evasion:** ${items.join(', ')}`);
}

const v18 = loadBundledCatalog('18.1');
const v19 = loadBundledCatalog('19.2');

test('attack versions: every technique revoked in v19 is a note naming its replacement, and migrates to it', () => {
  const revoked = Object.keys(REVOKED_IN_V19);
  const text = v18Report(revoked.map((id) => `${id} ${v18.technique(id)!.name}`));
  const notes = defaultVersionEngine()
    .check(text)
    .findings.filter((finding) => /revoked in v19\.2/.test(finding.message));
  assert.deepEqual(
    notes.map(
      (finding) => `${finding.severity} ${finding.ruleId} ${/^(T\d{4}(?:\.\d{3})?) .* use (T\d{4}(?:\.\d{3})?) /.exec(finding.message)?.slice(1).join('→')}`,
    ),
    revoked.map((id) => `info attack-migration ${id}→${REVOKED_IN_V19[id]}`),
  );
  const workspace = workspaceWith();
  const outcome = migrateReport(text, '19.2', (current) => workspace.analyse('/repo/r.md', current));
  assert.equal(outcome.applied.revoked, revoked.length);
  assert.equal(outcome.applied['legacy-tactic'], 1);
  for (const replacement of new Set(Object.values(REVOKED_IN_V19))) {
    assert.ok(outcome.text.includes(`${replacement} ${v19.technique(replacement)!.name}`), `${replacement} written with its v19.2 name`);
  }
  for (const id of revoked) assert.doesNotMatch(outcome.text, new RegExp(`${id.replace('.', '\\.')}(?![.\\d])`), id);
  assert.doesNotMatch(outcome.text, /Defense Evasion/);
  assert.deepEqual(workspace.analyse('/repo/r.md', outcome.text).findings.map(describeFinding), [], 'the migrated report is clean under v19.2');
});

test('attack versions: a renamed technique is a note on its old name only, and gets the new name', () => {
  const text = v18Report(['T1211 Exploitation for Defense Evasion', 'T1027 Obfuscated Files or Information']);
  assert.deepEqual(findingsOf(text).slice(1), [
    "26:29-26:61 info attack-migration ATT&CK v19.2 renamed T1211 'Exploitation for Stealth' (v18.1: 'Exploitation for Defense Evasion')",
  ]);
  const workspace = workspaceWith();
  const outcome = migrateReport(text, '19.2', (current) => workspace.analyse('/repo/r.md', current));
  assert.deepEqual({ ...outcome.applied }, { 'legacy-tactic': 1, revoked: 0, renamed: 1, moved: 0 });
  assert.match(outcome.text, /^- \*\*Stealth:\*\* T1211 Exploitation for Stealth, T1027 Obfuscated Files or Information$/m);
  assert.doesNotMatch(outcome.text, /Defense Impairment/, 'no empty row is invented for a tactic the row had nothing of');
  assert.deepEqual(workspace.analyse('/repo/r.md', outcome.text).findings, []);
});

test('attack versions: a technique v19.2 moved to several tactics is a note the migration leaves for the writer', () => {
  const text = seedText().replace('- **Persistence:** N/A', '- **Persistence:** T1574.001 DLL');
  assert.deepEqual(findingsOf(text), [
    '24:19-24:28 info attack-migration ATT&CK v19.2 moved T1574.001 (DLL) out of Persistence: it now belongs to Execution, Stealth',
    "26:4-26:19 info attack-migration 'Defense Evasion' is the ATT&CK v18.1 name of TA0005: v19.2 renamed it 'Stealth' and split 'Defense Impairment' (TA0112) from it; a quick fix writes the row as Stealth and Defense Impairment",
  ]);
  const workspace = workspaceWith();
  const outcome = migrateReport(text, '19.2', (current) => workspace.analyse('/repo/r.md', current));
  assert.deepEqual(
    outcome.left.map((finding) => finding.message),
    ['ATT&CK v19.2 moved T1574.001 (DLL) out of Persistence: it now belongs to Execution, Stealth'],
  );
  assert.match(outcome.text, /^- \*\*Persistence:\*\* T1574\.001 DLL$/m, 'a choice between tactics is not made for the writer');
});

test('attack versions: migrating the realistic examples and a mixed v18-style row round-trips to a clean v19.2 report', () => {
  const workspace = workspaceWith();
  const mixed = v18Report([
    'T1027 Obfuscated Files or Information',
    'T1562.001 Disable or Modify Tools',
    'T1550.002 Pass the Hash',
    'T1070.001 Clear Windows Event Logs',
  ]);
  const northwind = readFileSync(join(projectRoot(), 'examples', 'northwind-ransomware-intrusion.md'), 'utf8');
  for (const text of [seedText(), northwind, mixed]) {
    const outcome = migrateReport(text, '19.2', (current) => workspace.analyse('/repo/r.md', current));
    assert.deepEqual(workspace.analyse('/repo/r.md', outcome.text).findings.map(describeFinding), []);
    assert.deepEqual(migrateReport(outcome.text, '19.2', (current) => workspace.analyse('/repo/r.md', current)).text, outcome.text, 'idempotent');
  }
  const migrated = migrateReport(mixed, '19.2', (current) => workspace.analyse('/repo/r.md', current)).text;
  assert.match(migrated, /^- \*\*Stealth:\*\* T1027 Obfuscated Files or Information$/m);
  assert.match(migrated, /^- \*\*Defense Impairment:\*\* T1685 Disable or Modify Tools, T1685\.005 Clear Windows Event Logs$/m);
  assert.match(migrated, /^- \*\*Lateral Movement:\*\* T1550\.002 Pass the Hash$/m, 'moved to the row of its v19.2 tactic');
});
