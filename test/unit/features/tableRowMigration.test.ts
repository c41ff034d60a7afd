import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fixAll } from '../../../server/src/engine/features/codeActions';
import { cleanReportText, defaultVersionEngine, describeFinding } from '../../helpers';
import { applyFix, assertOnlyResolvedGone, checked } from './fixHarness';

/** The quick fixes of attack-migration on Attack Methodology table rows (v18.1 rows under the default v19.2). */
const checker = defaultVersionEngine();
/** The clean v19.2 report with a table of `rows` as its Attack Methodology (the rows from line 24 on). */
const table = (...rows: string[]) =>
  cleanReportText().replace(
    /(## Attack Methodology\n)[\s\S]*?(\n## )/,
    (_, heading: string, next: string) => `${heading}${['| Tactic | Technique |', '|---|---|', ...rows].join('\n')}\n${next}`,
  );
const rowsOf = (text: string) => text.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| Tactic'));

test('table migration: a Defense Evasion row whose techniques share one v19.2 tactic gets that tactic in its cell', () => {
  const applied = applyFix(
    table('| Defense Evasion | T1027 Obfuscated Files or Information |'),
    'attack-migration',
    'Migrate the Defense Evasion row to ATT&CK v19.2 (Stealth)',
    {
      checker,
    },
  );
  assert.equal(applied.fix.isPreferred, true);
  assert.deepEqual(rowsOf(applied.text), ['| Stealth | T1027 Obfuscated Files or Information |']);
  assertOnlyResolvedGone(applied);
});

test('table migration: techniques of both successors in one cell split the row in two; N/A gives a row of each', () => {
  const split = applyFix(
    table('| Defense Evasion | T1027 Obfuscated Files or Information, T1685 Disable or Modify Tools |'),
    'attack-migration',
    'Migrate the Defense Evasion row to ATT&CK v19.2 (Stealth and Defense Impairment)',
    { checker },
  );
  assert.deepEqual(rowsOf(split.text), ['| Stealth | T1027 Obfuscated Files or Information |', '| Defense Impairment | T1685 Disable or Modify Tools |']);
  assert.deepEqual(split.after.map(describeFinding), []);
  const none = applyFix(
    table('| Defense Evasion | N/A |'),
    'attack-migration',
    'Migrate the Defense Evasion row to ATT&CK v19.2 (Stealth and Defense Impairment)',
    {
      checker,
    },
  );
  assert.deepEqual(rowsOf(none.text), ['| Stealth | N/A |', '| Defense Impairment | N/A |']);
});

test('table migration: a technique v19.2 moved is offered each of its tactics; alone in its row the tactic cell changes', () => {
  const text = table('| Persistence | T1574.001 DLL |', '| Execution | T1059 Command and Scripting Interpreter, T1574.001 DLL |');
  const start = checked(text, checker);
  assert.deepEqual(
    start.findings.filter((finding) => finding.ruleId === 'attack-migration').map((finding) => `${finding.range.start.line}:${finding.range.start.character}`),
    ['24:16'],
  );
  const alone = applyFix(text, 'attack-migration', 'Move T1574.001 to Execution', { checker });
  assert.deepEqual(rowsOf(alone.text).slice(0, 1), ['| Execution | T1574.001 DLL |']);
  // Fix All leaves a choice between tactics to the writer.
  assert.equal(
    fixAll(
      start.context,
      start.findings.filter((finding) => finding.ruleId === 'attack-migration'),
    ),
    undefined,
  );
});

test('table migration: a moved technique sharing its cell goes to a new row of its tactic below', () => {
  const text = table('| Persistence | T1053.005 Scheduled Task, T1574.001 DLL |');
  const moved = applyFix(text, 'attack-migration', 'Move T1574.001 to Stealth', { checker });
  assert.deepEqual(rowsOf(moved.text), ['| Persistence | T1053.005 Scheduled Task |', '| Stealth | T1574.001 DLL |']);
  assertOnlyResolvedGone(moved);
});
