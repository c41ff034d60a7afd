import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, test } from 'node:test';
import {
  formatLimit,
  MAX_ATTACK_BUNDLE_BYTES,
  MAX_CONFIG_BYTES,
  MAX_REPORT_BYTES,
  readFileBounded,
  readStreamPrefix,
} from '../../../server/src/node/boundedRead';
import { nodeFileSystem } from '../../../server/src/node/nodeFileSystem';
import { readReportFile } from '../../../server/src/node/readReport';

const root = mkdtempSync(join(tmpdir(), 'increport-bounded-'));
after(() => rmSync(root, { recursive: true, force: true }));

const fifo = join(root, 'fifo.md');
execFileSync('mkfifo', [fifo]);
const zero = join(root, 'zero.md');
symlinkSync('/dev/zero', zero);
const folder = join(root, 'folder.md');
mkdirSync(folder);
const small = join(root, 'small.md');
writeFileSync(small, '# Incident Report: X\n');

const outcome = (path: string, maxBytes: number) => {
  const read = readFileBounded(path, maxBytes);
  return 'bytes' in read ? { bytes: read.bytes.toString('utf8') } : read.failure;
};

test('boundedRead: a FIFO is refused at once, without waiting for a writer', { timeout: 10_000 }, () => {
  assert.deepEqual(outcome(fifo, MAX_REPORT_BYTES), { kind: 'not-regular', message: 'Not a regular file (a FIFO)' });
});

test('boundedRead: a symbolic link to /dev/zero is refused as what it points to, not read', { timeout: 10_000 }, () => {
  assert.deepEqual(outcome(zero, MAX_REPORT_BYTES), { kind: 'not-regular', message: 'Not a regular file (a character device)' });
});

test('boundedRead: a folder, a missing file', () => {
  assert.deepEqual(outcome(folder, MAX_REPORT_BYTES), { kind: 'directory', message: 'Not a regular file (a directory)' });
  assert.deepEqual(outcome(join(root, 'missing.md'), MAX_REPORT_BYTES), { kind: 'not-found', message: 'File not found' });
  assert.deepEqual(outcome(join(small, 'below-a-file.md'), MAX_REPORT_BYTES), { kind: 'not-found', message: 'File not found' });
});

test('boundedRead: the cap is inclusive; one byte more is "larger than the limit"', () => {
  const path = join(root, 'sized.txt');
  writeFileSync(path, 'x'.repeat(1000));
  assert.deepEqual(outcome(path, 1000), { bytes: 'x'.repeat(1000) });
  assert.deepEqual(outcome(path, 999), { kind: 'too-large', message: 'File is larger than the 1 KiB limit' });
});

test(
  'boundedRead: the size from stat is not trusted (files in /proc say 0 and have content)',
  { skip: process.platform !== 'linux' && 'Linux /proc only' },
  () => {
    const read = readFileBounded('/proc/self/status', 1024 * 1024);
    assert.ok('bytes' in read);
    assert.match(read.bytes.toString('utf8'), /^Name:\t/);
  },
);

test('boundedRead: permission denied is its own message', { skip: process.getuid?.() === 0 && 'root reads any file' }, () => {
  const path = join(root, 'secret.md');
  writeFileSync(path, 'x');
  chmodSync(path, 0o000);
  assert.deepEqual(outcome(path, 10), { kind: 'permission-denied', message: 'Permission denied' });
});

test('boundedRead: limits as messages write them', () => {
  assert.deepEqual([MAX_REPORT_BYTES, MAX_CONFIG_BYTES, MAX_ATTACK_BUNDLE_BYTES, 1536 * 1024, 512 * 1024].map(formatLimit), [
    '10 MiB',
    '1 MiB',
    '128 MiB',
    '1.5 MiB',
    '512 KiB',
  ]);
});

test('boundedRead: reports say what they are instead of being read', { timeout: 10_000 }, () => {
  assert.deepEqual([fifo, zero, folder, join(root, 'missing.md')].map(readReportFile), [
    { error: 'Not a regular file (a FIFO)' },
    { error: 'Not a regular file (a character device)' },
    { error: 'Not a regular file (a directory)' },
    { error: 'File not found' },
  ]);
  const huge = join(root, 'huge.md');
  writeFileSync(huge, Buffer.alloc(MAX_REPORT_BYTES + 1, 0x61));
  assert.deepEqual(readReportFile(huge), { error: 'File is larger than the 10 MiB limit' });
  writeFileSync(huge, Buffer.alloc(MAX_REPORT_BYTES, 0x61));
  assert.equal((readReportFile(huge) as { text: string }).text.length, MAX_REPORT_BYTES);
});

test('boundedRead: the engine file system: missing is "missing", a folder named like a config is skipped, the rest are errors', { timeout: 10_000 }, () => {
  assert.deepEqual(nodeFileSystem.readFile(join(root, 'none.yaml'), 'config'), { missing: true });
  assert.deepEqual(nodeFileSystem.readFile(folder, 'config'), { missing: true });
  assert.deepEqual(nodeFileSystem.readFile(folder, 'schema-extension'), { error: 'Not a regular file (a directory)' });
  assert.deepEqual(nodeFileSystem.readFile(fifo, 'config'), { error: 'Not a regular file (a FIFO)' });
  assert.deepEqual(nodeFileSystem.readFile(zero, 'attack-bundle'), { error: 'Not a regular file (a character device)' });
  const big = join(root, 'big.yaml');
  writeFileSync(big, Buffer.alloc(MAX_CONFIG_BYTES + 1, 0x20));
  assert.deepEqual(nodeFileSystem.readFile(big, 'config'), { error: 'File is larger than the 1 MiB limit' });
  assert.deepEqual(nodeFileSystem.readFile(small, 'schema-extension'), { text: '# Incident Report: X\n' });
});

test('boundedRead: an endless stream is read up to the limit and then released', { timeout: 10_000 }, async () => {
  let produced = 0;
  const endless = new Readable({
    read() {
      produced += 65536;
      this.push(Buffer.alloc(65536, 0x61));
    },
  });
  const prefix = await readStreamPrefix(endless, 1_000_001);
  assert.equal(prefix.length, 1_000_001);
  assert.equal(endless.destroyed, true);
  assert.ok(produced < 2_000_000, `read ahead ${produced} bytes`);
  assert.equal((await readStreamPrefix(Readable.from([Buffer.from('ab'), 'cd']), 100)).toString(), 'abcd');
});
