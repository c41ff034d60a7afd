import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ALL_RULE_META } from '../../server/src/engine/rules';
import { describeFinding, defaultVersionEngine, projectRoot } from '../helpers';

/*
 * examples/dialects/ holds clean reports written in the other forms a section accepts (an Attack
 * Methodology table), and examples/dialects/broken/ variants with mistakes. As in examples/broken/, a
 * finding is announced by `<!-- expect: rule-a, rule-b -->` on the line above it; inside a table, where
 * such a line would end the table, the comment stands in the row itself (in a text column such as Procedure).
 */
const DIALECTS = join(projectRoot(), 'examples', 'dialects');
const markdownIn = (folder: string) =>
  readdirSync(folder)
    .filter((name) => name.endsWith('.md'))
    .sort();
const RULE_IDS = new Set(ALL_RULE_META.map((meta) => meta.id));
const MARKER = /<!--\s*expect:(.*?)-->/;

/** One-based `line: ids` for every expectation: the next line for a comment on its own line, else its own line. */
function expectations(text: string): string[] {
  const lines = text.split('\n');
  const byLine = new Map<number, string[]>();
  lines.forEach((line, index) => {
    const marker = MARKER.exec(line);
    if (!marker) return;
    const ids = marker[1]
      .split(',')
      .map((id) => id.trim())
      .filter(Boolean);
    for (const id of ids) assert.ok(RULE_IDS.has(id), `line ${index + 1}: '${id}' is not a rule`);
    const target = line.trim().startsWith('<!--') ? index + 1 : index;
    byLine.set(target, [...(byLine.get(target) ?? []), ...ids].sort());
  });
  return [...byLine].sort(([a], [b]) => a - b).map(([line, ids]) => `${line + 1}: ${ids.join(', ')}`);
}

function found(text: string): string[] {
  const byLine = new Map<number, string[]>();
  for (const finding of defaultVersionEngine().check(text).findings) {
    byLine.set(finding.range.start.line, [...(byLine.get(finding.range.start.line) ?? []), finding.ruleId].sort());
  }
  return [...byLine].sort(([a], [b]) => a - b).map(([line, ids]) => `${line + 1}: ${ids.join(', ')}`);
}

test('dialect examples: each clean report checks with no finding under the default ATT&CK version', () => {
  const names = markdownIn(DIALECTS);
  assert.ok(names.includes('attack-table.md') && names.includes('timeline-table.md'));
  for (const name of names) {
    const findings = defaultVersionEngine().check(readFileSync(join(DIALECTS, name), 'utf8')).findings;
    assert.deepEqual(findings.map(describeFinding), [], name);
  }
});

for (const name of markdownIn(join(DIALECTS, 'broken'))) {
  test(`dialect examples: broken/${name} has exactly the findings marked in it`, () => {
    const text = readFileSync(join(DIALECTS, 'broken', name), 'utf8');
    const expected = expectations(text);
    assert.ok(expected.length > 0, `${name} marks no finding`);
    assert.deepEqual(found(text), expected);
  });
}
