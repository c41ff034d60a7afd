import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import type { ValidateFunction } from 'ajv';
import type { ExportInput, NavigatorLayer } from '../../../server/src/engine/export';
import { TEST_NOW, defaultVersionEngine, engine, projectRoot } from '../../helpers';

export const NORTHWIND = 'examples/northwind-ransomware-intrusion.md';
export const SEED = 'examples/microsoft-mfa-outage.md';

export function readExample(relativePath: string): string {
  return fs.readFileSync(path.join(projectRoot(), relativePath), 'utf8');
}

/** Checks a report's text with the bundled schema and catalog, as the CLI does for a file without configuration. */
export function exportInput(text: string, sourcePath = 'report.md'): ExportInput {
  const result = engine().check(text);
  return { model: result.model, spec: engine().schema.spec, catalog: engine().catalog, now: TEST_NOW, findings: result.findings, sourcePath };
}

export function exampleInput(relativePath: string): ExportInput {
  return exportInput(readExample(relativePath), relativePath);
}

/** As exportInput, with the default ATT&CK version (v19.2), as the CLI checks a report that names none. */
export function defaultVersionInput(text: string, sourcePath = 'report.md'): ExportInput {
  const checker = defaultVersionEngine();
  const result = checker.check(text);
  return { model: result.model, spec: checker.schema.spec, catalog: checker.catalog, now: TEST_NOW, findings: result.findings, sourcePath };
}

const STIX_SCHEMAS = path.join(projectRoot(), 'test', 'fixtures', 'standards', 'stix2.1', 'schemas');
export const STIX_SCHEMA_BASE = 'http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas/';

let stixAjv: Ajv2020 | undefined;

/**
 * Ajv with every OASIS STIX 2.1 schema registered by its $id (see the fixture's README for the options:
 * draft 2020-12, strict off, formats off, and no `u` flag because the patterns use `\-`).
 */
export function stixSchemas(): Ajv2020 {
  if (stixAjv) return stixAjv;
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false, unicodeRegExp: false });
  for (const folder of fs.readdirSync(STIX_SCHEMAS).sort()) {
    for (const file of fs.readdirSync(path.join(STIX_SCHEMAS, folder)).sort()) {
      const schema = JSON.parse(fs.readFileSync(path.join(STIX_SCHEMAS, folder, file), 'utf8')) as { $id: string; $schema: string };
      if (schema.$schema !== 'https://json-schema.org/draft/2020-12/schema') throw new Error(`${folder}/${file}: dialect changed to ${schema.$schema}`);
      if (schema.$id !== `${STIX_SCHEMA_BASE}${folder}/${file}`) throw new Error(`${folder}/${file}: unexpected $id ${schema.$id}`);
      ajv.addSchema(schema);
    }
  }
  stixAjv = ajv;
  return ajv;
}

/** The validator for a schema file of the fixture, e.g. 'sdos/indicator.json'. */
export function stixValidator(relativeSchema: string): ValidateFunction {
  const validate = stixSchemas().getSchema(`${STIX_SCHEMA_BASE}${relativeSchema}`);
  if (!validate) throw new Error(`no STIX schema ${relativeSchema}`);
  return validate as ValidateFunction;
}

/** The schema each exported STIX type must satisfy. */
export function schemaForType(type: string): string {
  if (type === 'relationship' || type === 'sighting') return `sros/${type}.json`;
  if (type === 'marking-definition') return 'common/marking-definition.json';
  return `sdos/${type}.json`;
}

export function describeErrors(validate: ValidateFunction): string {
  return JSON.stringify(
    (validate.errors ?? []).slice(0, 10).map((error) => `${error.instancePath} ${error.message}`),
    null,
    2,
  );
}

/** Compares dotted version strings numerically: "5.1.0" ≥ "4.9.0". */
function versionAtLeast(version: string, minimum: string): boolean {
  const a = version.split('.').map(Number);
  const b = minimum.split('.').map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  }
  return true;
}

const isString = (value: unknown): value is string => typeof value === 'string';

/** The layer format 4.5 rules (layerformat-v4.5.md): required properties and their types. */
export function assertLayerFormat(layer: NavigatorLayer): void {
  assert.ok(isString(layer.name) && layer.name !== '', 'name is required');
  assert.ok(['enterprise-attack', 'mobile-attack', 'ics-attack'].includes(layer.domain), `domain ${layer.domain}`);
  assert.equal(layer.versions.layer, '4.5');
  assert.ok(versionAtLeast(layer.versions.navigator, '4.9.0'), `navigator ${layer.versions.navigator} must be at least 4.9.0`);
  assert.ok(isString(layer.versions.attack));
  assert.ok(isString(layer.description));
  assert.ok([0, 1, 2, 3].includes(layer.sorting));
  assert.ok(['side', 'flat', 'mini'].includes(layer.layout.layout));
  assert.ok(['average', 'min', 'max', 'sum'].includes(layer.layout.aggregateFunction));
  assert.ok(['none', 'all', 'annotated'].includes(layer.layout.expandedSubtechniques));
  for (const key of ['showID', 'showName', 'showAggregateScores', 'countUnscored'] as const) assert.equal(typeof layer.layout[key], 'boolean');
  for (const key of [
    'hideDisabled',
    'showTacticRowBackground',
    'selectTechniquesAcrossTactics',
    'selectSubtechniquesWithParent',
    'selectVisibleTechniques',
  ] as const) {
    assert.equal(typeof layer[key], 'boolean', key);
  }
  assert.match(layer.tacticRowBackground, /^#[0-9a-f]{6}$/i);
  assert.ok(layer.gradient.colors.length >= 2 && layer.gradient.colors.every((color) => /^#[0-9a-f]{6}$/i.test(color)));
  assert.ok(layer.gradient.maxValue > layer.gradient.minValue, 'maxValue must be > minValue');
  for (const item of layer.legendItems) assert.ok(isString(item.label) && isString(item.color));
  for (const item of layer.metadata) assert.ok(isString(item.name) && isString(item.value));
  for (const link of layer.links) assert.ok(isString(link.label) && /^https?:\/\//.test(link.url));
  for (const technique of layer.techniques) {
    assert.match(technique.techniqueID, /^T\d{4}(\.\d{3})?$/);
    assert.ok(isString(technique.tactic) && isString(technique.comment) && isString(technique.color));
    assert.equal(typeof technique.score, 'number');
    assert.equal(typeof technique.enabled, 'boolean');
    assert.equal(typeof technique.showSubtechniques, 'boolean');
    assert.ok(Array.isArray(technique.metadata) && Array.isArray(technique.links));
  }
}
