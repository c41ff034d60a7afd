import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ALL_RULE_META } from '../../server/src/engine/rules/index';
import { projectRoot } from '../helpers';

const rulesDocs = path.join(projectRoot(), 'docs', 'rules');
const ruleIds = new Set(ALL_RULE_META.map((meta) => meta.id));
const readDoc = (name: string) => fs.readFileSync(path.join(rulesDocs, name), 'utf8');

describe('rule documentation', () => {
  it('knows at least one rule', () => {
    assert.ok(ALL_RULE_META.length > 0);
  });

  for (const meta of ALL_RULE_META) {
    it(`docs/rules/${meta.id}.md exists, is titled '# ${meta.id}' and gives its default severity`, () => {
      const file = path.join(rulesDocs, `${meta.id}.md`);
      assert.ok(fs.existsSync(file), `missing ${path.relative(process.cwd(), file)}`);
      const text = readDoc(`${meta.id}.md`);
      assert.equal(text.split(/\r?\n/, 1)[0], `# ${meta.id}`);
      assert.match(
        text,
        new RegExp(`default severity\\W*${meta.defaultSeverity}\\b`, 'i'),
        `${meta.id}.md should say "Default severity: ${meta.defaultSeverity}"`,
      );
      assert.ok(text.includes(meta.family), `${meta.id}.md should name its family '${meta.family}'`);
    });
  }

  it('has a page only for rules that exist', () => {
    const pages = fs.readdirSync(rulesDocs).filter((name) => name.endsWith('.md') && name !== 'README.md');
    const orphans = pages.filter((name) => !ruleIds.has(name.slice(0, -'.md'.length)));
    assert.deepEqual(orphans, [], `pages for unknown rules: ${orphans.join(', ')}`);
  });

  it('lists and links every rule in the README index', () => {
    const index = readDoc('README.md');
    const missing = ALL_RULE_META.filter((meta) => !index.includes(`[${meta.id}](${meta.id}.md)`)).map((meta) => meta.id);
    assert.deepEqual(missing, [], `README.md does not link: ${missing.join(', ')}`);
  });

  it('gives each rule its default severity in the README index', () => {
    const index = readDoc('README.md');
    for (const meta of ALL_RULE_META) {
      const row = index.split(/\r?\n/).find((line) => line.includes(`[${meta.id}](${meta.id}.md)`));
      assert.ok(row?.includes(`| ${meta.defaultSeverity} |`), `README.md row for ${meta.id} should show '${meta.defaultSeverity}'`);
    }
  });
});
