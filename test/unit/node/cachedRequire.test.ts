import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { cachedRequire, CODE_CACHE_VARIABLE, type CacheUse } from '../../../server/src/node/cachedRequire';

const root = mkdtempSync(join(tmpdir(), 'increport-cached-require-'));
after(() => rmSync(root, { recursive: true, force: true }));
// Node 22.1+ has its own compile cache, and cachedRequire leaves the loading to it.
const skip = typeof (Module as unknown as { enableCompileCache?: unknown }).enableCompileCache === 'function' ? 'Node has its own compile cache' : false;

let bundles = 0;
function bundle(source: string): string {
  const path = join(root, `bundle-${++bundles}.js`);
  writeFileSync(path, source);
  return path;
}
const SOURCE = `'use strict';\nconst { basename } = require('node:path');\nexports.name = basename(__filename);\nexports.twice = (n) => n * 2;\n`;

function load(path: string, folder: string): { exports: { name: string; twice(n: number): number }; use: CacheUse[] } {
  const use: CacheUse[] = [];
  const exports = cachedRequire(path, { env: { [CODE_CACHE_VARIABLE]: folder }, onCacheUse: (what) => use.push(what) }) as {
    name: string;
    twice(n: number): number;
  };
  return { exports, use };
}

test('cachedRequire: the first load writes the code cache, a fresh load of the same bundle uses it, and both run the bundle as require would', { skip }, () => {
  const folder = join(root, 'cache-a');
  const path = bundle(SOURCE);
  const first = load(path, folder);
  assert.deepEqual(first.use, ['written']);
  assert.equal(first.exports.name, 'bundle-1.js');
  assert.equal(first.exports.twice(21), 42);
  assert.equal(readdirSync(folder).filter((file) => file.endsWith('.v8cache')).length, 1);
  assert.equal(Module.createRequire(path)(path), first.exports, 'the module is in require.cache, as require would leave it');
  delete require.cache[path];
  const second = load(path, folder);
  assert.deepEqual(second.use, ['used']);
  assert.equal(second.exports.twice(4), 8);
});

test('cachedRequire: a rebuilt bundle of the same length does not meet the old cache', { skip }, () => {
  const folder = join(root, 'cache-b');
  const path = bundle(SOURCE);
  load(path, folder);
  delete require.cache[path];
  writeFileSync(path, SOURCE.replace('n * 2', 'n + 2'));
  utimesSync(path, new Date(2001, 1, 1), new Date(2001, 1, 1));
  const rebuilt = load(path, folder);
  assert.deepEqual(rebuilt.use, ['written']);
  assert.equal(rebuilt.exports.twice(21), 23);
});

test('cachedRequire: a cache folder others may write to is neither read nor written, and the bundle still loads', { skip }, () => {
  const folder = join(root, 'cache-shared');
  mkdirSync(folder, { mode: 0o777 });
  chmodSync(folder, 0o777);
  const path = bundle(SOURCE);
  const loaded = load(path, folder);
  assert.deepEqual(loaded.use, ['unavailable']);
  assert.equal(loaded.exports.twice(1), 2);
  assert.deepEqual(readdirSync(folder), []);
});

test(`cachedRequire: ${CODE_CACHE_VARIABLE}=0 turns the cache off; a bundle that throws is not left half-loaded`, () => {
  const path = bundle(SOURCE);
  const use: CacheUse[] = [];
  const exports = cachedRequire(path, { env: { [CODE_CACHE_VARIABLE]: '0' }, onCacheUse: (what) => use.push(what) }) as { twice(n: number): number };
  assert.deepEqual(use, ['off']);
  assert.equal(exports.twice(3), 6);
  const broken = bundle(`exports.a = 1;\nthrow new Error('broken bundle');\n`);
  assert.throws(() => load(broken, join(root, 'cache-c')), /broken bundle/);
  assert.equal(require.cache[broken], undefined);
});

test('cachedRequire: with writeWhen, a missing cache is written when the caller says, not before (the server: after its first diagnostics)', { skip }, () => {
  const folder = join(root, 'cache-d');
  const path = bundle(SOURCE);
  const use: CacheUse[] = [];
  let write: (() => void) | undefined;
  const exports = cachedRequire(path, {
    env: { [CODE_CACHE_VARIABLE]: folder },
    onCacheUse: (what) => use.push(what),
    writeWhen: (later) => (write = later),
  }) as { twice(n: number): number };
  assert.equal(exports.twice(5), 10, 'the bundle has run');
  assert.deepEqual(use, []);
  assert.equal(readdirSync(join(root)).includes('cache-d'), false);
  write!();
  assert.deepEqual(use, ['written']);
  assert.equal(readdirSync(folder).filter((file) => file.endsWith('.v8cache')).length, 1);
  delete require.cache[path];
  assert.deepEqual(load(path, folder).use, ['used']);
});
