import { readFileSync } from 'node:fs';
import { bundledSchemaPath } from '../resources';
import { compileReportSchema, type SchemaValidator } from './compileSchema';
import { readReportSpec, type ReportSpec, type SchemaNode } from './reportSpec';
import { mergeSchemas } from './mergeSchemas';

/** A compiled report schema: its validator and the spec the rules, completion and hover read. */
export interface ReportSchema {
  spec: ReportSpec;
  validate: SchemaValidator;
}

let bundledSchemaNode: SchemaNode | undefined;

export function loadBundledSchemaNode(): SchemaNode {
  bundledSchemaNode ??= JSON.parse(readFileSync(bundledSchemaPath(), 'utf8')) as SchemaNode;
  return bundledSchemaNode;
}

/** Compiles the bundled schema, extended by each of `extensions` in turn. */
export function createReportSchema(extensions: readonly SchemaNode[] = [], base: SchemaNode = loadBundledSchemaNode()): ReportSchema {
  const schema = extensions.reduce<SchemaNode>((merged, extension) => mergeSchemas(merged, extension), base);
  // Compile first: ajv rejects a malformed schema with a clear message before the spec reader trusts its shape.
  const validate = compileReportSchema(schema);
  return { spec: readReportSpec(schema), validate };
}
