import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RULE_CASES } from '../../cases/ruleCases';
import { assertRangeInside, check, engine, seedText } from '../../helpers';

for (const ruleCase of RULE_CASES) {
  test(`engine: ${ruleCase.name}`, () => {
    const text = ruleCase.build(seedText());
    assert.deepEqual(check(text), ruleCase.expected);
    for (const finding of engine().check(text).findings) assertRangeInside(finding.range, text);
  });
}
