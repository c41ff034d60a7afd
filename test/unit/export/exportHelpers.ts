import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import type { ValidateFunction } from 'ajv';
import type { ExportInput } from '../../../server/src/engine/export';
import { TEST_NOW, engine, projectRoot } from '../../helpers';

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
