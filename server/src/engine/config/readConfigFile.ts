import Ajv2020 from 'ajv/dist/2020';
import { LineCounter, parseDocument, type Document } from 'yaml';
import { closestMatch } from '../text/editDistance';
import { describeErrorCode, yamlToData } from '../text/yamlData';
import { ConfigError, type ConfigFile } from './configTypes';
import { parseNetwork } from '../iocs/ipNetworks';

/** The configuration schema compiled once per schema object (hosts give the same object every time). */
const validators = new WeakMap<object, ReturnType<Ajv2020['compile']>>();

function configValidator(configSchema: object) {
  let validate = validators.get(configSchema);
  if (!validate) {
    validate = new Ajv2020({ allErrors: false, strict: false }).compile(configSchema);
    validators.set(configSchema, validate);
  }
  return validate;
}

/**
 * Parses and validates one configuration file's text (YAML, of which JSON is a subset) against
 * `configSchema` (schemas/increport-config.schema.json, from EngineHost.resources). Every problem is a
 * ConfigError located at the offending key or value. `knownRules` lets the message suggest a rule name.
 */
export function readConfigFile(path: string, text: string, knownRules: readonly string[], configSchema: object): ConfigFile {
  const lineCounter = new LineCounter();
  const document = parseDocument(text.replace(/^\uFEFF/, ''), { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number, message: string) => {
    const { line, col } = lineCounter.linePos(offset);
    return new ConfigError(path, line - 1, col - 1, message);
  };
  const syntaxError = document.errors[0];
  // Described by its code, not the yaml package's message, which can quote the text: a configuration file
  // can be a symbolic link to any file (a pull request can add one), and a CI log must not show that file.
  if (syntaxError) throw at(syntaxError.pos[0], `Invalid YAML: ${describeErrorCode(syntaxError.code)}`);
  const converted = yamlToData(document);
  if ('problem' in converted) throw at(converted.problem.offset, `Invalid YAML: ${converted.problem.message}`);
  const data: unknown = converted.data ?? {};
  // Rule names first: a name the schema's pattern refuses is an unknown rule too, and says so.
  const rules = (data as { rules?: unknown }).rules;
  for (const ruleId of typeof rules === 'object' && rules !== null ? Object.keys(rules) : []) {
    if (knownRules.includes(ruleId)) continue;
    const suggestion = closestMatch(ruleId, knownRules);
    const named = suggestion ? `'${ruleId}' (did you mean '${suggestion}'?)` : `(a name of ${ruleId.length} characters)`;
    throw at(nodeOffset(document, ['rules', ruleId], true), `Unknown rule ${named}`);
  }
  const validate = configValidator(configSchema);
  if (!validate(data)) {
    const error = validate.errors?.[0];
    const segments = (error?.instancePath ?? '')
      .split('/')
      .slice(1)
      .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
    const where =
      error?.keyword === 'additionalProperties' ? [...segments, String((error.params as { additionalProperty: string }).additionalProperty)] : segments;
    const message =
      error?.keyword === 'additionalProperties'
        ? `Unknown setting ${quoteKey(where, settingNames(configSchema))}`
        : `Setting ${segments.length > 0 ? quoteKey(segments, [...settingNames(configSchema), ...knownRules]) : '(top level)'} ${error?.message ?? 'is invalid'}`;
    throw at(nodeOffset(document, where, error?.keyword === 'additionalProperties'), message);
  }
  const config = data as Omit<ConfigFile, 'path'>;
  (config.organization?.networks ?? []).forEach((network, index) => {
    const parsed = parseNetwork(network);
    if (!('error' in parsed)) return;
    const node = document.getIn(['organization', 'networks', index], true) as { range?: number[] } | undefined;
    // Not quoted, as no value of the file is (see quoteKey); the line and column lead to it.
    throw at(
      node?.range?.[0] ?? nodeOffset(document, ['organization', 'networks'], false),
      `Setting 'organization.networks' item ${index + 1} ${parsed.error}`,
    );
  });
  const located: ConfigFile['locations'] = {};
  for (const key of ['schema.extend', 'attack.bundle'] as const) {
    if (document.getIn(key.split('.')) === undefined) continue;
    const { line, col } = lineCounter.linePos(nodeOffset(document, key.split('.'), false));
    located[key] = { line: line - 1, character: col - 1 };
  }
  return { ...config, path, locations: located };
}

/** Every key the configuration schema names, at any depth (read from the schema, not kept by hand). */
function settingNames(configSchema: object): string[] {
  const names = new Set<string>();
  const walk = (node: unknown): void => {
    if (typeof node !== 'object' || node === null) return;
    const properties = (node as { properties?: Record<string, unknown> }).properties;
    for (const name of Object.keys(properties ?? {})) names.add(name);
    for (const value of Object.values(node)) walk(value);
  };
  walk(configSchema);
  return [...names];
}

/**
 * A key path as a message may show it. Keys come from a file that may be anything (a configuration file
 * can be a link to a file of secrets), so a key is quoted only when it is a known name or one or two edits
 * from one (a typo of a known name is no secret); any other key is described by its length. The message
 * also gives the line and column, which is enough to find it.
 */
function quoteKey(path: readonly string[], known: readonly string[]): string {
  const unknown = path.find((key) => !known.includes(key) && !closestMatch(key, known));
  return unknown === undefined ? `'${path.join('.')}'` : `(a key of ${unknown.length} characters)`;
}

/** Offset of the key (or value) at `path`, falling back to the nearest ancestor that exists. */
function nodeOffset(document: Document, path: string[], wantKey: boolean): number {
  for (let depth = path.length; depth > 0; depth--) {
    const parent = depth > 1 ? document.getIn(path.slice(0, depth - 1), true) : document.contents;
    const items = (parent as { items?: { key?: { value?: unknown; range?: number[] }; value?: { range?: number[] } }[] } | null)?.items;
    const pair = items?.find((item) => String(item.key?.value) === path[depth - 1]);
    const range = wantKey || depth < path.length ? pair?.key?.range : (pair?.value?.range ?? pair?.key?.range);
    if (range) return range[0];
  }
  return 0;
}
