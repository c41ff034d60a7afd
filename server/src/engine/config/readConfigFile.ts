import Ajv2020 from 'ajv/dist/2020';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LineCounter, parseDocument, type Document } from 'yaml';
import { packageRoot } from '../resources';
import { closestMatch } from '../text/editDistance';
import { ConfigError, type ConfigFile } from './configTypes';

let validateConfig: ReturnType<Ajv2020['compile']> | undefined;

function configValidator() {
  if (!validateConfig) {
    const schema = JSON.parse(readFileSync(join(packageRoot(), 'schemas', 'increport-config.schema.json'), 'utf8')) as object;
    validateConfig = new Ajv2020({ allErrors: false, strict: false }).compile(schema);
  }
  return validateConfig;
}

/**
 * Parses and validates one configuration file's text (YAML, of which JSON is a subset). Every problem is a
 * ConfigError located at the offending key or value. `knownRules` lets the message suggest a rule name.
 */
export function readConfigFile(path: string, text: string, knownRules: readonly string[]): ConfigFile {
  const lineCounter = new LineCounter();
  const document = parseDocument(text.replace(/^\uFEFF/, ''), { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number, message: string) => {
    const { line, col } = lineCounter.linePos(offset);
    return new ConfigError(path, line - 1, col - 1, message);
  };
  const syntaxError = document.errors[0];
  if (syntaxError) throw at(syntaxError.pos[0], `Invalid YAML: ${syntaxError.message.split('\n')[0]}`);
  const data: unknown = document.toJS() ?? {};
  const validate = configValidator();
  if (!validate(data)) {
    const error = validate.errors?.[0];
    const segments = (error?.instancePath ?? '').split('/').slice(1).map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
    const where = error?.keyword === 'additionalProperties'
      ? [...segments, String((error.params as { additionalProperty: string }).additionalProperty)]
      : segments;
    const message = error?.keyword === 'additionalProperties'
      ? `Unknown setting '${where.join('.')}'`
      : `Setting '${segments.join('.') || '(top level)'}' ${error?.message ?? 'is invalid'}`;
    throw at(nodeOffset(document, where, error?.keyword === 'additionalProperties'), message);
  }
  const config = data as Omit<ConfigFile, 'path'>;
  for (const ruleId of Object.keys(config.rules ?? {})) {
    if (knownRules.includes(ruleId)) continue;
    const suggestion = closestMatch(ruleId, knownRules);
    throw at(nodeOffset(document, ['rules', ruleId], true), `Unknown rule '${ruleId}'${suggestion ? ` (did you mean '${suggestion}'?)` : ''}`);
  }
  const located: ConfigFile['locations'] = {};
  for (const key of ['schema.extend', 'attack.bundle'] as const) {
    if (document.getIn(key.split('.')) === undefined) continue;
    const { line, col } = lineCounter.linePos(nodeOffset(document, key.split('.'), false));
    located[key] = { line: line - 1, character: col - 1 };
  }
  return { ...config, path, locations: located };
}

/** Offset of the key (or value) at `path`, falling back to the nearest ancestor that exists. */
function nodeOffset(document: Document, path: string[], wantKey: boolean): number {
  for (let depth = path.length; depth > 0; depth--) {
    const parent = depth > 1 ? document.getIn(path.slice(0, depth - 1), true) : document.contents;
    const items = (parent as { items?: { key?: { value?: unknown; range?: number[] }; value?: { range?: number[] } }[] } | null)?.items;
    const pair = items?.find((item) => String(item.key?.value) === path[depth - 1]);
    const range = (wantKey || depth < path.length ? pair?.key?.range : pair?.value?.range ?? pair?.key?.range);
    if (range) return range[0];
  }
  return 0;
}
