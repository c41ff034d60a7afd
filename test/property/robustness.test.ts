import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { assertRangeInside, engine, projectRoot, seedText } from '../helpers';

/** Property runs per test: enough to find edge cases, small enough to keep the suite fast. */
const EDIT_RUNS = 400;

/** Characters that change Markdown structure, plus ones that stress positions (CR, tab, BOM, surrogates). */
const STRUCTURAL_SNIPPETS = [
  '\n',
  '\r\n',
  '\r',
  '#',
  '## ',
  '### ',
  '- ',
  '* ',
  '+ ',
  '1. ',
  '**',
  '__',
  ':',
  '`',
  '```\n',
  '---\n',
  '> ',
  '|',
  '\t',
  ' ',
  '<!--',
  '-->',
  '<!-- increport-disable -->',
  '\uFEFF',
  '😀',
  '\uD800',
  'é',
  '[',
  ']',
  '{{',
  '}}',
  'TBD',
  '=\n',
  '    ',
  // Domain syntax, so the ATT&CK, date and IOC rules see near-misses too.
  'T1566.001',
  'T15',
  'TA0001',
  '**Initial Access:** ',
  'Spearphishing',
  'hxxp[://]',
  '[.]',
  '[@]',
  '(.)',
  '2026-06-31',
  'June 1, 2026',
  ' 05:00 ET',
  'approx. ',
  'prior to ',
  '–',
  'CVE-2024-',
  '10.0.0.',
  '300.',
  '::',
  'd41d8cd98f00b204e9800998ecf8427e',
  'SHA256: ',
  '## Indicators of Compromise\n',
  '### Phase\n- **Date/Time:** ',
];

type Edit = { kind: 'insert'; at: number; text: string } | { kind: 'delete'; at: number; length: number } | { kind: 'duplicate'; at: number; length: number };

const editArbitrary: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.oneof(fc.constantFrom(...STRUCTURAL_SNIPPETS), fc.string({ maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 6 })),
  }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 80 }) }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 200 }) }),
);

function applyEdit(text: string, edit: Edit): string {
  const at = text.length === 0 ? 0 : edit.at % (text.length + 1);
  if (edit.kind === 'insert') return text.slice(0, at) + edit.text + text.slice(at);
  if (edit.kind === 'delete') return text.slice(0, at) + text.slice(at + edit.length);
  return text.slice(0, at) + text.slice(at, at + edit.length) + text.slice(at);
}

/** The engine's contract on any text: no exception, and every range inside the document. */
function assertSurvives(text: string): void {
  const { findings, model } = engine().check(text);
  for (const finding of findings) assertRangeInside(finding.range, text);
  for (const section of model.sections) {
    assertRangeInside(section.range, text);
    for (const field of section.fields) {
      assertRangeInside(field.keyRange, text);
      assertRangeInside(field.valueRange, text);
    }
  }
}

test('property: random edits of the seed never throw and keep every range inside the document', () => {
  fc.assert(
    fc.property(fc.array(editArbitrary, { minLength: 1, maxLength: 25 }), (edits) => {
      assertSurvives(edits.reduce(applyEdit, seedText()));
    }),
    { numRuns: EDIT_RUNS, seed: 20261127 },
  );
});

test('property: arbitrary strings (including lone surrogates and control characters) are survived', () => {
  fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 400 }), assertSurvives), { numRuns: EDIT_RUNS, seed: 7 });
});

test('property: all 652 CommonMark spec examples, alone and appended to the seed', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- commonmark-spec has no types
  const { tests } = require('commonmark-spec') as { tests: { markdown: string }[] };
  assert.equal(tests.length, 652);
  for (const example of tests) {
    assertSurvives(example.markdown);
    assertSurvives(`${seedText()}\n${example.markdown}`);
  }
});

test('property: the real-world corpus (public incident write-ups, postmortems, templates) is survived', (context) => {
  const corpus = join(projectRoot(), '..', 'shared', 'corpus');
  if (!existsSync(corpus)) {
    context.skip(`corpus not found at ${corpus}`);
    return;
  }
  let documents = 0;
  for (const folder of ['reports', 'templates']) {
    for (const name of readdirSync(join(corpus, folder)).filter((file) => file.endsWith('.md'))) {
      assertSurvives(readFileSync(join(corpus, folder, name), 'utf8'));
      documents++;
    }
  }
  assert.ok(documents > 30, `only ${documents} corpus documents found`);
});
