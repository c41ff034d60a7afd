import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { BUNDLED_ATTACK_VERSIONS, DEFAULT_ATTACK_VERSION } from '../../../server/src/engine/attack/versions';
import { DEFAULT_TEMPLATE_STYLE, TEMPLATE_STYLES } from '../../../server/src/engine/templates/templateStyle';
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
  const malformed = {
    enable: 'yes',
    files: [1],
    schema: 2,
    attackBundle: null,
    attackVersion: 'v17',
    templateStyle: 'table',
    rules: { placeholder: 'loud' },
    run: 'sometimes',
    debounceMs: 'soon',
  };
  assert.deepEqual(normalizeSettings(malformed), DEFAULT_SETTINGS);
  for (const [key, spec] of Object.entries(SETTINGS_SPEC)) assert.deepEqual(DEFAULT_SETTINGS[key as keyof typeof DEFAULT_SETTINGS], spec.default, key);
});

test('settings: the debounce is held within the bounds package.json declares', () => {
  assert.equal(normalizeSettings({ debounceMs: 0 }).debounceMs, SETTINGS_SPEC.debounceMs.minimum);
  assert.equal(normalizeSettings({ debounceMs: 1e9 }).debounceMs, SETTINGS_SPEC.debounceMs.maximum);
});

test('settings: attackVersion offers exactly the bundled ATT&CK versions, the default first', () => {
  assert.deepEqual([...SETTINGS_SPEC.attackVersion.enum].sort(), [...BUNDLED_ATTACK_VERSIONS].sort());
  assert.equal(SETTINGS_SPEC.attackVersion.default, DEFAULT_ATTACK_VERSION);
  assert.equal(SETTINGS_SPEC.attackVersion.enum[0], DEFAULT_ATTACK_VERSION);
  assert.equal(SETTINGS_SPEC.attackVersion.enumDescriptions.length, SETTINGS_SPEC.attackVersion.enum.length);
});

test('settings: attackVersion keeps a bundled version and falls back to the default for anything else', () => {
  assert.equal(normalizeSettings({ attackVersion: '18.1' }).attackVersion, '18.1');
  assert.equal(normalizeSettings({ attackVersion: '19.2' }).attackVersion, '19.2');
  for (const invalid of ['17.1', 'v18.1', 18.1, '', null, ['18.1']]) {
    assert.equal(normalizeSettings({ attackVersion: invalid }).attackVersion, DEFAULT_ATTACK_VERSION, JSON.stringify(invalid));
  }
});

test('settings: the description of attackVersion says what wins over it', () => {
  const description = String(declared[`${SETTINGS_SECTION}.attackVersion`]?.description);
  for (const winner of ['.increport.yaml', 'attack.version', 'attack.bundle', 'front matter', 'attack: v18.1']) assert.ok(description.includes(winner), winner);
});

test('settings: templateStyle offers the template styles of the engine and of templates.style in .increport.yaml, the default first', () => {
  const configSchema = JSON.parse(readFileSync(join(packageRoot(), 'schemas', 'increport-config.schema.json'), 'utf8')) as {
    properties: { templates: { properties: { style: { enum: string[] } } } };
  };
  assert.deepEqual(SETTINGS_SPEC.templateStyle.enum, TEMPLATE_STYLES);
  assert.deepEqual(configSchema.properties.templates.properties.style.enum, [...TEMPLATE_STYLES]);
  assert.equal(SETTINGS_SPEC.templateStyle.default, DEFAULT_TEMPLATE_STYLE);
  assert.equal(SETTINGS_SPEC.templateStyle.enum[0], DEFAULT_TEMPLATE_STYLE);
  assert.equal(SETTINGS_SPEC.templateStyle.enumDescriptions.length, SETTINGS_SPEC.templateStyle.enum.length);
});

test('settings: templateStyle keeps a template style, falls back to bullets for anything else, and says what wins over it', () => {
  assert.equal(normalizeSettings({ templateStyle: 'tables' }).templateStyle, 'tables');
  for (const invalid of ['table', 'Tables', '', null, ['tables']]) {
    assert.equal(normalizeSettings({ templateStyle: invalid }).templateStyle, 'bullets', JSON.stringify(invalid));
  }
  const description = String(declared[`${SETTINGS_SECTION}.templateStyle`]?.description);
  for (const winner of ['.increport.yaml', 'templates.style']) assert.ok(description.includes(winner), winner);
});
