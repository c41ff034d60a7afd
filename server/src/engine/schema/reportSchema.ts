import { compileReportSchema, compileReportSchemaCode, type SchemaValidator } from './compileSchema';
import type { ValidatorCodeStore } from '../host';
import { readReportSpec, type ReportSpec, type SchemaNode } from './reportSpec';
import { mergeSchemas } from './mergeSchemas';
import { lazyValidator, loadValidatorCode, validatorKey } from './standaloneValidator';

/** A compiled report schema: its validator and the spec the rules, completion and hover read. */
export interface ReportSchema {
  spec: ReportSpec;
  validate: SchemaValidator;
}

/**
 * Compiles `base` (the bundled schema, from EngineHost.resources; on Node, createBundledReportSchema in
 * server/src/node/bundledResources.ts), extended by each of `extensions` in turn.
 *
 * With a `store` (EngineHost.validatorCode), the validator is the stored standalone code when there is
 * one, loaded on the first validation: the bundled schema's is generated at build time, so no engine
 * compiles it. An extended schema without stored code is compiled at once (a broken extension is a
 * configuration error when the engine is made, as without a store) and its code is stored for next time.
 */
export function createReportSchema(extensions: readonly SchemaNode[], base: SchemaNode, store?: ValidatorCodeStore): ReportSchema {
  const schema = extensions.reduce<SchemaNode>((merged, extension) => mergeSchemas(merged, extension), base);
  if (!store) {
    // Compile first: ajv rejects a malformed schema with a clear message before the spec reader trusts its shape.
    const validate = compileReportSchema(schema);
    return { spec: readReportSpec(schema), validate };
  }
  // The bundled schema is valid (the tests compile it): nothing to check before the first validation.
  if (extensions.length === 0) return { spec: readReportSpec(schema), validate: lazyValidator(() => storedOrCompiled(schema, store, validatorKey(schema))) };
  const key = validatorKey(schema);
  const code = store.read(key);
  // Stored code was written only after its schema compiled, so the spec reader can trust its shape.
  if (code !== undefined) return { spec: readReportSpec(schema), validate: lazyValidator(() => loadOrCompile(schema, store, key, code)) };
  const validate = compileAndStore(schema, store, key);
  return { spec: readReportSpec(schema), validate };
}

function storedOrCompiled(schema: SchemaNode, store: ValidatorCodeStore, key: string): SchemaValidator {
  const code = store.read(key);
  return code === undefined ? compileAndStore(schema, store, key) : loadOrCompile(schema, store, key, code);
}

/** Stored code that does not load (which an intact entry never is) is replaced, not trusted. */
function loadOrCompile(schema: SchemaNode, store: ValidatorCodeStore, key: string, code: string): SchemaValidator {
  try {
    return loadValidatorCode(code);
  } catch {
    return compileAndStore(schema, store, key);
  }
}

function compileAndStore(schema: SchemaNode, store: ValidatorCodeStore, key: string): SchemaValidator {
  const { validate, code } = compileReportSchemaCode(schema);
  store.write(key, code);
  return validate;
}
