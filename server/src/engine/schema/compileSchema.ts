import Ajv2020, { type ErrorObject } from 'ajv/dist/2020';
import standaloneCode from 'ajv/dist/standalone';
import { linearRegExp, UnsupportedPatternError } from './linearRegExp';
import type { SchemaNode } from './reportSpec';

/** The schema's own annotation keywords: metadata for the editor and rules, ignored by validation. */
const ANNOTATION_KEYWORDS = ['x-aliases', 'x-kind', 'x-example', 'x-skeleton', 'x-messages', 'x-date-role'] as const;

/** What the rules call: ajv's compiled validator, its standalone code loaded, or a lazy wrapper of either (standaloneValidator.ts). */
export interface SchemaValidator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}
export type SchemaError = ErrorObject;

export class SchemaCompileError extends Error {}
/** A valid JSON Schema with a pattern that increport does not run (see docs/schema-patterns.md). The message starts in lower case: "the pattern at …". */
export class SchemaPatternError extends SchemaCompileError {}

/** Compiles the report schema once; a schema that is not valid JSON Schema is a clear error. */
export function compileReportSchema(schema: SchemaNode): SchemaValidator {
  return compileWith(newReportAjv(false), schema);
}

/**
 * Compiles the report schema and writes its validator as ajv standalone code (a CommonJS module body),
 * which loadValidatorCode (standaloneValidator.ts) turns back into the same validator: same options,
 * same keywords, same linear-time patterns, so the same errors.
 */
export function compileReportSchemaCode(schema: SchemaNode): { validate: SchemaValidator; code: string } {
  const ajv = newReportAjv(true);
  const validate = compileWith(ajv, schema);
  return { validate, code: standaloneCode(ajv, validate as Parameters<typeof standaloneCode>[1]) };
}

function newReportAjv(source: boolean): Ajv2020 {
  // unicode: false counts string lengths in UTF-16 units: exact enough for "not empty" and far cheaper on long sections.
  // Patterns run on a linear-time engine: an extension's pattern cannot stall a check (linearRegExp.ts).
  const ajv = new Ajv2020({ allErrors: true, verbose: true, strict: 'log', logger: false, unicode: false, code: { source, regExp: linearRegExp } });
  for (const keyword of ANNOTATION_KEYWORDS) ajv.addKeyword({ keyword });
  // A hint is shown to report writers as text: anything else is a mistake in the schema, reported when it is loaded.
  ajv.addKeyword({ keyword: 'x-hint', metaSchema: { type: 'string', minLength: 1 } });
  // Values offered by completion where a rule, not the schema, decides what is valid (front matter `attack:`).
  // Forms of section content and the header vocabulary of table columns (docs/schema.md): read by the engine, never validated against.
  ajv.addKeyword({ keyword: 'x-dialects', metaSchema: { type: 'array', items: { enum: ['rows', 'table', 'dated-list', 'headings'] } } });
  ajv.addKeyword({
    keyword: 'x-columns',
    metaSchema: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string', minLength: 1 } } },
  });
  ajv.addKeyword({ keyword: 'x-values', metaSchema: { type: 'array', items: { type: ['string', 'number', 'boolean'] } } });
  return ajv;
}

function compileWith(ajv: Ajv2020, schema: SchemaNode): SchemaValidator {
  try {
    return ajv.compile(schema);
  } catch (error) {
    if (error instanceof UnsupportedPatternError) throw new SchemaPatternError(`the pattern at ${patternLocation(schema, error.pattern)} ${error.reason}`);
    throw new SchemaCompileError(`The report schema is not valid JSON Schema: ${withoutQuotedValues((error as Error).message)}`);
  }
}

/**
 * Ajv's messages name places in the schema (`data/properties/x/type`) but some also quote a value: a
 * `$ref` or a `pattern`. An extension may come from any file a setting names, so values are left out.
 */
function withoutQuotedValues(message: string): string {
  return message
    .replace(/can't resolve reference \S+ from id \S+/, 'a $ref that cannot be resolved')
    .replace(/Invalid regular expression: \/.*\/[a-z]*: (.*)$/s, 'an invalid regular expression in a pattern ($1)');
}

/**
 * Where `pattern` is in the schema, as a path of keys (`properties.caseId.pattern`), for an error message:
 * the pattern itself is not quoted (it comes from a file a setting names), and a key that does not look
 * like a schema's property name is described by its length.
 */
export function patternLocation(schema: SchemaNode, pattern: string): string {
  const path = findPattern(schema, pattern, []);
  return path ? path.map(describeKey).join('.') : 'an unknown place';
}

/** Keywords whose values are data, not schemas: a `pattern` key inside them is not a pattern. */
const DATA_KEYWORDS = new Set(['enum', 'const', 'default', 'examples']);

function findPattern(node: unknown, pattern: string, path: string[]): string[] | undefined {
  if (typeof node !== 'object' || node === null) return undefined;
  const entries = Array.isArray(node) ? node.map((value, index) => [String(index), value] as const) : Object.entries(node);
  for (const [key, value] of entries) {
    if (key === 'pattern' && value === pattern) return [...path, key];
    if (key === 'patternProperties' && typeof value === 'object' && value !== null && Object.hasOwn(value, pattern))
      return [...path, key, '(a pattern property)'];
    if (DATA_KEYWORDS.has(key) || key.startsWith('x-')) continue;
    const found = findPattern(value, pattern, [...path, key]);
    if (found) return found;
  }
  return undefined;
}

function describeKey(key: string): string {
  return key === '(a pattern property)' || SAFE_KEY.test(key) ? key : `(a key of ${key.length} characters)`;
}
const SAFE_KEY = /^[A-Za-z0-9_$-]{1,40}$/;
