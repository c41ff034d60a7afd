import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import type { SchemaNode } from './reportSpec';

/** The schema's own annotation keywords: metadata for the editor and rules, ignored by validation. */
const ANNOTATION_KEYWORDS = ['x-aliases', 'x-kind', 'x-example', 'x-skeleton', 'x-messages', 'x-date-role'] as const;

export type SchemaValidator = ValidateFunction;
export type SchemaError = ErrorObject;

export class SchemaCompileError extends Error {}

/** Compiles the report schema once; a schema that is not valid JSON Schema is a clear error. */
export function compileReportSchema(schema: SchemaNode): SchemaValidator {
  // unicode: false counts string lengths in UTF-16 units: exact enough for "not empty" and far cheaper on long sections.
  const ajv = new Ajv2020({ allErrors: true, verbose: true, strict: 'log', logger: false, unicode: false });
  for (const keyword of ANNOTATION_KEYWORDS) ajv.addKeyword({ keyword });
  // A hint is shown to report writers as text: anything else is a mistake in the schema, reported when it is loaded.
  ajv.addKeyword({ keyword: 'x-hint', metaSchema: { type: 'string', minLength: 1 } });
  try {
    return ajv.compile(schema);
  } catch (error) {
    throw new SchemaCompileError(`The report schema is not valid JSON Schema: ${(error as Error).message}`);
  }
}
