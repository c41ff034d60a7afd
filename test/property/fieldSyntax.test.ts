import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { fieldAt, trimmedSpan } from '../../server/src/engine/parse/lineSyntax';

/**
 * The grammar of a field key as a regular expression: the reference the hand-written scanner must agree with.
 * The key is the shortest that fits, also for one character (`**A:**` is key `A`).
 */
function reference(line: string, from: number) {
  const match = /^(\*\*|__)([^*_\s](?:[^*_]*?[^*_\s])??)[ \t]*(:?)\1(:?)/.exec(line.slice(from));
  if (!match || (match[3] === ':') === (match[4] === ':')) return undefined;
  const keyStart = from + match[1].length;
  let valueStart = from + match[0].length;
  while (line[valueStart] === ' ' || line[valueStart] === '\t') valueStart++;
  return { keyStart, keyEnd: keyStart + match[2].length, valueStart };
}

test('field syntax: the scanner reads every key as the grammar does', () => {
  const pieces = ['**', '__', '*', '_', ':', ' ', '\t', '\u00a0', 'Key', 'a', 'Date/Time', ' value', '-', '\u2003'];
  const lines = fc.tuple(fc.array(fc.constantFrom(...pieces), { maxLength: 10 }), fc.nat({ max: 3 }));
  fc.assert(
    fc.property(lines, ([chosen, from]) => {
      const line = chosen.join('');
      assert.deepEqual(fieldAt(line, from), reference(line, from), JSON.stringify([line, from]));
    }),
    { numRuns: 20000, seed: 7 },
  );
  for (const [line, expected] of [
    ['**Date/Time:** 2026-01-01', { keyStart: 2, keyEnd: 11, valueStart: 15 }],
    ['**Date/Time**: 2026-01-01', { keyStart: 2, keyEnd: 11, valueStart: 15 }],
    ['__Key :__value', { keyStart: 2, keyEnd: 5, valueStart: 9 }],
    ['**:**:', { keyStart: 2, keyEnd: 3, valueStart: 6 }],
    ['__A:__ one letter', { keyStart: 2, keyEnd: 3, valueStart: 7 }],
  ] as const) {
    assert.deepEqual(fieldAt(line, 0), expected, line);
  }
  for (const line of ['**Key**', '**Key:**:', '** Key:**', '**Key*:*', '**Key:__', '****:']) assert.equal(fieldAt(line, 0), undefined, line);
});

test('line syntax: trimmedSpan is what trim() keeps', () => {
  const pieces = [' ', '\t', '\u00a0', '\u2003', '\ufeff', '\u200b', 'a', 'Key', '\r', '\u3000', '-'];
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 8 }), (chosen) => {
      const line = chosen.join('');
      const { start, end } = trimmedSpan(line);
      assert.equal(line.slice(start, end), line.trim(), JSON.stringify(line));
      assert.equal(start, line.length - line.trimStart().length > end ? end : line.length - line.trimStart().length);
    }),
    { numRuns: 5000, seed: 5 },
  );
});
