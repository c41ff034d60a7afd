import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { isMap, isPair, isScalar, parseDocument } from 'yaml';
import { parseSimpleYaml } from '../../server/src/engine/parse/simpleYaml';

/** Pieces of front matter lines, including the ones the fast path must hand over to the real parser. */
const KEYS = ['id', 'status', 'tlp', 'authors', 'type', 'created', 'x', 'id'];
const VALUES = [
  'IR-2026-0117',
  'final',
  'TLP:AMBER',
  '2026-04-20',
  'Security Team',
  '7',
  '0x1F',
  '1.5e3',
  'true',
  'No',
  'null',
  '~',
  '"quoted"',
  "'q'",
  'a # comment',
  'a: b',
  'tail:',
  '[a, b]',
  '{a: 1}',
  '&anchor x',
  '*alias',
  '- dash',
  'http://x.example/a?b=c',
  'été',
  '.inf',
  '2026',
  '=',
  '<< merge',
  '| block',
  '',
];

const lineArbitrary = fc.oneof(
  fc
    .tuple(fc.constantFrom(...KEYS), fc.constantFrom(...VALUES), fc.constantFrom('', ' ', '  '))
    .map(([key, value, space]) => `${key}:${value ? ` ${value}` : ''}${space}`),
  fc.tuple(fc.constantFrom('', '  ', '    '), fc.constantFrom(...VALUES)).map(([indent, value]) => `${indent}- ${value}`),
  fc.constantFrom('', '# comment', '  continued', 'authors:'),
);

test('property: the front matter fast path agrees with the yaml package wherever it answers', () => {
  let answered = 0;
  fc.assert(
    fc.property(fc.array(lineArbitrary, { maxLength: 8 }), (lines) => {
      const text = lines.map((line) => `${line}\n`).join('');
      const simple = parseSimpleYaml(text);
      if (!simple) return;
      answered++;
      const document = parseDocument(text, { uniqueKeys: true });
      assert.deepEqual(document.errors, [], text);
      assert.deepEqual(simple.data, document.toJS() ?? {}, text);
      const contents = document.contents;
      const pairs = isMap(contents) ? contents.items.filter(isPair) : [];
      assert.deepEqual(
        simple.entries.map((entry) => [entry.keyStart, entry.keyEnd, entry.valueStart, entry.valueEnd]),
        pairs.map((pair) => {
          const key = pair.key as unknown as { range: [number, number] };
          const value = pair.value as unknown as { range: [number, number] };
          const valueEnd = isScalar(pair.value) ? value.range[1] : text.slice(0, value.range[1]).trimEnd().length;
          return [key.range[0], key.range[1], value.range[0], valueEnd];
        }),
        text,
      );
    }),
    { numRuns: 3000, seed: 42 },
  );
  assert.ok(answered > 300, `the fast path answered only ${answered} times`);
});
