import type { SchemaError } from './compileSchema';
import type { PointerTarget } from './instance';
import type { FieldSpec, SchemaNode } from './reportSpec';
import { describeAllowedValues } from './allowedValues';

const MAX_SHOWN = 60;
const MAX_PATTERN = 80;

/** Formats ajv knows by name, as a report writer would say them. */
const FORMAT_NAMES: Record<string, string> = {
  date: 'a date such as 2026-06-01',
  time: 'a time such as 05:00:00Z',
  'date-time': 'a date and time such as 2026-06-01T05:00:00Z',
  duration: 'a duration such as P3D',
  email: 'an e-mail address',
  hostname: 'a host name',
  ipv4: 'an IPv4 address',
  ipv6: 'an IPv6 address',
  uri: 'a URI such as https://example.com/page',
  uuid: 'a UUID',
};

const TYPE_NAMES: Record<string, string> = {
  string: 'text',
  number: 'a number',
  integer: 'a whole number',
  array: 'a list',
  object: 'a set of "key: value" entries',
  boolean: 'true or false',
  null: 'empty',
};

const COMPARISONS: Record<string, string> = { '>=': 'at least', '>': 'more than', '<=': 'at most', '<': 'less than' };

/**
 * The value-invalid message for one ajv error: the value as it was read, then what would be accepted,
 * taken from the schema (allowed values, `x-hint`, `examples`, `x-example`, `description`).
 */
export function describeInvalidValue(error: SchemaError, target: PointerTarget): string {
  const params = error.params as Record<string, unknown>;
  const parent = (error.parentSchema ?? {}) as SchemaNode;
  const { label } = target;
  const value: unknown = error.data;
  const read = describeRead(value);
  switch (error.keyword) {
    case 'enum':
      return `${label} is ${read}; expected ${describeAllowedValues(params.allowedValues as unknown[], value)}`;
    case 'const':
      return `${label} is ${read}; expected ${describeAllowedValues([params.allowedValue], value)}`;
    case 'type':
      return `${label} is ${read}; expected ${describeType(params.type)}${quoteTip(value, params.type)}${exampleSuffix(parent, target.field)}`;
    case 'pattern':
      return `${label} is ${read}; expected ${expectedForm(parent, target.field) ?? matchingPattern(String(params.pattern), parent, target.field)}`;
    case 'format': {
      const format = String(params.format);
      return `${label} is ${read}; expected ${expectedForm(parent, target.field) ?? FORMAT_NAMES[format] ?? `a value in the '${format}' format`}`;
    }
    case 'maxLength':
      return `${label} is too long: ${count(lengthOf(value), 'character')}, expected at most ${String(params.limit)} (${read})`;
    case 'minLength':
      return `${label} is too short: ${count(lengthOf(value), 'character')}, expected at least ${String(params.limit)} (${read})`;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return `${label} is ${read}; expected ${COMPARISONS[String(params.comparison)] ?? String(params.comparison)} ${String(params.limit)}`;
    case 'multipleOf':
      return `${label} is ${read}; expected a multiple of ${String(params.multipleOf)}`;
    case 'minItems':
      return `${label} is ${read}; expected at least ${count(Number(params.limit), 'item')}`;
    case 'maxItems':
      return `${label} is ${read}; expected at most ${count(Number(params.limit), 'item')}`;
    case 'uniqueItems': {
      const [first, second] = [Number(params.j), Number(params.i)];
      const item = Array.isArray(value) ? describeRead(value[first]) : 'an item';
      return `${label} lists ${item} twice (items ${first + 1} and ${second + 1}); expected each item once`;
    }
    case 'dependentRequired':
      return `${label} has '${String(params.property)}' but not '${String(params.missingProperty)}', which must come with it`;
    case 'not':
      return `${label} is ${read}, which is not accepted here${orExpected(parent, target.field)}`;
    case 'false schema':
      return `${label} is ${read}, but no value is accepted here`;
    default:
      return `${label} is ${read}, which the schema does not accept (${error.keyword}: ${error.message ?? 'invalid'})${orExpected(parent, target.field)}`;
  }
}

/** How the value was read: quoted text, "empty", or what YAML made of it ("42 (read as a number)"). */
function describeRead(value: unknown): string {
  if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '')) return 'empty';
  if (typeof value === 'string') return `'${truncate(value.trim().replace(/\s+/g, ' '), MAX_SHOWN)}'`;
  if (typeof value === 'number') return `${String(value)} (read as a number)`;
  if (typeof value === 'boolean') return `${String(value)} (read as true/false)`;
  if (Array.isArray(value)) {
    const items = value.map((item) => (typeof item === 'string' ? `'${item}'` : (JSON.stringify(item) ?? String(item)))).join(', ');
    return value.length === 0 ? 'an empty list' : `a list of ${count(value.length, 'item')}: ${truncate(items, MAX_SHOWN)}`;
  }
  return 'a set of "key: value" entries';
}

/**
 * The form the schema describes in words, for `pattern` and `format` errors: "the form IR-YYYY-NNNN,
 * e.g. 'IR-2026-0042'" from `x-hint` and `examples` (or `x-example`), looked up on the failing schema
 * node, then on the field's own node (where a `$ref`'d definition keeps the hint out of ajv's sight).
 */
function expectedForm(parent: SchemaNode, field: FieldSpec | undefined): string | undefined {
  const hint = nonEmptyString(parent['x-hint']) ?? nonEmptyString(field?.hint);
  const examples = examplesFor(parent, field);
  if (hint && examples) return `the form ${hint}, e.g. ${examples}`;
  if (hint) return `the form ${hint}`;
  return examples && `a value like ${examples}`;
}

/** No hint and no example: the pattern itself, with the field's description to say what it is for. */
function matchingPattern(pattern: string, parent: SchemaNode, field: FieldSpec | undefined): string {
  const description = nonEmptyString(parent.description) ?? nonEmptyString(field?.description);
  const about = description ? ` (${description.replace(/[.\s]+$/, '')})` : '';
  return `a value matching the pattern ${truncate(pattern, MAX_PATTERN)}${about}`;
}

/** ", e.g. 'IR-2026-0042'" when the schema gives examples. */
function exampleSuffix(parent: SchemaNode, field: FieldSpec | undefined): string {
  const examples = examplesFor(parent, field);
  return examples ? `, e.g. ${examples}` : '';
}

function orExpected(parent: SchemaNode, field: FieldSpec | undefined): string {
  const form = expectedForm(parent, field);
  return form ? `; expected ${form}` : '';
}

function examplesFor(parent: SchemaNode, field: FieldSpec | undefined): string | undefined {
  return examplesOf(parent) ?? (field ? examplesOf({ examples: field.examples, 'x-example': field.example }) : undefined);
}

/** "'IR-2026-0042' or 'IR-2025-0007'": at most two examples, from `examples` or else `x-example`. */
function examplesOf(node: SchemaNode): string | undefined {
  const listed = Array.isArray(node.examples) ? node.examples : [];
  const example = node['x-example'];
  const values = listed.length > 0 ? listed : example !== undefined ? [example] : [];
  const shown = values
    .filter((item) => item !== null && item !== undefined && item !== '')
    .slice(0, 2)
    .map((item) => (typeof item === 'string' ? `'${truncate(item, MAX_SHOWN)}'` : JSON.stringify(item)));
  return shown.length > 0 ? shown.join(' or ') : undefined;
}

/** YAML reads `42` or `true` as a number or a boolean; quotes keep it text. */
function quoteTip(value: unknown, type: unknown): string {
  const wantsText = String(type).split(',').includes('string');
  return wantsText && (typeof value === 'number' || typeof value === 'boolean') ? ` (write it in quotes, "${String(value)}", to make it text)` : '';
}

function describeType(type: unknown): string {
  return String(type)
    .split(',')
    .map((name) => TYPE_NAMES[name] ?? name)
    .join(' or ');
}

function lengthOf(value: unknown): number {
  return typeof value === 'string' || Array.isArray(value) ? value.length : 0;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function truncate(text: string, max = MAX_SHOWN): string {
  return text.length > max ? `${text.slice(0, max - 3)}…` : text;
}
