import type { SchemaNode } from './reportSpec';

/** Keywords whose arrays accumulate when an organization extends the schema. */
const UNION_KEYWORDS = new Set(['required', 'x-aliases', 'x-dialects']);

/**
 * Deep-merges an organization's extension into the report schema: objects merge key by key (new
 * properties keep their position after existing ones), `required`, `x-aliases`, `x-dialects` and the header lists of `x-columns` are unions, and
 * any other value in the extension replaces the base value (e.g. an `enum`). The base is not modified.
 */
export function mergeSchemas(base: SchemaNode, extension: SchemaNode): SchemaNode {
  return mergeValue(base, extension) as SchemaNode;
}

function mergeValue(base: unknown, extension: unknown, keyword?: string, union = false): unknown {
  if (Array.isArray(base) && Array.isArray(extension) && (union || (keyword !== undefined && UNION_KEYWORDS.has(keyword)))) {
    return [...base, ...extension.filter((item) => !base.includes(item))];
  }
  if (isPlainObject(base) && isPlainObject(extension)) {
    const merged: Record<string, unknown> = { ...base };
    for (const [key, value] of Object.entries(extension)) {
      // The header lists of `x-columns` accumulate too: an organization adds its own column names.
      merged[key] = key in base ? mergeValue(base[key], value, key, keyword === 'x-columns') : value;
    }
    return merged;
  }
  return extension;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
