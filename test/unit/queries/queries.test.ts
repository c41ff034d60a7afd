import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildModel } from '../../../server/src/engine/model/buildModel';
import { allTechniqueMentions, methodologyRowAt, suggestTechniques, tacticAt, techniqueAt } from '../../../server/src/engine/queries/attackQueries';
import { defangAllEdits, indicatorsOf } from '../../../server/src/engine/queries/iocQueries';
import { engine, formatRange, seedText } from '../../helpers';

const catalog = () => engine().catalog;
const spec = () => engine().schema.spec;
const report = seedText()
  .replace('- **Persistence:** N/A', '- **Persistence:** T1053.005 Scheduled Task, T15')
  .replace('- **File indicators:** N/A.', '- **File indicators:** evil.com and 10[.]0[.]0[.]1 and http://x.example.org/p');
const model = buildModel(report);

test('queries: the tactic of the Attack Methodology row at a position', () => {
  assert.equal(tacticAt(model, spec(), catalog(), { line: 24, character: 30 })?.name, 'Persistence');
  assert.equal(methodologyRowAt(model, spec(), { line: 24, character: 3 })?.key, 'Persistence');
  assert.equal(tacticAt(model, spec(), catalog(), { line: 4, character: 10 }), undefined, 'not in Attack Methodology');
});

test('queries: technique suggestions rank the row tactic and the typed ID prefix or name words', () => {
  const byPrefix = suggestTechniques(model, spec(), catalog(), { line: 24, character: 48 }, 'T1053', 5).map((technique) => technique.id);
  assert.equal(byPrefix[0], 'T1053');
  assert.ok(byPrefix.includes('T1053.005'));
  const byWords = suggestTechniques(model, spec(), catalog(), { line: 24, character: 48 }, 'scheduled task', 3).map((technique) => technique.id);
  assert.equal(byWords[0], 'T1053.005');
});

test('queries: the technique at a position and every mention', () => {
  const found = techniqueAt(model, catalog(), { line: 24, character: 22 });
  assert.equal(found?.technique.name, 'Scheduled Task');
  assert.equal(formatRange(found!.range), '24:19-24:28');
  assert.equal(techniqueAt(model, catalog(), { line: 24, character: 47 }), undefined, 'T15 is not a technique');
  assert.deepEqual(
    allTechniqueMentions(model, catalog()).map((mention) => mention.technique.id),
    ['T1053.005'],
  );
});

test('queries: indicators with their defanged form, and the edits that defang them all', () => {
  assert.deepEqual(
    indicatorsOf(model, spec()).map((located) => [located.ioc.type, formatRange(located.range), located.defanged]),
    [
      ['url', '39:26-39:62', 'hxxp[://]mysignins[.]microsoft[.]com'],
      ['domain', '40:23-40:31', 'evil[.]com'],
      ['ipv4', '40:36-40:50', '10[.]0[.]0[.]1'],
      ['url', '40:55-40:77', 'hxxp[://]x[.]example[.]org/p'],
    ],
  );
  const edits = defangAllEdits(model, spec());
  assert.deepEqual(
    edits.map((edit) => [formatRange(edit.range), edit.newText]),
    [
      ['40:23-40:31', 'evil[.]com'],
      ['40:55-40:77', 'hxxp[://]x[.]example[.]org/p'],
    ],
  );
  const lines = report.split('\n');
  const fixed = [...edits]
    .reverse()
    .reduce((text, edit) => text.slice(0, edit.range.start.character) + edit.newText + text.slice(edit.range.end.character), lines[40]);
  lines[40] = fixed;
  const after = engine()
    .check(lines.join('\n'))
    .findings.filter((finding) => finding.ruleId === 'ioc-live');
  assert.deepEqual(after, [], 'applying the edits leaves no live indicator');
});
