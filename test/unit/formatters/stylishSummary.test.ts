import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatters } from './allFormatters';
import type { FileResult, FormatContext } from '../../../server/src/cli/formatters/formatterTypes';
import type { Finding, Severity } from '../../../server/src/engine/types';
import { projectRoot } from '../../helpers';

/* The end of the stylish output: what a newcomer reads after `npx increport check examples/`. */

const context = (overrides: Partial<FormatContext> = {}): FormatContext => ({
  cwd: '/work/proj',
  rules: [],
  color: false,
  toolName: 'increport',
  toolVersion: '0.1.0',
  docsBaseUrl: '',
  ...overrides,
});

const finding = (severity: Severity, line = 0): Finding => ({
  ruleId: 'some-rule',
  severity,
  message: 'm',
  range: { start: { line, character: 0 }, end: { line, character: 1 } },
});

const file = (displayPath: string, ...severities: Severity[]): FileResult => ({
  path: `/work/proj/${displayPath}`,
  displayPath,
  text: 'x\n'.repeat(5),
  findings: severities.map((severity, index) => finding(severity, index)),
});

const HINT = "Each problem ends with its rule code: `increport rules` lists them; increport's docs/rules/<code>.md explains each.";

const tail = (output: string): string[] =>
  output
    .slice(output.lastIndexOf('\n\n') + 2)
    .split('\n')
    .slice(0, -1);

test('stylish summary: files checked, a count per file with problems, and where to read about a rule', () => {
  const results = [file('a.md', 'error', 'warning'), file('clean.md'), file('reports/long-name.md', 'warning', 'warning', 'info'), file('c.md', 'info')];
  assert.deepEqual(tail(formatters.stylish(results, context())), [
    '✖ 6 problems (1 error, 3 warnings, 2 info) in 3 of the 4 files checked',
    '    a.md                  1 error, 1 warning',
    '    reports/long-name.md  2 warnings, 1 info',
    '    c.md                  1 info',
    HINT,
  ]);
});

test('stylish summary: one file with problems needs no list; all files with problems say so', () => {
  assert.deepEqual(tail(formatters.stylish([file('a.md', 'warning'), file('b.md')], context())), ['✖ 1 problem (1 warning) in 1 of the 2 files checked', HINT]);
  assert.deepEqual(tail(formatters.stylish([file('a.md', 'error'), file('b.md', 'error')], context())).slice(0, 1), [
    '✖ 2 problems (2 errors) in all 2 files checked',
  ]);
});

test('stylish summary: a clean run is one line; no files and unreadable files are said plainly', () => {
  assert.equal(formatters.stylish([file('a.md'), file('b.md')], context()), '✔ No problems (2 files checked)\n');
  assert.equal(formatters.stylish([file('a.md')], context()), '✔ No problems (1 file checked)\n');
  const unreadable: FileResult = { path: '/work/proj/x.md', displayPath: 'x.md', findings: [], error: 'File not found' };
  assert.equal(formatters.stylish([unreadable], context()), 'x.md  error  File not found\n\n✖ 1 file could not be checked\n');
});

test('stylish summary: the list stays short for many files', () => {
  const results = Array.from({ length: 14 }, (_, index) => file(`r${String(index).padStart(2, '0')}.md`, 'warning'));
  const lines = tail(formatters.stylish(results, context()));
  assert.equal(lines.length, 1 + 10 + 1 + 1);
  assert.equal(lines[10], '    r09.md  1 warning');
  assert.equal(lines[11], '    … and 4 more files');
});

test('stylish summary: the rule pages are linked when the package has a public address; never the install folder', () => {
  const base = 'https://github.com/o/r/blob/HEAD/docs/rules/';
  assert.equal(
    tail(formatters.stylish([file('a.md', 'error')], context({ docsBaseUrl: base }))).at(-1),
    `Each problem ends with its rule code: \`increport rules\` lists them; ${base}<code>.md explains each.`,
  );
  const output = formatters.stylish([file('a.md', 'error'), file('b.md', 'info')], context({ color: true }));
  assert.equal(output.replace(/\u001b\[\d+m/g, ''), formatters.stylish([file('a.md', 'error'), file('b.md', 'info')], context()));
  assert.ok(!output.includes(projectRoot()));
});

test('stylish summary: the $increport problem matcher takes finding lines only, never summary lines', () => {
  const manifest = JSON.parse(readFileSync(join(projectRoot(), 'package.json'), 'utf8')) as {
    contributes: { problemMatchers: { pattern: { regexp: string } }[] };
  };
  const matcher = new RegExp(manifest.contributes.problemMatchers[0].pattern.regexp);
  const lines = formatters.stylish([file('a.md', 'error', 'warning'), file('b.md', 'info')], context()).split('\n');
  const matched = lines.filter((line) => matcher.test(line));
  assert.equal(matched.length, 3);
  assert.ok(
    matched.every((line) => /^ {2}[ab]\.md:\d+:1 /.test(line)),
    matched.join('\n'),
  );
});
