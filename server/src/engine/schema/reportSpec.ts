import { closestMatch } from '../text/editDistance';
import { splitQualifier } from './headingNames';
import { normalizeName } from './names';
import { STRING_MEMO_SIZE } from '../text/memo';
import { DerivedCache } from '../model/derivedCache';

/** JSON Schema node as read from disk; only the keywords the engine reads are typed. */
export interface SchemaNode {
  title?: string;
  description?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, SchemaNode>;
  required?: string[];
  items?: SchemaNode;
  'x-aliases'?: string[];
  'x-kind'?: string;
  'x-example'?: string;
  /** The expected form of a value, in words a report writer understands ("IR-YYYY-NNNN"): shown when a `pattern` or `format` fails. */
  'x-hint'?: string;
  examples?: unknown[];
  'x-skeleton'?: string[];
  'x-messages'?: Record<string, string>;
  'x-date-role'?: string;
  /** Values to offer and list where a rule, not the schema, checks the value (front matter `attack:`): validation ignores them. */
  'x-values'?: unknown[];
  /** The forms a section's content may take: 'rows' (`**Key:** value` items) and/or 'table' (a GFM table). */
  'x-dialects'?: string[];
  /** For the table dialect: the header texts that mark a column's role, by role ('tactic', 'technique', ...). */
  'x-columns'?: Record<string, string[]>;
  [keyword: string]: unknown;
}

/** A field (a `**Key:** value` line or a front matter key) as the schema describes it. */
export interface FieldSpec {
  key: string;
  title: string;
  aliases: string[];
  description?: string;
  required: boolean;
  kind?: string;
  enumValues?: unknown[];
  /** The schema's `x-values`: offered by completion and listed by hover, but not checked by the schema. */
  suggestedValues?: unknown[];
  example?: string;
  /** The schema's `x-hint` and `examples`: what value-invalid messages show as the expected form. */
  hint?: string;
  examples?: unknown[];
  /** For date fields: 'discovered' or 'began', which the date rules compare. */
  dateRole?: string;
}

export interface SectionSpec {
  key: string;
  title: string;
  aliases: string[];
  description?: string;
  required: boolean;
  /** Position in the schema's section order (0-based). */
  order: number;
  kind?: string;
  /** Lines to insert for a new, empty section (after its heading). */
  skeleton: string[];
  /** The forms its content may take (the schema's `x-dialects`): 'rows' unless the schema says more. */
  dialects: string[];
  /** For the table dialect: a column's role by its normalized header text (the schema's `x-columns`). */
  columnRole(header: string): string | undefined;
  /** The header texts of each column role, as the schema lists them. */
  columns: Record<string, string[]>;
  fields: FieldSpec[];
  /** Fields of the H3 subsections (e.g. timeline phases). */
  subsectionFields: FieldSpec[];
  findField(name: string): FieldSpec | undefined;
  findSubsectionField(name: string): FieldSpec | undefined;
  /** The field a key that no field has is most likely a typo of ("Discovry Date"), by title or alias. */
  suggestField(name: string): FieldSpec | undefined;
  suggestSubsectionField(name: string): FieldSpec | undefined;
}

/**
 * What the engine needs to know about the report schema, read once from the schema itself: sections in
 * order, their names and aliases, and their fields. Nothing here is hard-coded: an extended schema
 * yields an extended spec.
 */
export interface ReportSpec {
  readonly schema: SchemaNode;
  readonly sections: readonly SectionSpec[];
  readonly frontMatterFields: readonly FieldSpec[];
  sectionByKey(key: string): SectionSpec | undefined;
  /**
   * The section a heading names, by title or alias, in any case, numbered or not, with or without a
   * qualifier ("3. Timeline of Events (all times EST)").
   */
  findSection(headingText: string): SectionSpec | undefined;
  /** `findSection` of a section's (or subsection's) heading, kept on that object: every rule asks it of every section. */
  sectionOf(section: HeadedBlock): SectionSpec | undefined;
  /** The section a heading that names none is most likely a typo of ("Lesons Learned"), by title or alias. */
  suggestSection(headingText: string): SectionSpec | undefined;
  findFrontMatterField(key: string): FieldSpec | undefined;
}

/** What `sectionOf` reads: a section or subsection of the model (the spec knows nothing else of the model). */
export interface HeadedBlock {
  readonly heading: { readonly text: string };
}

/** A section's spec, by the spec that read it: a model may be read against two (the bundled and an organization's). */
const sectionSpecs = new DerivedCache<HeadedBlock, { spec: ReportSpec; sectionSpec: SectionSpec | undefined }>('sectionSpec');

export function readReportSpec(schema: SchemaNode): ReportSpec {
  const sectionsNode = schema.properties?.sections ?? {};
  const requiredSections = new Set(sectionsNode.required ?? []);
  const sections = Object.entries(sectionsNode.properties ?? {}).map(([key, node], order) => readSection(key, node, order, requiredSections.has(key)));
  const byKey = new Map(sections.map((section) => [section.key, section]));
  const byName = nameLookup(sections);
  const frontMatterFields = readFields(schema.properties?.frontMatter);
  const frontMatterByName = nameLookup(frontMatterFields);
  const findSection = memoizedLookup(byName);
  const spec: ReportSpec = {
    schema,
    sections,
    frontMatterFields,
    sectionByKey: (key) => byKey.get(key),
    findSection,
    sectionOf(section) {
      const cached = sectionSpecs.get(section);
      if (cached?.spec === spec) return cached.sectionSpec;
      const sectionSpec = findSection(section.heading.text);
      sectionSpecs.set(section, { spec, sectionSpec });
      return sectionSpec;
    },
    suggestSection: (text) => suggest(byName, text),
    findFrontMatterField: (key) => frontMatterByName.get(normalizeName(key)),
  };
  return spec;
}

function readSection(key: string, node: SchemaNode, order: number, required: boolean): SectionSpec {
  const fields = readFields(node.properties?.fields);
  const subsectionFields = readFields(node.properties?.subsections?.items?.properties?.fields);
  const fieldByName = nameLookup(fields);
  const subsectionFieldByName = nameLookup(subsectionFields);
  const columns = node['x-columns'] ?? {};
  const roleByHeader = new Map<string, string>();
  for (const [role, headers] of Object.entries(columns)) {
    for (const header of headers) if (!roleByHeader.has(normalizeName(header))) roleByHeader.set(normalizeName(header), role);
  }
  return {
    key,
    title: node.title ?? key,
    aliases: node['x-aliases'] ?? [],
    description: node.description,
    required,
    order,
    kind: node['x-kind'],
    skeleton: node['x-skeleton'] ?? fields.map((field) => `- **${field.title}:** `),
    dialects: node['x-dialects'] ?? ['rows'],
    columns,
    columnRole: (header) => roleByHeader.get(normalizeName(header)),
    fields,
    subsectionFields,
    findField: memoizedLookup(fieldByName),
    findSubsectionField: memoizedLookup(subsectionFieldByName),
    suggestField: (name) => suggest(fieldByName, name),
    suggestSubsectionField: (name) => suggest(subsectionFieldByName, name),
  };
}

function readFields(node: SchemaNode | undefined): FieldSpec[] {
  const required = new Set(node?.required ?? []);
  return Object.entries(node?.properties ?? {}).map(([key, field]) => ({
    key,
    title: field.title ?? key,
    aliases: field['x-aliases'] ?? [],
    description: field.description,
    required: required.has(key),
    kind: field['x-kind'],
    enumValues: field.enum ?? (field.const !== undefined ? [field.const] : undefined),
    suggestedValues: field['x-values'],
    example: field['x-example'],
    hint: field['x-hint'],
    examples: field.examples,
    dateRole: field['x-date-role'],
  }));
}

/** Map from every normalized title, alias and key to its spec; earlier entries win. */
function nameLookup<T extends { key: string; title: string; aliases: string[] }>(specs: readonly T[]): Map<string, T> {
  const lookup = new Map<string, T>();
  for (const spec of specs) {
    for (const name of [spec.title, spec.key, ...spec.aliases]) {
      const normalized = normalizeName(name);
      if (normalized && !lookup.has(normalized)) lookup.set(normalized, spec);
    }
  }
  return lookup;
}

/** By the whole text, else by the name before its qualifier ("Indicators of Compromise (IOCs)"). */
function lookup<T>(byName: Map<string, T>, text: string): T | undefined {
  const whole = byName.get(normalizeName(text));
  if (whole) return whole;
  const qualified = splitQualifier(text);
  return qualified ? byName.get(normalizeName(qualified.name)) : undefined;
}

/**
 * {@link lookup} over one map, remembered by text: every rule looks up the same headings and keys, check
 * after check. A miss (a key the schema does not know) is remembered too, as null.
 */
function memoizedLookup<T>(byName: Map<string, T>): (text: string) => T | undefined {
  // memoizeString's bounded map, written out: one closure call per lookup rather than two (rules make ~100 a check).
  const cache = new Map<string, T | null>();
  return (text) => {
    let found = cache.get(text);
    if (found === undefined) {
      if (cache.size >= STRING_MEMO_SIZE) cache.clear();
      found = lookup(byName, text) ?? null;
      cache.set(text, found);
    }
    return found ?? undefined;
  };
}

const MAX_SUGGESTED_NAME = 80;

/** The spec whose title or alias is within a typo's distance of the text (its name, without a qualifier). */
function suggest<T>(byName: Map<string, T>, text: string): T | undefined {
  if (lookup(byName, text)) return undefined;
  const name = normalizeName(splitQualifier(text)?.name ?? text);
  // Typos of names of at most a few words: a long heading is prose, and comparing it would cost its length squared.
  if (name.length < 4 || name.length > MAX_SUGGESTED_NAME) return undefined;
  const near = closestMatch(name, [...byName.keys()], 1);
  return near === undefined ? undefined : byName.get(near);
}
