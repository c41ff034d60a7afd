import { methodologyRows, rowMentions } from '../queries/methodologyRows';
import { findTechniqueMentions, type TechniqueMention } from '../attack/techniqueMentions';
import type { ContentContainer, Field, Heading, Section } from '../model/modelTypes';
import { indicatorsOf } from '../queries/iocQueries';
import type { FieldSpec, SchemaNode } from '../schema/reportSpec';
import { renderText, sectionTemplate } from '../templates/skeleton';
import type { Finding } from '../types';
import { migrateAttack } from './attackMigrationFixes';
import { fixTacticId, renameHeading, renameKey } from './renameFixes';
import type { QuickFix, TextEdit } from './featureTypes';
import {
  insertLines,
  insertSectionBlock,
  isAtxHeadingLine,
  isBlankLine,
  isListItemLine,
  levelTwoEdit,
  misleveledHeadings,
  quickFix,
  rangeKey,
  remember,
  replaceRange,
  sameRange,
  textAt,
  type FixEnv,
} from './fixEdits';

/** The quick fixes for one finding; the preferred one (if any) is the fix `fixAll` may apply. */
export type FixBuilder = (env: FixEnv, finding: Finding) => QuickFix[];

const stringData = (finding: Finding, key: string): string | undefined => {
  const value = finding.data?.[key];
  return typeof value === 'string' ? value : undefined;
};

/** Letters and digits only, lower case: "Spear-phishing attachment" and "Spearphishing Attachment" agree. */
const squash = (text: string): string => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

function addSection(env: FixEnv, finding: Finding): QuickFix[] {
  const { model, spec } = env;
  const key = stringData(finding, 'sectionKey');
  const sectionSpec = key === undefined ? undefined : spec.sectionByKey(key);
  if (!sectionSpec || model.sections.some((section) => spec.findSection(section.heading.text)?.key === key)) return [];
  // Written at the wrong level: raising the heading is the fix; adding another section would duplicate it.
  const misleveled = misleveledHeadings(env).find((heading) => spec.findSection(heading.text)?.key === key);
  if (misleveled) {
    const edit = levelTwoEdit(model, misleveled);
    const title = `Make the heading '${misleveled.text}' on line ${misleveled.range.start.line + 1} a level-2 heading`;
    return edit ? [quickFix(title, [edit], [finding, ...findingsOfHeading(env, misleveled)], true)] : [];
  }
  const block = renderText(sectionTemplate(sectionSpec, env.catalog.tactics, env.style), env.today)
    .replace(/\n$/, '')
    .split('\n');
  return [quickFix(`Add section '${sectionSpec.title}'`, [insertSectionBlock(env, sectionInsertLine(env, sectionSpec.order), block)], [finding], true)];
}

/** Before the first section that comes later in the schema order, else after the last earlier one, else at the end. */
function sectionInsertLine(env: FixEnv, order: number): number {
  const { model, spec } = env;
  let lastEarlier = -1;
  for (const section of model.sections) {
    const sectionOrder = spec.findSection(section.heading.text)?.order;
    if (sectionOrder === undefined) continue;
    if (sectionOrder > order) return section.heading.range.start.line;
    lastEarlier = Math.max(lastEarlier, section.range.end.line);
  }
  return lastEarlier >= 0 ? lastEarlier + 1 : model.lines.lineCount;
}

/** The heading-level and title-multiple findings on a heading, and the section-missing one it causes. */
function findingsOfHeading(env: FixEnv, heading: Heading): Finding[] {
  const key = env.spec.findSection(heading.text)?.key;
  return env.findings.filter(
    (finding) =>
      ((finding.ruleId === 'heading-level' || finding.ruleId === 'title-multiple') && sameRange(finding.range, heading.textRange)) ||
      (finding.ruleId === 'section-missing' && key !== undefined && stringData(finding, 'sectionKey') === key),
  );
}

function headingLevel(env: FixEnv, finding: Finding): QuickFix[] {
  const heading = misleveledHeadings(env).find((candidate) => sameRange(candidate.textRange, finding.range));
  const edit = heading && levelTwoEdit(env.model, heading);
  return heading && edit ? [quickFix('Make it a level-2 heading', [edit], findingsOfHeading(env, heading), true)] : [];
}

function addField(env: FixEnv, finding: Finding): QuickFix[] {
  const frontMatterKey = stringData(finding, 'frontMatterKey');
  if (frontMatterKey !== undefined) return addFrontMatterField(env, finding, frontMatterKey);
  const fieldKey = stringData(finding, 'fieldKey');
  const section = env.model.sections.find((candidate) =>
    [candidate, ...candidate.subsections].some((container) => sameRange(container.heading.textRange, finding.range)),
  );
  const sectionSpec = section && env.spec.findSection(section.heading.text);
  if (fieldKey === undefined || !section || !sectionSpec) return [];
  const container = [section, ...section.subsections].find((candidate) => sameRange(candidate.heading.textRange, finding.range)) as ContentContainer;
  const specs = container === section ? sectionSpec.fields : sectionSpec.subsectionFields;
  const find = container === section ? sectionSpec.findField : sectionSpec.findSubsectionField;
  const orderOf = (field: Field) => specs.indexOf(find(field.key) as FieldSpec);
  const index = specs.findIndex((spec) => spec.key === fieldKey);
  if (container.fields.some((field) => find(field.key)?.key === fieldKey)) return [];
  const fieldSpec = specs[index] as FieldSpec | undefined;
  const title = fieldSpec?.title ?? stringData(finding, 'fieldTitle') ?? fieldKey;
  const item = (prefix: string, inTable?: boolean) =>
    inTable ? `| ${title} | ${fieldValue(fieldSpec)} |`.replace('|  |', '| |') : `${prefix}**${title}:** ${fieldValue(fieldSpec)}`.trimEnd();
  return [quickFix(`Add field '${title}'`, [fieldInsertion(env, container, index, orderOf, item)], [finding], true)];
}

/** After the present field that precedes it in the schema order, else above the first field, else under the heading. */
function fieldInsertion(
  env: FixEnv,
  container: ContentContainer | Section,
  index: number,
  orderOf: (field: Field) => number,
  item: (prefix: string, inTable?: boolean) => string,
): TextEdit {
  const { model } = env;
  const prefixOf = (field: Field) => model.lines.lineText(field.keyRange.start.line).slice(0, Math.max(0, field.keyRange.start.character - 2));
  // A field the schema does not order goes last.
  const anchor = index < 0 ? container.fields.at(-1) : container.fields.filter((field) => orderOf(field) >= 0 && orderOf(field) < index).at(-1);
  // In a key/value table a new row goes below the anchor's row; below a header row, below its delimiter row too.
  if (anchor) return insertLines(env, anchor.range.end.line + (anchor.inTable === 'header' ? 2 : 1), [item(prefixOf(anchor), anchor.inTable !== undefined)]);
  const first = container.fields[0];
  if (first?.inTable === 'header') return insertLines(env, first.range.end.line + 2, [item('', true)]);
  if (first) return insertLines(env, first.keyRange.start.line, [item(prefixOf(first), first.inTable !== undefined)]);
  const line = container.heading.range.end.line + 1;
  // Text right under the heading would become a lazy continuation of the new item: keep a blank line between.
  const separate = !isBlankLine(model, line) && !isListItemLine(model, line) && !isAtxHeadingLine(model, line);
  return insertLines(env, line, separate ? [item('- '), ''] : [item('- ')]);
}

/**
 * A value that is not a placeholder and breaks no rule: the schema's example, or for a date the honest
 * "Not yet determined" (today, or an example date, would be out of order with the report's other dates).
 */
function fieldValue(fieldSpec: FieldSpec | undefined): string {
  if (fieldSpec?.kind === 'date' || fieldSpec?.kind === 'datetime') return 'Not yet determined';
  return fieldSpec?.example ?? '';
}

function addFrontMatterField(env: FixEnv, finding: Finding, key: string): QuickFix[] {
  const { model, spec } = env;
  if (model.frontMatter?.entries.some((entry) => entry.key === key)) return [];
  const node = spec.schema.properties?.frontMatter?.properties?.[key];
  const line = `${key}: ${yamlValue(env, spec.findFrontMatterField(key), node)}`.trimEnd();
  const edit = model.frontMatter ? insertLines(env, model.frontMatter.range.end.line, [line]) : insertLines(env, 0, ['---', line, '---']);
  return [quickFix(`Add field '${key}' to the front matter`, [edit], [finding], true)];
}

const YAML_PLAIN = /^[\p{L}\p{N}][\p{L}\p{N} _.:/+@()-]*$/u;
const YAML_NOT_A_STRING = /^(?:true|false|yes|no|on|off|null|~|[-+]?(?:\d[\d_]*)?\.?\d+(?:e[-+]?\d+)?|0x[\da-f]+|0o[0-7]+)$/i;

/** The example, the first allowed value, today for a date, or an empty value of the right type. */
function yamlValue(env: FixEnv, fieldSpec: FieldSpec | undefined, node: SchemaNode | undefined): string {
  const allowed = fieldSpec?.enumValues?.[0];
  if (allowed !== undefined && typeof allowed !== 'string') return JSON.stringify(allowed);
  const value = fieldSpec?.example ?? allowed ?? (fieldSpec?.kind === 'date' || fieldSpec?.kind === 'datetime' ? env.today : undefined);
  if (value !== undefined) return YAML_PLAIN.test(value) && !/:(?: |$)/.test(value) && !YAML_NOT_A_STRING.test(value) ? value : JSON.stringify(value);
  const types = ([] as unknown[]).concat(node?.type ?? []);
  return types.includes('string') ? '""' : types.includes('array') ? '[]' : '';
}

function defang(env: FixEnv, finding: Finding): QuickFix[] {
  const live = remember(
    env,
    'live indicators',
    () =>
      new Map(
        indicatorsOf(env.model, env.spec)
          .filter((candidate) => candidate.defanged !== candidate.ioc.text)
          .map((candidate) => [rangeKey(candidate.range), candidate]),
      ),
  );
  const target = live.get(rangeKey(finding.range));
  if (!target) return [];
  const fixes = [quickFix(`Defang '${target.ioc.text}'`, [replaceRange(target.range, target.defanged)], [finding], true)];
  if (live.size > 1) {
    // The edits are what defangAllEdits(model, spec) returns, without scanning the section a second time.
    fixes.push(
      remember(env, 'defang all', () =>
        quickFix(
          'Defang all indicators in this file',
          [...live.values()].map((candidate) => replaceRange(candidate.range, candidate.defanged)),
          env.findings.filter((other) => other.ruleId.startsWith('ioc-live') && live.has(rangeKey(other.range))),
        ),
      ),
    );
  }
  return fixes;
}

function replaceRevoked(env: FixEnv, finding: Finding): QuickFix[] {
  const { model, catalog } = env;
  const technique = catalog.technique(textAt(model, finding.range));
  const replacement = technique?.revoked ? catalog.replacementOf(technique.id) : undefined;
  if (!technique || !replacement) return [];
  const edits = [replaceRange(finding.range, replacement.id)];
  const { line, character } = finding.range.start;
  const written = mentionsOn(env, line).byStart.get(character)?.name;
  // The revoked technique's own name goes with it; any other words stay.
  if (written && squash(technique.name) !== squash(replacement.name)) {
    const length =
      squash(written.text) === squash(technique.name)
        ? written.text.length
        : written.text.toLowerCase().startsWith(technique.name.toLowerCase())
          ? technique.name.length
          : 0;
    if (length > 0) edits.push(replaceRange({ start: { line, character: written.start }, end: { line, character: written.start + length } }, replacement.name));
  }
  return [quickFix(`Replace ${technique.id} with ${replacement.id} (${replacement.name})`, edits, [finding], true)];
}

function changeTactic(env: FixEnv, finding: Finding): QuickFix[] {
  const written = textAt(env.model, finding.range);
  if (written.trim() === '' || env.catalog.findTactic(written)) return [];
  // A tactic renamed between ATT&CK versions is a suggestion, never applied by Fix All: the old tactic
  // may have been split (v19: Defense Evasion into Stealth and Defense Impairment).
  if (finding.data?.renamed === true) {
    const names = Array.isArray(finding.data.suggestions) ? finding.data.suggestions.filter((name): name is string => typeof name === 'string') : [];
    return names.map((name) => quickFix(`Change to '${name}'`, [replaceRange(finding.range, name)], [finding], false));
  }
  const suggestions = env.catalog.suggestTactics(written);
  return suggestions.map((tactic) => quickFix(`Change to '${tactic.name}'`, [replaceRange(finding.range, tactic.name)], [finding], suggestions.length === 1));
}

function fixTechniqueName(env: FixEnv, finding: Finding): QuickFix[] {
  const { catalog } = env;
  const { line, character } = finding.range.start;
  // A name in a cell of its own (`| T1095 | Encrypted Channel |`) belongs to the ID of its table row.
  const named = mentionsOn(env, line).byNameStart.get(character) ?? rowMentionNamedAt(env, line, character);
  // The finding covers the written name, or its start: the name before a description ("Spearphising Attachment" of
  // "…: invoice.docm mailed"), or words that make another technique's name.
  const mention = named?.name && finding.range.end.character <= named.name.end ? named : undefined;
  const technique = mention && catalog.technique(mention.id);
  if (!mention || !technique || finding.range.end.line !== line) return [];
  const fixes = [quickFix(`Change the name to '${technique.name}'`, [replaceRange(finding.range, technique.name)], [finding], true)];
  const intendedId = stringData(finding, 'intendedId');
  const intended = intendedId === undefined ? undefined : catalog.technique(intendedId);
  if (intended && !intended.revoked && intended.id !== technique.id) {
    const idRange = { start: { line, character: mention.start }, end: { line, character: mention.end } };
    fixes.push(quickFix(`Change the ID to ${intended.id}`, [replaceRange(idRange, intended.id)], [finding]));
  }
  return fixes;
}

/** A name the row reads beside its ID and the line alone does not: in a cell of its own, or after a bold ID under a heading (`**T1078** Valid Accounts`). */
function rowMentionNamedAt(env: FixEnv, line: number, character: number): TechniqueMention | undefined {
  for (const section of env.model.sections) {
    const sectionSpec = env.spec.findSection(section.heading.text);
    if (sectionSpec?.kind !== 'attack-tactics') continue;
    const row = methodologyRows(section, sectionSpec).find(
      (candidate) => (candidate.table || candidate.heading) && candidate.range.start.line <= line && line <= candidate.range.end.line,
    );
    if (row) return rowMentions(env.model.lines, row).find((found) => found.line === line && found.mention.name?.start === character)?.mention;
  }
  return undefined;
}

/**
 * The technique mentions on a line, by where the ID starts and where the name starts: scanned once per
 * line and request, so n findings on one line cost n, not n².
 */
function mentionsOn(env: FixEnv, line: number): { byStart: Map<number, TechniqueMention>; byNameStart: Map<number, TechniqueMention> } {
  return remember(env, `technique mentions ${line}`, () => {
    const mentions = findTechniqueMentions(env.model.lines.lineText(line));
    return {
      byStart: new Map(mentions.map((mention) => [mention.start, mention])),
      byNameStart: new Map(mentions.flatMap((mention) => (mention.name ? [[mention.name.start, mention] as const] : []))),
    };
  });
}

/** A misspelt rule id in a control comment: the suggestion the rule made, in place of the id. */
function fixRuleId(env: FixEnv, finding: Finding): QuickFix[] {
  const ruleId = stringData(finding, 'ruleId');
  const suggestion = stringData(finding, 'suggestion');
  if (!ruleId || !suggestion || finding.range.start.line !== finding.range.end.line) return [];
  const escaped = ruleId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`(?<=[\\s,])${escaped}(?=[\\s,]|-->)`).exec(textAt(env.model, finding.range));
  if (!match) return [];
  const { line, character } = finding.range.start;
  const range = { start: { line, character: character + match.index }, end: { line, character: character + match.index + ruleId.length } };
  return [quickFix(`Change to '${suggestion}'`, [replaceRange(range, suggestion)], [finding], true)];
}

/** Moves the section (heading to last content line) before the section it should precede, or after the one it should follow. */
function moveSection(env: FixEnv, finding: Finding): QuickFix[] {
  const { model, spec } = env;
  const lines = model.lines;
  const moved = model.sections.find((section) => sameRange(section.heading.textRange, finding.range));
  const sectionOf = (key: string | undefined) => model.sections.find((section) => key !== undefined && spec.findSection(section.heading.text)?.key === key);
  const before = sectionOf(stringData(finding, 'before'));
  const after = before ? undefined : sectionOf(stringData(finding, 'after'));
  const target = before?.heading.range.start.line ?? (after ? after.range.end.line + 1 : undefined);
  if (!moved || target === undefined || (before ?? after) === moved) return [];
  const first = moved.heading.range.start.line;
  const last = moved.range.end.line;
  let next = last + 1;
  while (next < lines.lineCount && isBlankLine(model, next)) next++;
  if (target >= first && target <= next) return [];
  let cut: TextEdit;
  if (next < lines.lineCount) {
    cut = replaceRange({ start: { line: first, character: 0 }, end: { line: next, character: 0 } }, '');
  } else {
    // The last section: remove it with the blank lines above it, keeping the final line break.
    let previous = first - 1;
    while (previous > 0 && isBlankLine(model, previous)) previous--;
    if (previous < 0 || target > previous) return [];
    const end = lines.positionAt(lines.text.length);
    cut = replaceRange(
      { start: { line: previous, character: lines.lineText(previous).length }, end },
      lines.lineText(lines.lineCount - 1) === '' ? env.eol : '',
    );
  }
  const block = Array.from({ length: last - first + 1 }, (_, offset) => lines.lineText(first + offset));
  const title = spec.findSection(moved.heading.text)?.title ?? moved.heading.text;
  const where = before ? `before '${spec.findSection(before.heading.text)?.title}'` : `after '${spec.findSection((after as Section).heading.text)?.title}'`;
  const insert = insertSectionBlock(env, target, block);
  const edits = target < first ? [insert, cut] : [cut, insert];
  return [quickFix(`Move section '${title}' ${where}`, edits, [finding], true)];
}

export const FIX_BUILDERS: Readonly<Record<string, FixBuilder>> = {
  // A typo of a section's or field's name is renamed, not added a second time.
  'section-missing': (env, finding) => (finding.data?.suggestion === undefined ? addSection(env, finding) : renameHeading(env, finding)),
  'section-unknown': renameHeading,
  'field-missing': (env, finding) => (finding.data?.suggestion === undefined ? addField(env, finding) : renameKey(env, finding)),
  'heading-level': headingLevel,
  'section-order': moveSection,
  'ioc-live': defang,
  'ioc-live-prose': defang,
  'ioc-live-reserved': defang,
  'attack-technique-revoked': replaceRevoked,
  'attack-tactic-unknown': changeTactic,
  'attack-tactic-id-mismatch': fixTacticId,
  'attack-technique-name': fixTechniqueName,
  'attack-migration': migrateAttack,
  'suppression-unknown-rule': fixRuleId,
};

/** Rules whose preferred fix changes no content decision: what "fix all" applies. */
export const SAFE_RULES: ReadonlySet<string> = new Set([
  'ioc-live',
  'attack-technique-revoked',
  'attack-technique-name',
  'attack-migration',
  'attack-tactic-unknown',
  'heading-level',
]);
