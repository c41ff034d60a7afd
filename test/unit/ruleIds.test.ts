import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ALL_RULE_META } from '../../server/src/engine/rules/index';
import { projectRoot } from '../helpers';

/**
 * Every rule ID the tests, the examples and the docs name is one the engine reports, so that a renamed or
 * mistyped rule cannot hide in a test that then checks nothing. The few unknown IDs written on purpose
 * (a formatter fed a rule outside the engine, a suppression comment with a typo) are listed with why; an
 * entry that matches nothing fails the test, so the list cannot go stale.
 */
const DELIBERATE: readonly { file: string; id: string; reason: string }[] = [
  { file: 'test/unit/formatters/formatters.test.ts', id: 'custom-rule', reason: 'SARIF appends a rule that findings use but the rule table lacks' },
  { file: 'test/unit/formatters/stylishSummary.test.ts', id: 'some-rule', reason: 'the summary does not depend on the rule' },
  { file: 'test/unit/cli/ruleHelp.test.ts', id: 'custom', reason: 'a finding of a rule without a docs page gets no help' },
  { file: 'examples/broken/structure.md', id: 'section-unkown', reason: 'the misspelling suppression-unknown-rule reports' },
  { file: 'docs/rules/suppression-unknown-rule.md', id: 'placeholders', reason: 'the misspelling the rule reports' },
  { file: 'README.md', id: 'rule-id', reason: 'the form of an expect comment, not a rule' },
];

const KNOWN = new Set(ALL_RULE_META.map((meta) => meta.id));
const ROOT = projectRoot();

function filesUnder(folder: string, extension: string): string[] {
  return readdirSync(join(ROOT, folder), { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return filesUnder(path, extension);
    return entry.name.endsWith(extension) ? [path.split('\\').join('/')] : [];
  });
}

/** Every match of `pattern`'s first group, split at commas and spaces. */
function idsIn(text: string, pattern: RegExp): string[] {
  return [...text.matchAll(pattern)].flatMap((match) => match[1].split(/[\s,]+/)).filter((id) => id !== '');
}

/** Rule IDs as tests write them: in findings and fake findings, fix requests, expected finding lines. */
const TEST_PATTERNS = [
  /\bruleId\s*(?:[:=]|[!=]==)\s*'([a-z0-9-]+)'/g,
  /\bapplyFix\([^,()]*,\s*'([a-z0-9-]+)'/g,
  /\bfinding\('([a-z0-9-]+)'/g,
  /\bid:\s*'([a-z0-9-]+)',\s*family:/g,
  /['"`]\d+:\d+-\d+:\d+ (?:error|warning|info) ([a-z0-9-]+) /g,
];
/** Rule IDs in Markdown: expectations of the broken examples, suppression comments, links to rule pages. */
const MARKDOWN_PATTERNS = [
  /<!--\s*expect:\s*([a-z0-9, -]+?)\s*-->/g,
  /<!--\s*increport-(?:disable|enable)(?:-line|-next-line)?\s+([a-z0-9, -]+?)\s*-->/g,
  /\]\((?:\.\.\/|docs\/)?rules\/([a-z0-9-]+)\.md\b/g,
];

function unknownIds(): { file: string; id: string }[] {
  const sources = [
    ...filesUnder('test', '.ts')
      .filter((file) => file !== 'test/unit/ruleIds.test.ts')
      .map((file) => ({ file, patterns: TEST_PATTERNS })),
    ...['examples', 'test/fixtures', 'docs'].flatMap((folder) => filesUnder(folder, '.md')).map((file) => ({ file, patterns: MARKDOWN_PATTERNS })),
    { file: 'README.md', patterns: MARKDOWN_PATTERNS },
  ];
  return sources.flatMap(({ file, patterns }) => {
    const text = readFileSync(join(ROOT, file), 'utf8');
    return patterns
      .flatMap((pattern) => idsIn(text, pattern))
      .filter((id) => !KNOWN.has(id))
      .map((id) => ({ file, id }));
  });
}

test('rule IDs: every rule the tests, examples and docs name exists in the engine', () => {
  const unknown = unknownIds();
  const unexpected = unknown.filter((found) => !DELIBERATE.some((entry) => entry.file === found.file && entry.id === found.id));
  assert.deepEqual(
    unexpected.map((found) => `${found.file}: ${found.id}`),
    [],
  );
  const stale = DELIBERATE.filter((entry) => !unknown.some((found) => found.file === entry.file && found.id === entry.id));
  assert.deepEqual(
    stale.map((entry) => `${entry.file}: ${entry.id}`),
    [],
    'deliberate entries that match nothing',
  );
});

test('rule IDs: the scan finds the IDs where tests, examples and docs write them', () => {
  const sample = `ruleId: 'a-b' ruleId === 'c-d' applyFix(text, 'e-f', 'x') finding('g-h', 'info') "1:2-3:4 error i-j message"`;
  assert.deepEqual(
    TEST_PATTERNS.flatMap((pattern) => idsIn(sample, pattern)),
    ['a-b', 'c-d', 'e-f', 'g-h', 'i-j'],
  );
  const markdown = '<!-- expect: k-l, m-n --> <!-- increport-disable-next-line o-p q-r --> [x](rules/s-t.md)';
  assert.deepEqual(
    MARKDOWN_PATTERNS.flatMap((pattern) => idsIn(markdown, pattern)),
    ['k-l', 'm-n', 'o-p', 'q-r', 's-t'],
  );
  assert.ok(ALL_RULE_META.length > 20, 'the engine lists its rules');
});
