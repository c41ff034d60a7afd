import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { test } from 'node:test';
import { GENERATED_DOCS, withRuleTable } from '../../scripts/generate-docs';
import { packageRoot } from '../../server/src/node/packageRoot';
import { ALL_RULE_META } from '../../server/src/engine/rules/index';

for (const { path, style } of GENERATED_DOCS) {
  const name = relative(packageRoot(), path);
  test(`rule tables: ${name} has the table the rule registry generates`, () => {
    const text = readFileSync(path, 'utf8');
    assert.equal(text, withRuleTable(text, style), 'run: npm run build && npm run docs');
  });

  test(`rule tables: ${name} gives each rule once, with the registry's severity and summary`, () => {
    const text = readFileSync(path, 'utf8');
    for (const meta of ALL_RULE_META) {
      const rows = text.split('\n').filter((line) => line.startsWith(`| [${meta.id}](`));
      assert.equal(rows.length, 1, meta.id);
      assert.ok(rows[0].includes(`| ${meta.defaultSeverity} | ${meta.summary} |`), rows[0]);
    }
  });
}
