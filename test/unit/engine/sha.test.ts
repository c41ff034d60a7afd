import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { fromHex, sha1, sha256, toBase64, toHex, utf8Bytes } from '../../../server/src/engine/text/sha';

/** Every length around the 64-byte block and the 56-byte padding boundary, some larger inputs, and text. */
const inputs: Uint8Array[] = [
  ...Array.from({ length: 200 }, (_, length) => randomBytes(length)),
  randomBytes(4096 + 17),
  randomBytes(1 << 20),
  utf8Bytes(''),
  utf8Bytes('abc'),
  utf8Bytes('héllo, wörld — 日本語 😀'),
];

test('sha1 and sha256 agree with node:crypto', () => {
  for (const input of inputs) {
    assert.equal(toHex(sha1(input)), createHash('sha1').update(input).digest('hex'), `sha1 of ${input.length} bytes`);
    assert.equal(toHex(sha256(input)), createHash('sha256').update(input).digest('hex'), `sha256 of ${input.length} bytes`);
  }
  // FIPS 180-4 examples.
  assert.equal(toHex(sha1(utf8Bytes('abc'))), 'a9993e364706816aba3e25717850c26c9cd0d89d');
  assert.equal(toHex(sha256(utf8Bytes('abc'))), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
});

test('hex and base64 agree with Buffer', () => {
  for (const input of inputs.slice(0, 80)) {
    assert.equal(toBase64(input), Buffer.from(input).toString('base64'));
    assert.equal(toHex(input), Buffer.from(input).toString('hex'));
    assert.deepEqual(fromHex(toHex(input)), new Uint8Array(input));
  }
  assert.equal(toHex(utf8Bytes('é😀')), Buffer.from('é😀', 'utf8').toString('hex'));
});
