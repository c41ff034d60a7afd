import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { projectRoot } from '../../helpers';
import { auditRegex } from './regexAnalysis';
import { findRegexes } from './regexSources';

/**
 * Patterns the audit flags that are linear all the same, each with why. An entry matches a flagged
 * pattern of `file` whose source contains `contains`; an entry that matches nothing fails the test, so
 * the list cannot go stale. Prefer rewriting a pattern to adding it here.
 */
const ALLOWLIST: readonly { file: string; contains: string; reason: string }[] = [
  {
    file: 'server/src/cli/ruleHelp.ts',
    contains: '(#{1,2})\\s+(.*?)\\s*#*\\s*$',
    reason: 'reads the bundled docs/rules.md (our own short headings), never report text',
  },
  { file: 'server/src/cli/ruleHelp.ts', contains: '\\s*#*\\s*$', reason: 'reads the bundled docs/rules.md (our own short headings), never report text' },
  { file: 'server/src/cli/ruleHelp.ts', contains: '!?\\[([^\\]]*)\\]\\(', reason: 'reads the bundled docs/rules.md (our own links), never report text' },
  {
    file: 'server/src/cli/ruleHelp.ts',
    contains: '#{1,6}\\s+(.*?)\\s*#*\\s*$',
    reason: 'reads the bundled docs/rules.md (our own short headings), never report text',
  },
  {
    file: 'server/src/engine/attack/stixToCatalog.ts',
    contains: '(?:\\([^()]*\\)[^()]*)*',
    reason: "each iteration starts with '(', which the inner classes exclude: every character belongs to one iteration",
  },
  {
    file: 'server/src/engine/iocs/iocPatterns.ts',
    contains: 'h(?:tt|xx)ps?',
    reason:
      'URL: host labels exclude the dot markers that start each iteration; user info, host and path are separated by @, / and markers their classes exclude',
  },
  {
    file: 'server/src/engine/iocs/iocPatterns.ts',
    contains: '[a-z0-9_%+-]+(?:',
    reason: 'e-mail: atomic (look-ahead and back-reference); local-part and domain labels exclude the dot markers that start each iteration',
  },
  {
    file: 'server/src/engine/iocs/iocPatterns.ts',
    contains: '(?:[0-9a-f]|:|\\[:\\])+',
    reason: "IPv6: atomic, and the look-behind rejects a start after a hex digit, ':' or ']' (the end of '[:]'), so each run is tried once",
  },
  {
    file: 'server/src/engine/iocs/iocPatterns.ts',
    contains: '(?:[a-z0-9][a-z0-9-]*)(?:',
    reason: 'domain: atomic; labels exclude the dot markers that start each iteration; the look-behind rejects starts inside a name',
  },
  {
    file: 'server/src/engine/iocs/iocPatterns.ts',
    contains: '\\.?[ \\t]*:?[ \\t]*$',
    reason: 'VERSION_WORD_BEFORE is only tested on the 20 characters before a match',
  },
  {
    file: 'server/src/engine/render/renderReport.ts',
    contains: "(?: (?:'[a-z-]+'|",
    reason: 'anchored, and each iteration starts with a space, which the inner classes exclude',
  },
  {
    file: 'server/src/engine/placeholders/scanPlaceholders.ts',
    contains: '(?: [A-Za-z]+){0,4}',
    reason: 'at most 4 iterations, each starting with a space the inner class excludes',
  },
  { file: 'server/src/engine/schema/names.ts', contains: '\\d+(?:\\.\\d+)*', reason: "anchored; each iteration starts with '.', which \\d excludes" },
  { file: 'server/src/node/ruleDocs.ts', contains: '(?:-[a-z0-9]+)*', reason: "anchored; each iteration starts with '-', which the class excludes" },
];

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    return entry.isDirectory() ? sourceFiles(path) : entry.name.endsWith('.ts') ? [path] : [];
  });
}

test('regex audit: no pattern in server/src nests quantifiers, repeats overlapping runs or retries a run from each position', () => {
  const root = projectRoot();
  const used = new Set<number>();
  const flagged: string[] = [];
  let count = 0;
  for (const path of sourceFiles(join(root, 'server', 'src'))) {
    const file = relative(root, path).split('\\').join('/');
    for (const regex of findRegexes(readFileSync(path, 'utf8'))) {
      count++;
      const problems = auditRegex(regex.source, regex.flags);
      if (problems.length === 0) continue;
      const allowed = ALLOWLIST.flatMap((entry, index) => (entry.file === file && regex.source.includes(entry.contains) ? [index] : []));
      allowed.forEach((index) => used.add(index));
      if (allowed.length === 0) flagged.push(`${file}:${regex.line} /${regex.source}/${regex.flags}: ${problems.map((p) => p.detail).join('; ')}`);
    }
  }
  assert.ok(count > 200, `only ${count} patterns found: the extraction is broken`);
  assert.deepEqual(flagged, []);
  assert.deepEqual(
    ALLOWLIST.filter((_, index) => !used.has(index)).map((entry) => `${entry.file}: ${entry.contains}`),
    [],
    'allowlist entries that match nothing',
  );
});

test('regex audit: the detector flags the shapes that backtrack, and not their linear rewrites', () => {
  const kinds = (source: string, flags = '') => auditRegex(source, flags).map((problem) => problem.kind);
  assert.deepEqual(kinds('(a+)+'), ['nested-quantifier']);
  assert.deepEqual(kinds('^(a+)+$'), ['nested-quantifier']);
  assert.deepEqual(kinds('^(\\s*x)*$'), ['nested-quantifier']);
  assert.deepEqual(kinds('^(?:[a-z]+\\.)+$', 'i'), ['nested-quantifier']);
  assert.deepEqual(kinds('^(?:[ \\t]*>[ \\t]?)*[ \\t]*-'), ['nested-quantifier', 'overlapping-quantifiers']);
  assert.deepEqual(kinds('^x\\s*\\s+y'), ['overlapping-quantifiers']);
  assert.deepEqual(kinds('^k:[ \\t]*(["\']?)([^"\'#]*)$'), ['overlapping-quantifiers']);
  assert.deepEqual(kinds('\\s*\\r?\\n\\s*', 'g'), ['leading-quantifier']);
  assert.deepEqual(kinds('\\s*\\([^()]*\\)\\s*$'), ['leading-quantifier']);
  assert.deepEqual(kinds('\\S*$'), ['leading-quantifier']);
  // Linear shapes.
  assert.deepEqual(kinds('\\s+', 'g'), []);
  assert.deepEqual(kinds('^[A-Za-z_][\\w-]*'), []);
  assert.deepEqual(kinds('(?<!\\s)\\s*\\(', 'g'), []);
  assert.deepEqual(kinds('^T\\d{4}(?:\\.\\d{3})?$'), []);
  assert.deepEqual(kinds('\\{\\{[^{}\\n]*\\}\\}', 'g'), []);
});

test('regex audit: a nested quantifier added to a source file is found', () => {
  const source = [
    'const DIVIDED = total / count / 2; // not a regex',
    'const PATTERN = /(a+)+$/; // a literal',
    "const TEXT = 'not /(a+)+/ a regex';",
    'const PART = String.raw`[a-z]+`;',
    "const BUILT = new RegExp(`^(?:${PART}\\\\.)+$`, 'i');",
  ].join('\n');
  const found = findRegexes(source).map((regex) => ({
    line: regex.line,
    source: regex.source,
    problems: auditRegex(regex.source, regex.flags).map((p) => p.kind),
  }));
  assert.deepEqual(found, [
    { line: 2, source: '(a+)+$', problems: ['nested-quantifier', 'leading-quantifier'] },
    { line: 5, source: '^(?:(?:[a-z]+)\\.)+$', problems: ['nested-quantifier'] },
  ]);
});
