import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BUNDLED_ATTACK_VERSIONS, readAttackVersion } from '../../../server/src/engine/attack/versions';
import { complete } from '../../../server/src/engine/features/completion';
import type { FeatureContext } from '../../../server/src/engine/features/featureTypes';
import { hover } from '../../../server/src/engine/features/hover';
import { cleanReportText, defaultVersionEngine, describeFinding, formatRange, TEST_NOW } from '../../helpers';

/** A clean v19.2 report whose front matter has `attack:` followed by `value` (as YAML text). */
const withAttack = (value: string) => `---\ntype: incident-report\nattack:${value}\n---\n${cleanReportText()}`;

function contextOf(text: string): FeatureContext {
  const { model, catalog } = defaultVersionEngine().check(text);
  return { model, spec: defaultVersionEngine().schema.spec, catalog, now: TEST_NOW };
}

const attackField = () => defaultVersionEngine().schema.spec.findFrontMatterField('attack');

test("front matter 'attack': the schema's accepted forms are exactly what readAttackVersion reads as each bundled version", () => {
  const values = attackField()?.suggestedValues ?? [];
  assert.deepEqual([...values].map(String).sort(), BUNDLED_ATTACK_VERSIONS.flatMap((version) => [version, `v${version}`]).sort());
  for (const value of values) assert.ok('version' in readAttackVersion(value), String(value));
  assert.equal(attackField()?.enumValues, undefined, 'the schema does not validate the value: the attack-version-unknown rule does');
});

test("front matter 'attack': hover on the key describes it and lists the accepted forms", () => {
  const result = hover(contextOf(withAttack(' v18.1')), { line: 2, character: 3 });
  assert.equal(formatRange(result!.range), '2:0-2:6');
  const parts = result!.contents.split('\n\n');
  assert.equal(parts[0], '**ATT&CK version** (front matter key)');
  assert.match(parts[1], /MITRE ATT&CK release .* v19\.2 .* v18\.1 .*attack-version-unknown/);
  assert.equal(parts[2], 'Optional · Accepted values: `v19.2`, `19.2`, `v18.1`, `18.1` · Example: `v18.1`');
});

test("front matter 'attack': completion offers the accepted forms after 'attack: ' and after a bare colon", () => {
  const entries = complete(contextOf(withAttack(' v1')), { line: 2, character: 10 });
  assert.deepEqual(
    entries.map((entry) => `${formatRange(entry.range)} ${entry.insertText}`),
    ['2:8-2:10 v19.2', '2:8-2:10 19.2', '2:8-2:10 v18.1', '2:8-2:10 18.1'],
  );
  assert.deepEqual([entries[0].kind, entries[0].detail], ['value', 'ATT&CK version']);
  const bare = complete(contextOf(withAttack('')), { line: 2, character: 7 });
  assert.equal(bare[0]?.insertText, ' v19.2', 'a space after the colon');
});

test("front matter 'attack': every accepted form gives no finding; any other value gives one, from attack-version-unknown only", () => {
  for (const value of [' v19.2', ' 19.2', ' v18.1', ' "18.1"', ' 18.1', ' ATT&CK v18.1', ' v18', ' ~', '']) {
    const text = withAttack(value).replace('- **Stealth:** N/A\n- **Defense Impairment:** N/A', value.includes('18') ? '- **Defense Evasion:** N/A' : '$&');
    assert.deepEqual(defaultVersionEngine().check(text).findings.map(describeFinding), [], `attack:${value}`);
  }
  for (const value of [' v17.1', ' banana', ' [18.1, 19.2]', ' { version: 18.1 }', ' true', ' 2026-04-01']) {
    const findings = defaultVersionEngine().check(withAttack(value)).findings;
    assert.deepEqual(
      findings.map((finding) => `${formatRange(finding.range)} ${finding.ruleId}`),
      [`2:8-2:${7 + value.length} attack-version-unknown`],
      `attack:${value}: ${findings.map(describeFinding).join('\n')}`,
    );
  }
});
