import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { projectRoot } from '../helpers';
import { SERVER_REPLY_TIMEOUT_MS } from './lspHarness';

const frame = (body: string) => `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
const INITIALIZE = frame(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } }));
const request = (id: number, method: string) => frame(JSON.stringify({ jsonrpc: '2.0', id, method, params: null }));
const PREFIX = 'increport language server: malformed LSP message framing: ';
const SUFFIX = '. Exiting with status 1 so that the client restarts the server.\n';

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Spawns the bundled server over stdio, writes `input` (chunks, in order) and keeps stdin OPEN: before the
 * fix the server then waited for ever, so only an exit of its own ends this (or the timeout fails it).
 */
function run(input: (string | Buffer)[]): Promise<Outcome> {
  const child = spawn(process.execPath, [join(projectRoot(), 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (data: Buffer) => (stdout += data.toString()));
  child.stderr.on('data', (data: Buffer) => (stderr += data.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`the server did not exit within ${SERVER_REPLY_TIMEOUT_MS} ms; stderr: ${stderr}`));
    }, SERVER_REPLY_TIMEOUT_MS);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    for (const chunk of input) child.stdin.write(chunk);
  });
}

async function assertFramingExit(input: (string | Buffer)[], problem: string): Promise<void> {
  const outcome = await run(input);
  assert.equal(outcome.code, 1);
  assert.equal(outcome.stderr, `${PREFIX}${problem}${SUFFIX}`);
}

describe('protocol: malformed framing over stdio ends the server with a message (the client restarts it)', () => {
  test('Content-Length that is not a number, negative, or over 64 MiB (no 2 GB buffer is allocated)', async () => {
    await assertFramingExit(['Content-Length: abc\r\n\r\n{}'], "Content-Length 'abc' is not a number of bytes (at byte 20 of the input)");
    await assertFramingExit(['Content-Length: -5\r\n\r\n{}'], "Content-Length '-5' is not a number of bytes (at byte 19 of the input)");
    await assertFramingExit(
      ['Content-Length: 2147483648\r\n\r\n{'],
      'Content-Length 2147483648 is over the limit of 67108864 bytes (64 MiB) (at byte 27 of the input)',
    );
  });

  test('after a well-formed message: a missing header terminator, garbage bytes, a header without Content-Length', async () => {
    const first = await run([INITIALIZE, 'Content-Length: 2\r\n{}']);
    assert.equal(first.code, 1);
    const offset = Buffer.byteLength(INITIALIZE) + 'Content-Length: 2\r\n'.length;
    assert.equal(first.stderr, `${PREFIX}'{' (0x7B) where a header name should start (at byte ${offset} of the input)${SUFFIX}`);
    await assertFramingExit(
      [INITIALIZE, Buffer.from([0x1b, 0x00, 0xff])],
      `byte 0x1B where a header name should start (at byte ${Buffer.byteLength(INITIALIZE)} of the input)`,
    );
    await assertFramingExit(
      ['Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}'],
      'a message header without Content-Length (at byte 58 of the input)',
    );
    await assertFramingExit([`X-Padding: ${'a'.repeat(5000)}`], 'a message header longer than 4096 bytes (no blank line ends it) (at byte 4096 of the input)');
  });

  test('well-formed messages split anywhere, and bodies that contain header-like text, are answered', async () => {
    const body = JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'no/such-method', params: { text: '\r\n\r\nContent-Length: abc\r\n\r\n' } });
    const bytes = Buffer.from(INITIALIZE + frame(body) + request(3, 'shutdown') + frame(JSON.stringify({ jsonrpc: '2.0', method: 'exit' })));
    const chunks = [...Array(Math.ceil(bytes.length / 7)).keys()].map((index) => bytes.subarray(index * 7, index * 7 + 7));
    const outcome = await run(chunks);
    assert.equal(outcome.code, 0, outcome.stderr);
    assert.equal(outcome.stderr, '');
    assert.match(outcome.stdout, /"id":1,"result":\{"capabilities"/);
    assert.match(outcome.stdout, /"id":2,"error":\{"code":-32601/);
    assert.match(outcome.stdout, /"id":3,"result":null/);
  });
});
