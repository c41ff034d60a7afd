import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReportEngine } from '../../../server/src/engine/engine';
import { buildModel } from '../../../server/src/engine/model/buildModel';
import { addTableFields } from '../../../server/src/engine/model/tableFields';
import { compileReportSchema, compileReportSchemaCode, type SchemaValidator } from '../../../server/src/engine/schema/compileSchema';
import { buildValidationInstance } from '../../../server/src/engine/schema/instance';
import { createReportSchema, type ReportSchema } from '../../../server/src/engine/schema/reportSchema';
import type { SchemaNode } from '../../../server/src/engine/schema/reportSpec';
import type { ValidatorCodeStore } from '../../../server/src/engine/host';
import { lazyValidator, loadValidatorCode, validatorKey } from '../../../server/src/engine/schema/standaloneValidator';
import { loadBundledCatalog, loadBundledSchemaNode } from '../../../server/src/node/bundledResources';
import { createValidatorStore } from '../../../server/src/node/validatorCache';
import { projectRoot, TEST_NOW } from '../../helpers';

/*
 * The bundled schema's validator is generated at build time (ajv standalone code, dist/), an extended
 * schema's is kept as code in the cache folder: each must give exactly what compiling the schema gives,
 * the same ajv errors (the error mapping turns them into ranges and messages) and so the same findings.
 */

function markdownFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : markdownFiles(path);
    return entry.name.endsWith('.md') ? [path] : [];
  });
}

const root = projectRoot();
const REPORTS = [...markdownFiles(join(root, 'examples')), ...markdownFiles(join(root, 'test', 'fixtures'))].sort();

/** An extension with what standalone code must reach outside itself: patterns (re2js), uniqueItems (ajv's equal). */
const EXTENSION: SchemaNode = {
  properties: {
    frontMatter: {
      properties: {
        id: { type: 'string', pattern: '^(INC|SEC)-[0-9]{4}-[0-9]+$' },
        tags: { type: 'array', uniqueItems: true },
      },
      patternProperties: { '^x-': { type: 'string', minLength: 2 } },
    },
  },
};

function findingsOf(schema: ReportSchema, text: string): string {
  const engine = new ReportEngine({ schema, catalog: loadBundledCatalog(), bundledCatalog: loadBundledCatalog, now: () => TEST_NOW });
  return JSON.stringify(engine.check(text).findings);
}

/** The ajv errors of both instances the schema rule validates (with and without located values). */
function errorsOf(validate: SchemaValidator, schema: ReportSchema, text: string): unknown[] {
  const model = buildModel(text);
  addTableFields(model, schema.spec);
  return [false, true].map((locate) => {
    validate(buildValidationInstance(model, schema.spec, locate).instance);
    return (validate.errors ?? []).map(({ instancePath, schemaPath, keyword, params, message }) => ({ instancePath, schemaPath, keyword, params, message }));
  });
}

test('the build generated the bundled schema validator for the schema as it is now', () => {
  const store = createValidatorStore({ cacheDirectory: undefined });
  assert.ok(store.read(validatorKey(loadBundledSchemaNode())), 'dist/report-schema-validator.js is missing or stale: run `node scripts/bundle.mjs`');
});

function compare(generated: ReportSchema, compiled: ReportSchema): void {
  for (const file of REPORTS) {
    const text = readFileSync(file, 'utf8');
    assert.equal(findingsOf(generated, text), findingsOf(compiled, text), file);
    assert.deepEqual(errorsOf(generated.validate, generated, text), errorsOf(compiled.validate, compiled, text), file);
  }
}

test(`the bundled schema's generated validator: same ajv errors and findings, byte for byte, as a runtime compile on ${REPORTS.length} reports`, () => {
  assert.ok(REPORTS.length > 20, 'expected the examples and the test fixtures');
  const base = loadBundledSchemaNode();
  let loaded = 0;
  const store = createValidatorStore({ cacheDirectory: undefined });
  const counting: ValidatorCodeStore = { read: (key) => (loaded++, store.read(key)), write: () => assert.fail('the bundled validator is never compiled') };
  const generated = createReportSchema([], base, counting);
  assert.equal(loaded, 0, 'building the schema does not load its validator');
  compare(generated, createReportSchema([], base));
  assert.equal(loaded, 1);
});

test(`an extended schema's cached validator: same ajv errors and findings, byte for byte, as a runtime compile on ${REPORTS.length} reports`, () => {
  const base = loadBundledSchemaNode();
  const folder = mkdtempSync(join(tmpdir(), 'increport-validators-'));
  try {
    const store = createValidatorStore({ cacheDirectory: folder });
    createReportSchema([EXTENSION], base, store); // compiles, writes the entry
    assert.equal(readdirSync(folder).length, 1);
    const cached = createReportSchema([EXTENSION], base, { read: (key) => store.read(key), write: () => assert.fail('a hit is not compiled again') });
    compare(cached, createReportSchema([EXTENSION], base));
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test('standalone code reaches the linear-time pattern engine and its errors name the pattern as a compile does', () => {
  const schema: SchemaNode = { type: 'object', properties: { id: { type: 'string', pattern: '^(a+)+$' } } };
  const loaded = loadValidatorCode(compileReportSchemaCode(schema).code);
  const compiled = compileReportSchema(schema);
  const hostile = { id: `${'a'.repeat(5000)}!` };
  const started = performance.now();
  assert.equal(loaded(hostile), false);
  assert.ok(performance.now() - started < 1000, 'a backtracking engine would take far longer');
  compiled(hostile);
  assert.deepEqual(loaded.errors, compiled.errors);
  assert.equal(loaded({ id: 'aaa' }), true);
});

test('standalone code may require only the modules the loader provides', () => {
  assert.throws(() => loadValidatorCode('module.exports = require("node:fs");'), /unknown module/);
  assert.throws(() => loadValidatorCode('module.exports = 1;'), /exports no function/);
});

test('a lazy validator loads on its first call, once, and carries its errors', () => {
  let loads = 0;
  const validate = lazyValidator(() => {
    loads++;
    return compileReportSchema({ type: 'object', required: ['a'] });
  });
  assert.equal(loads, 0);
  assert.equal(validate({}), false);
  assert.equal(validate.errors?.[0]?.keyword, 'required');
  assert.equal(validate({ a: 1 }), true);
  assert.equal(validate.errors, null);
  assert.equal(loads, 1);
});
