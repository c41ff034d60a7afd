import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createReportSchema } from '../../../server/src/engine/schema/reportSchema';
import type { SchemaNode } from '../../../server/src/engine/schema/reportSpec';
import { validatorKey } from '../../../server/src/engine/schema/standaloneValidator';
import { mergeSchemas } from '../../../server/src/engine/schema/mergeSchemas';
import { loadBundledSchemaNode } from '../../../server/src/node/bundledResources';
import {
  createValidatorStore,
  decodeBundledValidator,
  decodeValidatorEntry,
  encodeBundledValidator,
  encodeValidatorEntry,
  validatorCacheDirectory,
  validatorEntryId,
} from '../../../server/src/node/validatorCache';

/* The cache of extended schemas' validators (server/src/node/validatorCache.ts), in a temporary folder. */

const EXTENSION: SchemaNode = { properties: { frontMatter: { properties: { id: { type: 'string', pattern: '^INC-[0-9]+$' } } } } };
const INVALID = { frontMatter: { id: 'nope' } };

function withFolder(run: (folder: string) => void): void {
  const folder = mkdtempSync(join(tmpdir(), 'increport-cache-'));
  try {
    run(folder);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

const key = () => validatorKey(mergeSchemas(loadBundledSchemaNode(), EXTENSION));
const entryOf = (folder: string) => join(folder, `${validatorEntryId(key())}.js`);

/** The schema's validation of an instance the extension's pattern rejects, and whether the store was written. */
function validateWith(folder: string): { errors: unknown; writes: number } {
  const store = createValidatorStore({ cacheDirectory: folder, bundledFile: join(folder, 'none.js') });
  let writes = 0;
  const schema = createReportSchema([EXTENSION], loadBundledSchemaNode(), {
    read: (entry) => store.read(entry),
    write: (entry, code) => {
      writes++;
      store.write(entry, code);
    },
  });
  schema.validate(INVALID);
  return { errors: schema.validate.errors?.map(({ instancePath, keyword, params, message }) => ({ instancePath, keyword, params, message })), writes };
}

const expectedErrors = () => {
  const schema = createReportSchema([EXTENSION], loadBundledSchemaNode());
  schema.validate(INVALID);
  return schema.validate.errors?.map(({ instancePath, keyword, params, message }) => ({ instancePath, keyword, params, message }));
};

test('validator cache: a miss compiles and writes one entry (atomically, nothing left behind); the next run is a hit', () => {
  withFolder((folder) => {
    const first = validateWith(folder);
    assert.equal(first.writes, 1);
    assert.deepEqual(readdirSync(folder), [`${validatorEntryId(key())}.js`]);
    if (process.platform !== 'win32') assert.equal(statSync(entryOf(folder)).mode & 0o077, 0, 'the entry is private');
    const second = validateWith(folder);
    assert.equal(second.writes, 0, 'a hit is not compiled');
    assert.deepEqual(second.errors, first.errors);
    assert.deepEqual(second.errors, expectedErrors());
  });
});

for (const [name, spoil] of [
  ['a truncated entry', (text: string) => text.slice(0, Math.floor(text.length / 2))],
  ['an entry whose code was changed', (text: string) => text.replace('"use strict";', '"use strict";globalThis.tampered=1;')],
  ['an entry without its header', (text: string) => text.slice(text.indexOf('\n') + 1)],
  ['an empty entry', () => ''],
  ['an entry written for another schema (stale)', (text: string) => text.replace(/key=[0-9a-f]+/, `key=${'0'.repeat(64)}`)],
] as const) {
  test(`validator cache: ${name} is ignored and rebuilt`, () => {
    withFolder((folder) => {
      validateWith(folder);
      writeFileSync(entryOf(folder), spoil(readFileSync(entryOf(folder), 'utf8')), { mode: 0o600 });
      const again = validateWith(folder);
      assert.equal(again.writes, 1, 'compiled again and rewritten');
      assert.deepEqual(again.errors, expectedErrors());
      assert.equal((globalThis as { tampered?: number }).tampered, undefined, 'changed code never runs');
      assert.equal(validateWith(folder).writes, 0, 'the rebuilt entry is a hit');
    });
  });
}

test('validator cache: an entry that others may write is not loaded (POSIX)', { skip: process.platform === 'win32' }, () => {
  withFolder((folder) => {
    validateWith(folder);
    chmodSync(entryOf(folder), 0o666);
    assert.equal(validateWith(folder).writes, 1);
  });
});

test('validator cache: a folder that cannot be written means no cache, and the check goes on', () => {
  withFolder((folder) => {
    const file = join(folder, 'a-file');
    writeFileSync(file, 'not a folder');
    const result = validateWith(join(file, 'validators')); // mkdir fails (ENOTDIR), even as root
    assert.equal(result.writes, 1);
    assert.deepEqual(result.errors, expectedErrors());
    assert.deepEqual(readdirSync(folder), ['a-file']);
  });
});

test('validator cache: no cache folder at all compiles every time', () => {
  const store = createValidatorStore({ cacheDirectory: undefined, bundledFile: join(tmpdir(), 'increport-no-such-validator.js') });
  store.write(key(), 'module.exports = () => true;');
  assert.equal(store.read(key()), undefined);
});

test('validator cache: entries decode only for their key and their own hash', () => {
  const text = encodeValidatorEntry('a'.repeat(64), 'module.exports = () => true;');
  assert.equal(decodeValidatorEntry(text, 'a'.repeat(64)), 'module.exports = () => true;');
  assert.equal(decodeValidatorEntry(text, 'b'.repeat(64)), undefined);
  assert.equal(decodeValidatorEntry(`${text} `, 'a'.repeat(64)), undefined);
});

test('bundled validator: decodes only for its whole key and its whole code, with no hash', () => {
  const key = 'increport-validator 1\0{"a":"line\nbreak"}';
  const code = 'module.exports = () => true;';
  const text = encodeBundledValidator(key, code);
  assert.equal(text.split('\n').length, 2, 'the key, whatever it holds, stays on the header line');
  assert.equal(decodeBundledValidator(text, key), code);
  assert.equal(decodeBundledValidator(text, `${key} `), undefined, 'another schema');
  assert.equal(decodeBundledValidator(text.slice(0, -1), key), undefined, 'truncated');
  assert.equal(decodeBundledValidator(`${text}\n`, key), undefined, 'grown');
  assert.equal(decodeBundledValidator(encodeValidatorEntry('a'.repeat(64), code), key), undefined, 'a cache entry is no bundled validator');
  assert.equal(decodeValidatorEntry(text, validatorEntryId(key)), undefined, 'nor the other way round');
  const folder = mkdtempSync(join(tmpdir(), 'increport-bundled-'));
  try {
    writeFileSync(join(folder, 'bundled.js'), text);
    assert.equal(createValidatorStore({ cacheDirectory: undefined, bundledFile: join(folder, 'bundled.js') }).read(key), code);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test('validator cache: the OS cache folder, or INCREPORT_CACHE_DIR', () => {
  assert.equal(validatorCacheDirectory({ INCREPORT_CACHE_DIR: '/tmp/x' }, 'linux'), join('/tmp/x', 'validators'));
  assert.equal(validatorCacheDirectory({ XDG_CACHE_HOME: '/xdg' }, 'linux'), join('/xdg', 'incident-report-studio', 'validators'));
  assert.match(validatorCacheDirectory({}, 'linux') ?? '', /[/\\]\.cache[/\\]incident-report-studio[/\\]validators$/);
  assert.match(validatorCacheDirectory({}, 'darwin') ?? '', /[/\\]Library[/\\]Caches[/\\]incident-report-studio[/\\]validators$/);
  assert.equal(
    validatorCacheDirectory({ LOCALAPPDATA: 'C:\\Users\\a\\AppData\\Local' }, 'win32'),
    join('C:\\Users\\a\\AppData\\Local', 'incident-report-studio', 'validators'),
  );
});
