import { compileReportSchema, type SchemaValidator } from './compileSchema';
import { readReportSpec, type ReportSpec, type SchemaNode } from './reportSpec';
import { mergeSchemas } from './mergeSchemas';

/** A compiled report schema: its validator and the spec the rules, completion and hover read. */
export interface ReportSchema {
  spec: ReportSpec;
  validate: SchemaValidator;
}

/**
 * Compiles `base` (the bundled schema, from EngineHost.resources; on Node, createBundledReportSchema in
 * server/src/node/bundledResources.ts), extended by each of `extensions` in turn.
 */
export function createReportSchema(extensions: readonly SchemaNode[], base: SchemaNode): ReportSchema {
  const schema = extensions.reduce<SchemaNode>((merged, extension) => mergeSchemas(merged, extension), base);
  // Compile first: ajv rejects a malformed schema with a clear message before the spec reader trusts its shape.
  const validate = compileReportSchema(schema);
  return { spec: readReportSpec(schema), validate };
}
