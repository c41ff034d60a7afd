import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FramingGuard, MAX_MESSAGE_BYTES } from '../../../server/src/lsp/framingGuard';

const frame = (body: string, headers = '') => `${headers}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;

/** The guard's verdict on `input` fed whole, and fed one byte at a time: they must agree. */
function verdict(input: string | Buffer): string | undefined {
  const bytes = typeof input === 'string' ? Buffer.from(input) : input;
  const whole = new FramingGuard().push(bytes);
  const byByte = new FramingGuard();
  let problem: string | undefined;
  for (let index = 0; index < bytes.length && problem === undefined; index++) problem = byByte.push(bytes.subarray(index, index + 1));
  assert.equal(problem, whole, 'chunking changes nothing');
  return whole;
}

test('framing guard: well-formed streams pass, whatever the bodies hold and however they are chunked', () => {
  const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'x', params: { text: 'é😀\r\n\r\nContent-Length: abc\r\n\r\n\u0000' } });
  assert.equal(
    verdict(frame(body) + frame('{}', 'Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n') + frame('', 'content-length: 9\r\n')),
    undefined,
  );
  assert.equal(verdict(`Content-Length:   ${MAX_MESSAGE_BYTES}  \r\n\r\n`), undefined, 'the limit itself is allowed (the body has not come yet)');
});

test('framing guard: each malformed header is named, with the offset of the byte that shows it', () => {
  assert.equal(verdict('Content-Length: abc\r\n\r\n'), "Content-Length 'abc' is not a number of bytes (at byte 20 of the input)");
  assert.equal(verdict('Content-Length: 1e3\r\n\r\n'), "Content-Length '1e3' is not a number of bytes (at byte 20 of the input)");
  assert.equal(
    verdict(`Content-Length: ${MAX_MESSAGE_BYTES + 1}\r\n\r\n`),
    'Content-Length 67108865 is over the limit of 67108864 bytes (64 MiB) (at byte 25 of the input)',
  );
  assert.equal(verdict(`${frame('{}')}Content-Length: 2\n\n{}`), "byte 0x0A in the value of header 'Content-Length' (at byte 40 of the input)");
  assert.equal(
    verdict(`${frame('{}')}Content-Length: 2\r\r`),
    'byte 0x0D after a carriage return in the header (expected a line feed) (at byte 41 of the input)',
  );
  assert.equal(verdict('Content Length: 2\r\n\r\n'), "byte 0x20 in the header name 'Content' (at byte 7 of the input)");
  assert.equal(verdict('X: 1\r\n\r\n'), 'a message header without Content-Length (at byte 7 of the input)');
  assert.equal(verdict(Buffer.from([0x7b, 0x7d])), "'{' (0x7B) where a header name should start (at byte 0 of the input)");
  assert.equal(verdict(`X: ${'a'.repeat(5000)}`), 'a message header longer than 4096 bytes (no blank line ends it) (at byte 4096 of the input)');
});
