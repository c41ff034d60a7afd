import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fixAll } from '../../../server/src/engine/features/codeActions';
import { defaultVersionEngine, seedText } from '../../helpers';
import { applyEdits, applyFix, assertOnlyResolvedGone, checked, replaceOnce } from './fixHarness';

/*
 * The quick fixes of attack-migration: what ATT&CK v19.2 changed, written into a v18-era report under the
 * default version. Each is applied as the editor applies it, then the report is checked again.
 */
const checker = defaultVersionEngine();
const V18_ROW =
  '- **Defense Evasion:** T1562.001 Disable or Modify Tools, T1070.001 Clear Windows Event Logs, T1211 Exploitation for Defense Evasion, T1027 Obfuscated Files or Information';
const report = (): string =>
  replaceOnce(replaceOnce(seedText(), '- **Defense Evasion:** N/A', V18_ROW), '- **Persistence:** N/A', '- **Persistence:** T1574.001 DLL');
const rowOf = (text: string, tactic: string): string | undefined => text.split('\n').find((line) => line.startsWith(`- **${tactic}:**`));

test('attack-migration: a Defense Evasion row is rewritten as Stealth and Defense Impairment rows, each technique under its v19.2 tactic', () => {
  const applied = applyFix(report(), 'attack-migration', 'Migrate the Defense Evasion row to ATT&CK v19.2 (Stealth and Defense Impairment)', {
    checker,
    match: (finding) => finding.message.startsWith("'Defense Evasion'"),
  });
  assert.equal(applied.fix.isPreferred, true);
  assert.equal(rowOf(applied.text, 'Stealth'), '- **Stealth:** T1211 Exploitation for Stealth, T1027 Obfuscated Files or Information');
  assert.equal(rowOf(applied.text, 'Defense Impairment'), '- **Defense Impairment:** T1685 Disable or Modify Tools, T1685.005 Clear Windows Event Logs');
  assert.equal(rowOf(applied.text, 'Defense Evasion'), undefined);
  // The row's own notes (two revoked IDs, one renamed technique) are resolved with it; the rest stays.
  assert.equal(applied.fix.fixes.length, 4);
  assertOnlyResolvedGone(applied);
});

test('attack-migration: an N/A Defense Evasion row becomes N/A rows of both v19.2 tactics', () => {
  const applied = applyFix(seedText(), 'attack-migration', 'Migrate the Defense Evasion row to ATT&CK v19.2 (Stealth and Defense Impairment)', { checker });
  assert.match(
    applied.text,
    /^- \*\*Privilege Escalation:\*\* N\/A\n- \*\*Stealth:\*\* N\/A\n- \*\*Defense Impairment:\*\* N\/A\n- \*\*Credential Access:\*\*/m,
  );
  assert.deepEqual(applied.after, []);
});

test('attack-migration: a revoked ID is replaced with its v19.2 replacement and name; a renamed technique gets its new name only', () => {
  const revoked = applyFix(report(), 'attack-migration', 'Replace T1562.001 with T1685 (Disable or Modify Tools)', {
    checker,
    match: (finding) => finding.message.startsWith('T1562.001'),
  });
  assert.equal(revoked.fix.isPreferred, true);
  assert.ok(revoked.text.includes('- **Defense Evasion:** T1685 Disable or Modify Tools, T1070.001'));
  const renamed = applyFix(report(), 'attack-migration', "Use the ATT&CK v19.2 name 'Exploitation for Stealth'", {
    checker,
    match: (finding) => finding.message.includes('renamed T1211'),
  });
  assert.deepEqual(
    renamed.fix.edits.map((edit) => edit.newText),
    ['Exploitation for Stealth'],
  );
  assert.ok(renamed.text.includes('T1211 Exploitation for Stealth, T1027'));
  assertOnlyResolvedGone(renamed);
});

test('attack-migration: a technique that v19.2 moved to two tactics offers both moves, neither preferred, each row in matrix order', () => {
  const moved = (finding: { message: string }) => finding.message.includes('moved T1574.001');
  const execution = applyFix(report(), 'attack-migration', 'Move T1574.001 to Execution', { checker, match: moved });
  assert.notEqual(execution.fix.isPreferred, true, 'a choice between tactics is the writer’s');
  assert.match(execution.text, /^- \*\*Initial Access:\*\* N\/A\n- \*\*Execution:\*\* T1574\.001 DLL\n- \*\*Persistence:\*\* N\/A$/m);
  const stealth = applyFix(report(), 'attack-migration', 'Move T1574.001 to Stealth', { checker, match: moved });
  assert.match(stealth.text, /^- \*\*Defense Evasion:\*\* .*\n- \*\*Stealth:\*\* T1574\.001 DLL\n- \*\*Credential Access:\*\*/m);
  assertOnlyResolvedGone(stealth);
});

test('attack-migration: Fix All applies every safe migration at once, leaves the choice, and is idempotent', () => {
  const start = checked(report(), checker);
  const all = fixAll(start.context, start.findings);
  assert.ok(all);
  const fixed = applyEdits(start.text, all.edits);
  assert.equal(rowOf(fixed, 'Stealth'), '- **Stealth:** T1211 Exploitation for Stealth, T1027 Obfuscated Files or Information');
  assert.equal(rowOf(fixed, 'Persistence'), '- **Persistence:** T1574.001 DLL');
  const again = checked(fixed, checker);
  assert.deepEqual(
    again.findings.map((finding) => `${finding.severity} ${finding.ruleId}`),
    ['info attack-migration'],
  );
  assert.equal(fixAll(again.context, again.findings), undefined, 'nothing safe is left');
});

test('attack-migration: in a CRLF report the new rows keep CRLF line ends', () => {
  const crlf = seedText().replace(/\n/g, '\r\n');
  const applied = applyFix(crlf, 'attack-migration', 'Migrate the Defense Evasion row to ATT&CK v19.2 (Stealth and Defense Impairment)', { checker });
  assert.ok(applied.text.includes('- **Stealth:** N/A\r\n- **Defense Impairment:** N/A\r\n'));
  assert.doesNotMatch(applied.text, /[^\r]\n/);
});

test('attack-tactic-unknown: a misspelt v18.1 tactic under v19.2 names it, and offers its successors, neither preferred', () => {
  const text = replaceOnce(seedText(), '- **Defense Evasion:** N/A', '- **Defence Evasion:** N/A');
  const fixed = applyFix(text, 'attack-tactic-unknown', "Change to 'Defense Impairment'", { checker: defaultVersionEngine() });
  assert.deepEqual(
    fixed.before.filter((finding) => finding.ruleId === 'attack-tactic-unknown').map((finding) => finding.message),
    [
      "'Defence Evasion' is not a tactic in ATT&CK v19.2; did you mean 'Defense Evasion', the ATT&CK v18.1 tactic that v19.2 replaced with 'Stealth' and 'Defense Impairment'?",
    ],
  );
  assert.deepEqual(
    fixed.offered.filter((fix) => fix.title.startsWith('Change')).map((fix) => `${fix.title} ${fix.isPreferred === true}`),
    ["Change to 'Stealth' false", "Change to 'Defense Impairment' false"],
  );
  assert.ok(fixed.text.includes('- **Defense Impairment:** N/A\n'));
});
