import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ReportEngine } from '../../../server/src/engine/engine';
import { caseAt, caseClock, RULE_CASES } from '../../cases/ruleCases';
import { assertRangeInside, check, engine, seedText, TEST_NOW } from '../../helpers';

for (const ruleCase of RULE_CASES) {
  test(`engine: ${ruleCase.name}`, () => {
    const { text, expected } = caseAt(ruleCase, seedText(), caseClock(TEST_NOW));
    assert.deepEqual(check(text), expected);
    for (const finding of engine().check(text).findings) assertRangeInside(finding.range, text);
  });
}

/** Rule, severity and range of each finding: what must not change with the clock. */
const shapeOf = (lines: string[]) => lines.map((line) => line.split(' ').slice(0, 3).join(' '));

test('engine: the date rule cases give the same findings with the clock at 2030-01-01 and at 2026-01-01', () => {
  const dateCases = RULE_CASES.filter((ruleCase) => ruleCase.dates);
  assert.ok(dateCases.length >= 5, 'the date cases are marked');
  const findingsAt = (iso: string) => {
    const now = new Date(iso);
    const clocked = new ReportEngine({ schema: engine().schema, catalog: engine().catalog, now: () => now });
    return dateCases.map((ruleCase) => {
      const { text, expected } = caseAt(ruleCase, seedText(), caseClock(now));
      const actual = clocked
        .check(text)
        .findings.map(
          (finding) =>
            `${finding.range.start.line}:${finding.range.start.character}-${finding.range.end.line}:${finding.range.end.character} ${finding.severity} ${finding.ruleId} ${finding.message}`,
        );
      assert.deepEqual(actual, expected, `${ruleCase.name} at ${iso}`);
      return actual;
    });
  };
  const later = findingsAt('2030-01-01T00:00:00Z');
  const earlier = findingsAt('2026-01-01T00:00:00Z');
  assert.deepEqual(later.map(shapeOf), earlier.map(shapeOf));
  assert.ok(
    later.flat().some((line) => line.includes('date-future')),
    'the future-date finding is there at both clocks',
  );
});
