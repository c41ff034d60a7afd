import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { packageRoot } from '../../../server/src/node/packageRoot';
import { DEFAULT_SETTINGS, normalizeSettings, SETTINGS_SECTION, SETTINGS_SPEC } from '../../../server/src/lsp/settings';

interface Manifest {
  contributes: { configuration: { properties: Record<string, Record<string, unknown>> } };
}

const manifest = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as Manifest;
const declared = manifest.contributes.configuration.properties;

test('settings: package.json declares exactly the settings of SETTINGS_SPEC', () => {
  assert.deepEqual(
    Object.keys(declared).sort(),
    Object.keys(SETTINGS_SPEC)
      .map((key) => `${SETTINGS_SECTION}.${key}`)
      .sort(),
  );
});

for (const [key, spec] of Object.entries(SETTINGS_SPEC)) {
  test(`settings: package.json declares ${SETTINGS_SECTION}.${key} as SETTINGS_SPEC does (type, default, values, bounds, scope)`, () => {
    const { description, ...declaration } = declared[`${SETTINGS_SECTION}.${key}`] ?? {};
    assert.equal(typeof description, 'string', 'every setting has a description');
    assert.deepEqual(declaration, spec);
  });
}

test('settings: missing or malformed settings fall back to the defaults of SETTINGS_SPEC', () => {
  assert.deepEqual(normalizeSettings(undefined), DEFAULT_SETTINGS);
  const malformed = { enable: 'yes', files: [1], schema: 2, attackBundle: null, rules: { placeholder: 'loud' }, run: 'sometimes', debounceMs: 'soon' };
  assert.deepEqual(normalizeSettings(malformed), DEFAULT_SETTINGS);
  for (const [key, spec] of Object.entries(SETTINGS_SPEC)) assert.deepEqual(DEFAULT_SETTINGS[key as keyof typeof DEFAULT_SETTINGS], spec.default, key);
});

test('settings: the debounce is held within the bounds package.json declares', () => {
  assert.equal(normalizeSettings({ debounceMs: 0 }).debounceMs, SETTINGS_SPEC.debounceMs.minimum);
  assert.equal(normalizeSettings({ debounceMs: 1e9 }).debounceMs, SETTINGS_SPEC.debounceMs.maximum);
});
