import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { findInvalidUtf8 } from '../../../server/src/node/invalidUtf8';
import { decodeReport } from '../../../server/src/node/readReport';

const utf8 = (text: string) => [...Buffer.from(text, 'utf8')];
const bytesOf = (...parts: (string | number[])[]) => Uint8Array.from(parts.flatMap((part) => (typeof part === 'string' ? utf8(part) : part)));
const errorOf = (bytes: Uint8Array) => {
  const outcome = decodeReport(bytes);
  assert.ok('error' in outcome, 'expected an error');
  return outcome.error;
};

describe('invalid UTF-8: the first bad sequence, located as the WHATWG decoder finds it', () => {
  test('overlong encodings: C0 80 (its lead byte is never valid), E0 80 80 and F0 80 80 80 (first continuation out of range)', () => {
    assert.equal(
      errorOf(bytesOf('# T\nab', [0xc0, 0x80], 'c')),
      'File is not valid UTF-8 at line 2, column 3 (byte offset 6): an overlong encoding (a character that has a shorter form) (byte C0)',
    );
    assert.equal(
      errorOf(bytesOf('# T\nab', [0xe0, 0x80, 0x80])),
      'File is not valid UTF-8 at line 2, column 3 (byte offset 6): an overlong encoding (a character that has a shorter form) (byte E0)',
    );
    assert.deepEqual(findInvalidUtf8(bytesOf('x', [0xf0, 0x80, 0x80, 0x80])), {
      offset: 1,
      bytes: [0xf0],
      line: 1,
      column: 2,
      reason: 'an overlong encoding (a character that has a shorter form)',
    });
  });

  test('an encoded surrogate (ED A0 80) and a code point above U+10FFFF (F4 90 80 80)', () => {
    assert.equal(
      errorOf(bytesOf('# T\n\n- x: ', [0xed, 0xa0, 0x80])),
      'File is not valid UTF-8 at line 3, column 6 (byte offset 10): an encoded surrogate (U+D800–U+DFFF are not characters) (byte ED)',
    );
    assert.equal(
      errorOf(bytesOf('# T ', [0xf4, 0x90, 0x80, 0x80])),
      'File is not valid UTF-8 at line 1, column 5 (byte offset 4): a code point above U+10FFFF (byte F4)',
    );
    // The last valid ones on each side are fine: U+D7FF (ED 9F BF), U+E000 (EE 80 80), U+10FFFF (F4 8F BF BF).
    assert.equal(findInvalidUtf8(bytesOf([0xed, 0x9f, 0xbf, 0xee, 0x80, 0x80, 0xf4, 0x8f, 0xbf, 0xbf])), undefined);
  });

  test('a sequence cut short by the end of the text or by another byte: its valid prefix is the bad sequence', () => {
    assert.equal(
      errorOf(bytesOf('# T\nend ', [0xe2, 0x82])),
      'File is not valid UTF-8 at line 2, column 5 (byte offset 8): the text ends in the middle of a character (bytes E2 82)',
    );
    assert.deepEqual(findInvalidUtf8(bytesOf([0xf0, 0x9f, 0x98])), {
      offset: 0,
      bytes: [0xf0, 0x9f, 0x98],
      line: 1,
      column: 1,
      reason: 'the text ends in the middle of a character',
    });
    assert.deepEqual(findInvalidUtf8(bytesOf('a', [0xe2, 0x82], 'b')), {
      offset: 1,
      bytes: [0xe2, 0x82],
      line: 1,
      column: 2,
      reason: 'a character cut short by byte 0x62',
    });
    // Latin-1 é (E9) followed by a newline: one byte, cut short by 0A.
    assert.equal(
      errorOf(bytesOf('# caf', [0xe9], '\n')),
      'File is not valid UTF-8 at line 1, column 6 (byte offset 5): a character cut short by byte 0x0A (byte E9)',
    );
  });

  test('stray continuation bytes and bytes that never occur (F5–FF)', () => {
    assert.deepEqual(findInvalidUtf8(bytesOf('ab', [0x80])), {
      offset: 2,
      bytes: [0x80],
      line: 1,
      column: 3,
      reason: 'a continuation byte with no character to continue',
    });
    assert.deepEqual(findInvalidUtf8(bytesOf('ab', [0xff])), { offset: 2, bytes: [0xff], line: 1, column: 3, reason: 'a byte that never occurs in UTF-8' });
  });

  test('columns count UTF-16 code units: an emoji (4 bytes) before the bad byte counts 2, é (2 bytes) 1; CRLF and CR end lines; a BOM is not counted', () => {
    // "😀é" = F0 9F 98 80 C3 A9: 6 bytes, 3 UTF-16 units.
    assert.equal(
      errorOf(bytesOf('# T\r\n- 😀é ', [0xed, 0xa0, 0x80])),
      'File is not valid UTF-8 at line 2, column 7 (byte offset 14): an encoded surrogate (U+D800–U+DFFF are not characters) (byte ED)',
    );
    assert.deepEqual(findInvalidUtf8(bytesOf('a\rb\n😀😀', [0xc1])), {
      offset: 12,
      bytes: [0xc1],
      line: 3,
      column: 5,
      reason: 'an overlong encoding (a character that has a shorter form)',
    });
    assert.equal(
      errorOf(bytesOf([0xef, 0xbb, 0xbf], 'ab', [0xc0])),
      'File is not valid UTF-8 at line 1, column 3 (byte offset 5): an overlong encoding (a character that has a shorter form) (byte C0)',
    );
  });

  test('agrees with TextDecoder on where the text stops being valid, for every 1–3 byte tail after valid text', () => {
    const tails: number[][] = [];
    const interesting = [
      0x00, 0x41, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xe1, 0xed, 0xee, 0xef, 0xf0, 0xf1, 0xf4, 0xf5, 0xff,
    ];
    for (const a of interesting) for (const b of interesting) for (const c of [0x80, 0xbf, 0x41]) tails.push([a, b, c], [a, b]);
    for (const tail of tails) {
      const bytes = bytesOf('é😀\n', tail);
      const found = findInvalidUtf8(bytes);
      const replaced = new TextDecoder('utf-8').decode(bytes);
      const firstBad = replaced.indexOf('\ufffd');
      assert.equal(found === undefined, firstBad < 0, tail.map((byte) => byte.toString(16)).join(' '));
      if (!found) continue;
      // The decoder replaces exactly the maximal subpart with one U+FFFD: what follows it decodes the same.
      assert.equal(new TextDecoder('utf-8').decode(bytes.subarray(found.offset + found.bytes.length)), replaced.slice(firstBad + 1), tail.join(' '));
      assert.equal(found.column, 1 + firstBad - replaced.lastIndexOf('\n', firstBad) - 1);
    }
  });
});
