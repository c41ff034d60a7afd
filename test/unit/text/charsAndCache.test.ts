import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DerivedCache } from '../../../server/src/engine/model/derivedCache';
import { isLetterAt, isUppercaseAt } from '../../../server/src/engine/text/chars';
import { memoizeString } from '../../../server/src/engine/text/memo';

describe('isLetterAt and isUppercaseAt read one character as \\p{L} and \\p{Lu} would', () => {
  test('ASCII, accented, non-Latin and astral letters; punctuation, digits and positions past either end', () => {
    const text = 'aZ9-é’Ω𝐀 ';
    const letters = [...Array(text.length + 2).keys()].map((offset) => isLetterAt(text, offset - 1));
    // -1, a, Z, 9, -, é, ’, Ω, 𝐀 (two code units: the first reads the pair), space, past the end
    assert.deepEqual(letters, [false, true, true, false, false, true, false, true, true, false, false, false]);
    assert.deepEqual(
      ['a', 'Z', 'é', 'É', 'Ω', 'ω', '9', '’'].map((char) => isUppercaseAt(char, 0)),
      [false, true, false, true, true, false, false, false],
    );
    // Every BMP code unit agrees with the Unicode property (the non-ASCII answers are cached per process).
    for (let code = 0; code < 0xd800; code++) {
      const char = String.fromCharCode(code);
      if (isLetterAt(char, 0) !== /^\p{L}/u.test(char)) assert.fail(`U+${code.toString(16)} read wrong`);
      if (isLetterAt(char, 0) !== /^\p{L}/u.test(char)) assert.fail(`U+${code.toString(16)} read wrong the second time`);
    }
  });
});

describe('DerivedCache keeps a value on its owner', () => {
  test('a value per owner and per cache, unseen by JSON, structured cloning and Object.keys', () => {
    const rows = new DerivedCache<object, string[]>('rows');
    const other = new DerivedCache<object, string[]>('rows');
    const section = { heading: 'Timeline' };
    const twin = { heading: 'Timeline' };
    assert.equal(rows.get(section), undefined);
    rows.set(section, ['a']);
    assert.deepEqual(rows.get(section), ['a']);
    assert.equal(rows.get(twin), undefined);
    assert.equal(other.get(section), undefined, 'two caches of the same name do not share a value');
    rows.set(section, ['b']);
    assert.deepEqual(rows.get(section), ['b'], 'a value can be replaced');
    assert.equal(JSON.stringify(section), '{"heading":"Timeline"}');
    assert.deepStrictEqual(structuredClone(section), { heading: 'Timeline' });
    assert.deepEqual(Object.keys(section), ['heading']);
    // The key is an enumerable symbol (an assignment, not a slow Object.defineProperty): a spread copies it,
    // and with it the cache, which is why the model's objects are never spread.
    assert.deepEqual(rows.get({ ...section }), ['b']);
    assert.notDeepStrictEqual(section, twin);
  });

  test('a frozen owner is not cached, and not an error', () => {
    const cache = new DerivedCache<object, number>('count');
    const frozen = Object.freeze({ heading: 'Timeline' });
    cache.set(frozen, 3);
    assert.equal(cache.get(frozen), undefined);
  });
});

describe('memoizeString', () => {
  test('computes a text once, remembers undefined and null answers, and starts over when full', () => {
    const computed: string[] = [];
    const find = memoizeString((text: string) => {
      computed.push(text);
      return text === 'none' ? undefined : text === 'null' ? null : text.length;
    }, 3);
    assert.deepEqual([find('abc'), find('abc'), find('none'), find('none'), find('null'), find('null')], [3, 3, undefined, undefined, null, null]);
    assert.deepEqual(computed, ['abc', 'none', 'null']);
    find('d'); // a fourth entry: the cache (size 3) starts over
    find('abc');
    assert.deepEqual(computed, ['abc', 'none', 'null', 'd', 'abc']);
  });
});
