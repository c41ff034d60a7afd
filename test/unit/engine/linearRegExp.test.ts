import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { linearRegExp, UnsupportedPatternError } from '../../../server/src/engine/schema/linearRegExp';
import { projectRoot } from '../../helpers';

/*
 * The linear-time engine must give what JavaScript's RegExp gives, for every pattern we ship or test
 * against (the bundled schemas, the STIX 2.1 schemas of the export tests) and for patterns that probe each
 * place where ECMAScript and RE2 differ. Strings: samples that match (fast-check's stringMatching),
 * mutations of them, and random strings over an alphabet of the characters that tell the dialects apart.
 */

/** Characters where the dialects differ: line terminators, Unicode spaces, \v, non-ASCII letters and digits, surrogates. */
const TRICKY = [
  '\n',
  '\r',
  '\u2028',
  '\u2029',
  '\v',
  '\f',
  '\t',
  ' ',
  '\u00a0',
  '\u2003',
  '\ufeff',
  '\b',
  '\0',
  'é',
  'É',
  'ß',
  'α',
  'Ω',
  'ж',
  '٣',
  '_',
  '-',
  '.',
  '/',
  ':',
  '😀',
  '\ud83d',
  '\ude00',
  'a',
  'Z',
  '0',
  '9',
];
/** JavaScript's side backtracks: keep the strings short so that a nested quantifier in a STIX pattern stays fast. */
const MAX_LENGTH = 16;

function schemaFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    return entry.isDirectory() ? schemaFiles(path) : entry.name.endsWith('.json') ? [path] : [];
  });
}

/** Every `pattern` value and `patternProperties` key in a JSON Schema document. */
function patternsIn(node: unknown, found: Set<string>): Set<string> {
  if (typeof node !== 'object' || node === null) return found;
  for (const [key, value] of Object.entries(node)) {
    if (key === 'pattern' && typeof value === 'string') found.add(value);
    if (key === 'patternProperties' && typeof value === 'object' && value !== null) Object.keys(value).forEach((pattern) => found.add(pattern));
    if (key !== 'enum' && key !== 'const' && key !== 'examples' && key !== 'default') patternsIn(value, found);
  }
  return found;
}

function shippedPatterns(): Map<string, string> {
  const root = projectRoot();
  const byPattern = new Map<string, string>();
  for (const file of [...schemaFiles(join(root, 'schemas')), ...schemaFiles(join(root, 'test', 'fixtures', 'standards', 'stix2.1', 'schemas'))]) {
    for (const pattern of patternsIn(JSON.parse(readFileSync(file, 'utf8')), new Set()))
      if (!byPattern.has(pattern)) byPattern.set(pattern, relative(root, file));
  }
  return byPattern;
}

/** Patterns for each difference between the dialects that the translation spells out. */
const PROBES = [
  '^.$',
  '^..$',
  '.',
  '^.*$',
  '[\\s\\S]',
  '^\\s+$',
  '^\\S+$',
  '[^\\s]',
  '[\\S\\d]',
  '^[\\s\\-]$',
  'a$',
  '^a',
  '^$',
  '\\bfoo\\b',
  '\\Ba\\B',
  '^\\w+$',
  '^\\W$',
  '^\\d+$',
  '^\\D$',
  '[\\w.-]+@[\\w.-]+',
  '^[]$',
  '^[^]$',
  '^[\\b]$',
  '\\x41',
  '\\u00e9',
  '\\u{1F600}',
  '^\\uD83D\\uDE00$',
  '^\\uD83D$',
  '\\cJ',
  '\\0',
  '^\\/$',
  '^[\\-a]$',
  '^[a-]$',
  '^[\\]]$',
  '^[\\^]$',
  '^[^a-z]$',
  '^(?<year>\\d{4})-(?:\\d{2})$',
  '^a+?b*?c??$',
  '^a{2,}$',
  '^a{0}$',
  '^(a|)$',
  '^(|a)b$',
  '()',
  '^[\\t-\\r]$',
  '^\\p{L}+$',
  '^\\P{L}$',
  '^\\p{Lu}',
  '^\\p{gc=Ll}$',
  '^\\p{General_Category=Decimal_Number}$',
  '^\\p{Letter}$',
  '^\\p{Script=Greek}+$',
  '^\\p{sc=Cyrillic}$',
  '^[\\p{L}\\d]+$',
  '^[^\\p{L}]$',
  '^[\\P{Lu}]$',
  '^\\p{Any}$',
  '^\\P{ASCII}$',
  '^[\\P{ASCII}a]$',
  '^\\p{ASCII_Hex_Digit}+$',
  '[\\p{N}_]',
  '^\\p{Zs}$',
  '^\\p{Cs}$',
  '^[.]$',
  '^[*+?{}()|^$]$',
  '^\\.\\*\\+\\?\\(\\)\\[\\]\\{\\}\\|\\^\\$\\\\$',
  '^(a+)+$',
  '^(a|a)*$',
  '(.*a){3}',
];

function validWithFlagU(pattern: string): boolean {
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch {
    return false;
  }
}

function stringsFor(pattern: string, seed: number): string[] {
  const native = new RegExp(pattern, 'u');
  let samples: string[] = [];
  try {
    samples = fc.sample(fc.stringMatching(native, { size: 'small' }), { numRuns: 30, seed });
  } catch {
    // fast-check cannot generate for every construct (e.g. \b): the random strings still cover it.
  }
  const alphabet = [...new Set([...TRICKY, ...pattern.replace(/\\./g, '')])];
  const random = fc.sample(fc.array(fc.constantFrom(...alphabet), { maxLength: 8 }), { numRuns: 60, seed }).map((chars) => chars.join(''));
  const mutations = samples.flatMap((sample, index) => {
    const at = index % (sample.length + 1);
    const char = TRICKY[index % TRICKY.length];
    return [`${sample}\n`, `\n${sample}`, sample.slice(0, at) + char + sample.slice(at), sample.slice(0, at) + sample.slice(at + 1), `${sample}${sample}`];
  });
  return ['', ...samples, ...mutations, ...random].filter((candidate) => candidate.length <= MAX_LENGTH);
}

function differences(pattern: string, seed: number): string[] {
  const native = new RegExp(pattern, 'u');
  const linear = linearRegExp(pattern, 'u');
  const found: string[] = [];
  for (const candidate of stringsFor(pattern, seed)) {
    const expected = native.test(candidate);
    if (linear.test(candidate) !== expected) found.push(`/${pattern}/u on ${JSON.stringify(candidate)}: RegExp ${expected}, linear ${!expected}`);
  }
  return found;
}

test('linear patterns: every pattern of the bundled and STIX schemas compiles and matches as RegExp does', () => {
  const patterns = shippedPatterns();
  assert.ok(patterns.size > 40, `only ${patterns.size} patterns found`);
  const found: string[] = [];
  const invalid: string[] = [];
  let seed = 1;
  for (const [pattern, file] of patterns) {
    if (!validWithFlagU(pattern)) invalid.push(pattern);
    else found.push(...differences(pattern, seed++).map((difference) => `${file}: ${difference}`));
  }
  assert.deepEqual(found, []);
  // OASIS's STIX schemas are written for RegExp without flag u (the export tests compile them so); increport
  // compiles with flag u, as ajv does by default, where `\-` outside a class is an error.
  assert.deepEqual(invalid, ['^([a-z][a-z0-9]*)+(-[a-z0-9]+)*\\-?$', '^([a-z][a-z0-9]*)+(-[a-z0-9]+)*\\-ext$']);
});

test('linear patterns: the bundled schemas use only the supported subset', () => {
  const root = projectRoot();
  for (const file of schemaFiles(join(root, 'schemas'))) {
    for (const pattern of patternsIn(JSON.parse(readFileSync(file, 'utf8')), new Set()))
      assert.doesNotThrow(() => linearRegExp(pattern, 'u'), `${file}: ${pattern}`);
  }
});

test('linear patterns: where ECMAScript and RE2 differ, the translation keeps the ECMAScript meaning', () => {
  const found = PROBES.flatMap((pattern, index) => differences(pattern, 1000 + index));
  assert.deepEqual(found, []);
});

test('linear patterns: what cannot run in linear time, or that RE2 lacks, is refused with the reason', () => {
  const reason = (pattern: string): string => {
    try {
      linearRegExp(pattern, 'u');
      return 'accepted';
    } catch (error) {
      assert.ok(error instanceof UnsupportedPatternError, String(error));
      assert.equal(error.pattern, pattern);
      return error.reason;
    }
  };
  const linearTime = 'which increport does not support in patterns because it cannot be checked in linear time';
  assert.equal(reason('^IR-(?=\\d)'), `uses a look-ahead ((?= or (?!), ${linearTime}`);
  assert.equal(reason('^(?!x)'), `uses a look-ahead ((?= or (?!), ${linearTime}`);
  assert.equal(reason('(?<=a)b'), `uses a look-behind ((?<= or (?<!), ${linearTime}`);
  assert.equal(reason('(?<!a)b'), `uses a look-behind ((?<= or (?<!), ${linearTime}`);
  assert.equal(reason('(a)\\1'), `uses a back-reference (\\1 or \\k<name>), ${linearTime}`);
  assert.equal(reason('(?<x>a)\\k<x>'), `uses a back-reference (\\1 or \\k<name>), ${linearTime}`);
  assert.equal(reason('a{1001}'), "uses a repetition count above 1000, which increport's linear-time pattern engine does not support");
  assert.equal(
    reason('\\p{Emoji}'),
    "uses a Unicode property other than a general category (\\p{Lu}) or a script (\\p{Script=Greek}), which increport's linear-time pattern engine does not support",
  );
  assert.equal(reason('(a{100}){100}'), "is too large or uses syntax that increport's linear-time pattern engine does not support (invalid repeat count)");
  // An invalid pattern is RegExp's SyntaxError, as ajv reported it before.
  assert.throws(() => linearRegExp('(x', 'u'), SyntaxError);
  assert.throws(() => linearRegExp('a', ''), /flag "u" only/);
});

test('linear patterns: hostile patterns on long values take linear time', () => {
  const value = `${'a'.repeat(10_000)}!`;
  for (const pattern of ['^(a+)+$', '^(a|a)*$', '^(.*a){20}$', '(a|aa)+b', '^(\\w+\\s?)*$']) {
    const start = performance.now();
    assert.equal(linearRegExp(pattern, 'u').test(value), false, pattern);
    assert.ok(performance.now() - start < 1000, `${pattern}: ${performance.now() - start} ms`);
  }
  assert.equal(linearRegExp('(a|a)*$', 'u').test(value), true);
  assert.equal(linearRegExp('(.*a){20}', 'u').test(value), true);
});
