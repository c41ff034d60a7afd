import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { temporaryName, writeOutputFile, type WriteOptions } from '../../../server/src/node/safeWrite';

const root = mkdtempSync(join(tmpdir(), 'increport-safewrite-'));
after(() => rmSync(root, { recursive: true, force: true }));

let folders = 0;
/** A fresh folder with the given files. */
function folder(files: Record<string, string> = {}): string {
  const path = join(root, `case-${++folders}`);
  mkdirSync(path);
  for (const [name, content] of Object.entries(files)) writeFileSync(join(path, name), content);
  return path;
}

const NEW = 'new output\n';
const write = (target: string, options: Partial<WriteOptions> = {}, text: string = NEW) => {
  const outcome = writeOutputFile(target, text, { inputs: [], overwrite: false, ...options });
  return 'ok' in outcome ? 'ok' : `${outcome.failure.kind}: ${outcome.failure.message}`;
};
/** No temporary file may stay behind, whatever happened. */
const assertNoTemporaryFiles = (dir: string) =>
  assert.deepEqual(
    readdirSync(dir).filter((name) => name.includes('.increport-')),
    [],
  );

test('safeWrite: a new file is written whole, with the usual mode, and nothing else is left in its folder', () => {
  const dir = folder();
  const target = join(dir, 'out.html');
  assert.equal(write(target), 'ok');
  assert.equal(readFileSync(target, 'utf8'), NEW);
  assert.deepEqual(readdirSync(dir), ['out.html']);
  const umask = process.umask();
  assert.equal(statSync(target).mode & 0o777, 0o666 & ~umask);
  assert.equal(write(join(dir, 'bytes.bin'), {}, '\u00e9'), 'ok');
  assert.deepEqual([...readFileSync(join(dir, 'bytes.bin'))], [0xc3, 0xa9]);
});

test('safeWrite: an existing file is refused without overwrite (unchanged) and replaced with it (keeping its mode)', () => {
  const dir = folder({ 'out.json': 'previous\n' });
  const target = join(dir, 'out.json');
  chmodSync(target, 0o640);
  assert.equal(write(target), 'exists: already exists; add --overwrite to replace it');
  assert.equal(readFileSync(target, 'utf8'), 'previous\n');
  assertNoTemporaryFiles(dir);
  assert.equal(write(target, { overwrite: true }), 'ok');
  assert.equal(readFileSync(target, 'utf8'), NEW);
  assert.equal(statSync(target).mode & 0o777, 0o640);
  assert.deepEqual(readdirSync(dir), ['out.json']);
});

test('safeWrite: an input is never replaced, even with overwrite: same path, another spelling, a hard link, a link to it', () => {
  const dir = folder({ 'r.md': '# Incident Report: X\n' });
  const input = join(dir, 'r.md');
  linkSync(input, join(dir, 'hard.md'));
  symlinkSync('r.md', join(dir, 'alias.md'));
  mkdirSync(join(dir, 'sub'));
  const refused = 'is-input: is one of the reports being read; increport never replaces its input';
  for (const overwrite of [false, true]) {
    assert.equal(write(input, { inputs: [input], overwrite }), refused);
    assert.equal(write(join(dir, 'sub', '..', '.', 'r.md'), { inputs: [input], overwrite }), refused);
    assert.equal(write(join(dir, 'hard.md'), { inputs: [input], overwrite }), refused, 'a hard link to the input');
    assert.equal(write(input, { inputs: [join(dir, 'hard.md')], overwrite }), refused, 'the input read through a hard link');
    assert.equal(write(input, { inputs: [join(dir, 'alias.md')], overwrite }), refused, 'the input read through a symbolic link');
  }
  assert.equal(readFileSync(input, 'utf8'), '# Incident Report: X\n');
  assert.equal(statSync(input).nlink, 2);
  assertNoTemporaryFiles(dir);
  // Other inputs do not stand in the way of a new file.
  assert.equal(write(join(dir, 'out.json'), { inputs: [input, join(dir, 'missing.md')] }), 'ok');
});

test('safeWrite: a symbolic link is never written through, even with overwrite; a dangling one creates nothing', () => {
  const dir = folder({ 'victim.txt': 'keep me\n' });
  symlinkSync('victim.txt', join(dir, 'link.html'));
  symlinkSync(join(dir, 'nowhere.txt'), join(dir, 'dangling.html'));
  for (const overwrite of [false, true]) {
    assert.equal(write(join(dir, 'link.html'), { overwrite }), 'symlink: is a symbolic link; increport does not write through links');
    assert.equal(write(join(dir, 'dangling.html'), { overwrite }), 'symlink: is a symbolic link; increport does not write through links');
  }
  assert.equal(readFileSync(join(dir, 'victim.txt'), 'utf8'), 'keep me\n');
  assert.equal(readlinkSync(join(dir, 'link.html')), 'victim.txt');
  assert.ok(lstatSync(join(dir, 'dangling.html')).isSymbolicLink());
  assert.equal(existsSync(join(dir, 'nowhere.txt')), false);
  assert.deepEqual(readdirSync(dir).sort(), ['dangling.html', 'link.html', 'victim.txt']);
});

test('safeWrite: folders, FIFOs, a missing folder or a file used as a folder are refused with a clear reason', { skip: process.platform === 'win32' }, () => {
  const dir = folder({ 'file.txt': 'x' });
  mkdirSync(join(dir, 'out.html'));
  assert.equal(write(join(dir, 'out.html'), { overwrite: true }), 'directory: is a folder');
  const fifo = join(dir, 'fifo');
  assert.equal(spawnSync('mkfifo', [fifo]).status, 0);
  assert.equal(write(fifo, { overwrite: true }), 'not-regular: is not a regular file');
  assert.equal(write(join(dir, 'no', 'such', 'out.html')), 'no-folder: no such folder (create it first)');
  assert.equal(write(join(dir, 'file.txt', 'out.html')), 'no-folder: a part of its folder path is not a folder');
  assert.deepEqual(readdirSync(dir).sort(), ['fifo', 'file.txt', 'out.html']);
});

test(
  'safeWrite: a folder that cannot be written to is refused, and leaves nothing behind',
  { skip: process.platform === 'win32' || process.getuid?.() === 0 },
  () => {
    const dir = folder({ 'out.json': 'previous\n' });
    chmodSync(dir, 0o555);
    try {
      assert.equal(write(join(dir, 'new.json')), 'permission-denied: permission denied');
      assert.equal(write(join(dir, 'out.json'), { overwrite: true }), 'permission-denied: permission denied');
    } finally {
      chmodSync(dir, 0o755);
    }
    assert.deepEqual(readdirSync(dir), ['out.json']);
    assert.equal(readFileSync(join(dir, 'out.json'), 'utf8'), 'previous\n');
  },
);

test('safeWrite: temporary names are hidden, unique, recognisable and short enough for any file system', () => {
  const name = temporaryName('report.html');
  assert.match(name, new RegExp(`^\\.report\\.html\\.increport-${process.pid}-[0-9a-f]{12}\\.tmp$`));
  assert.notEqual(temporaryName('report.html'), name);
  assert.ok(temporaryName('x'.repeat(255)).length < 160);
  const dir = folder();
  assert.equal(write(join(dir, `${'x'.repeat(250)}.html`)), 'ok');
  assertNoTemporaryFiles(dir);
});

const FULL = 256 * 1024 * 1024;
const PREVIOUS = 'previous\n';

/**
 * Starts a child that writes FULL bytes of 'x' over `target` with writeOutputFile, and SIGKILLs it as soon as the
 * write visibly started (a temporary file with bytes in it, or any change to the target). Returns whether the
 * temporary file was seen.
 */
async function killMidWrite(dir: string, target: string): Promise<boolean> {
  const module = join(__dirname, '..', '..', '..', 'server', 'src', 'node', 'safeWrite.js');
  const script = `require(${JSON.stringify(module)}).writeOutputFile(${JSON.stringify(target)}, Buffer.alloc(${FULL}, 120), { inputs: [], overwrite: true });`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'ignore', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const started = Date.now();
  let seen = false;
  while (Date.now() - started < 10_000 && child.exitCode === null) {
    const temporary = readdirSync(dir).find((name) => name.includes('.increport-'));
    if ((temporary && statSync(join(dir, temporary)).size > 0) || statSync(target).size !== PREVIOUS.length) {
      seen = temporary !== undefined;
      break;
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
  child.kill('SIGKILL');
  await exited;
  return seen;
}

test(
  'safeWrite: a writer killed in the middle of a large write leaves the previous file intact',
  { timeout: 30_000, skip: process.platform === 'win32' },
  async () => {
    const dir = folder();
    const target = join(dir, 'out.bin');
    let caught = 0;
    // On a loaded machine the kill may come after the rename: then the new file must be complete. Try again until one kill lands mid-write.
    for (let attempt = 0; attempt < 3 && caught === 0; attempt++) {
      for (const name of readdirSync(dir)) rmSync(join(dir, name));
      writeFileSync(target, PREVIOUS);
      const seen = await killMidWrite(dir, target);
      const size = statSync(target).size;
      if (size === PREVIOUS.length) {
        assert.equal(readFileSync(target, 'utf8'), PREVIOUS, 'the target must still hold the previous content');
        const leftovers = readdirSync(dir).filter((name) => name !== 'out.bin');
        assert.ok(leftovers.length <= 1 && leftovers.every((name) => name.startsWith('.out.bin.increport-')), leftovers.join(', '));
        if (seen && leftovers.length === 1 && statSync(join(dir, leftovers[0])).size < FULL) caught++;
      } else {
        assert.equal(size, FULL, 'the target is either the previous file or the complete new one, never a part');
      }
    }
    assert.equal(caught, 1, 'no kill landed in the middle of the write');
  },
);
