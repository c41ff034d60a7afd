import type { ContentContainer, Field, Heading, Section } from '../model/modelTypes';
import type { FieldSpec } from '../schema/reportSpec';
import { renderText, sectionTemplate } from '../templates/skeleton';
import { fieldHole } from '../templates/templateParts';
import type { Finding } from '../types';
import type { QuickFix, TextEdit } from './featureTypes';
import {
  ATX_HEADING,
  insertLines,
  insertSectionBlock,
  isAtxHeadingLine,
  isBlankLine,
  isListItemLine,
  levelTwoEdit,
  misleveledHeadings,
  quickFix,
  replaceRange,
  sameRange,
  type FixEnv,
} from './fixEdits';

/** The fixes of the report's structure: a missing section or field added, a heading raised, a section moved. */

/** Letters only, lower case: `3. Attack Methodology` and `attack methodology` are the same name. */
const squash = (text: string): string => text.toLowerCase().replace(/[^\p{L}]+/gu, '');

const stringData = (finding: Finding, key: string): string | undefined => {
  const value = finding.data?.[key];
  return typeof value === 'string' ? value : undefined;
};

export function addSection(env: FixEnv, finding: Finding): QuickFix[] {
  const { model, spec } = env;
  const key = stringData(finding, 'sectionKey');
  const sectionSpec = key === undefined ? undefined : spec.sectionByKey(key);
  if (!sectionSpec || model.sections.some((section) => spec.sectionOf(section)?.key === key)) return [];
  // Written at the wrong level: raising the heading is the fix; adding another section would duplicate it.
  const misleveled = misleveledHeadings(env).find((heading) => spec.findSection(heading.text)?.key === key);
  if (misleveled) {
    const edit = levelTwoEdit(model, misleveled);
    const title = `Make the heading '${misleveled.text}' on line ${misleveled.range.start.line + 1} a level-2 heading`;
    return edit ? [quickFix(title, [edit], [finding, ...findingsOfHeading(env, misleveled)], true)] : [];
  }
  // Written as a phase of the timeline: that heading, with its content, becomes the section.
  const buried = timelinePhaseNamed(env, sectionSpec.key);
  if (buried) return promotePhase(env, finding, buried.section, buried.phase, sectionSpec.title, sectionSpec.order);
  const block = renderText(sectionTemplate(sectionSpec, env.catalog.tactics, env.style))
    .replace(/\n$/, '')
    .split('\n');
  return [quickFix(`Add section '${sectionSpec.title}'`, [insertSectionBlock(env, sectionInsertLine(env, sectionSpec.order), block)], [finding], true)];
}

/**
 * The H3 of a timeline section that is the section `key` and no phase: named by the section's own title
 * (an alias such as `### Impact` is a phase's name as well) and with none of a phase's fields (a
 * **Date/Time:**).
 */
function timelinePhaseNamed(env: FixEnv, key: string): { section: Section; phase: ContentContainer } | undefined {
  for (const section of env.model.sections) {
    const timeline = env.spec.sectionOf(section);
    if (timeline?.kind !== 'timeline') continue;
    const phase = section.subsections.find(
      (subsection) =>
        env.spec.findSection(subsection.heading.text)?.key === key &&
        squash(subsection.heading.text) === squash(env.spec.sectionByKey(key)?.title ?? '') &&
        !subsection.fields.some((field) => timeline.findSubsectionField(field.key)),
    );
    if (phase) return { section, phase };
  }
  return undefined;
}

/**
 * A section written as an H3 in the timeline: the last phase is raised to `##` where it stands (its content
 * goes with it); a phase followed by other phases is moved out, heading and content, to the section's place
 * as an H2 (raised in place, it would take the following phases as its own).
 */
function promotePhase(env: FixEnv, finding: Finding, section: Section, phase: ContentContainer, title: string, order: number): QuickFix[] {
  const { model } = env;
  const line = phase.heading.range.start.line;
  const resolved = [finding, ...env.findings.filter((other) => other !== finding && other.range.start.line === line)];
  const fixTitle = `Make the timeline heading '${phase.heading.text}' on line ${line + 1} the level-2 section '${title}'`;
  const next = section.subsections[section.subsections.indexOf(phase) + 1];
  if (!next) {
    const edit = levelTwoEdit(model, phase.heading);
    return edit ? [quickFix(fixTitle, [edit], resolved, true)] : [];
  }
  const markers = ATX_HEADING.exec(model.lines.lineText(line));
  if (!markers) return [];
  const end = next.heading.range.start.line;
  let last = end - 1;
  while (last > line && isBlankLine(model, last)) last--;
  const block = Array.from({ length: last - line + 1 }, (_, offset) => model.lines.lineText(line + offset));
  block[0] = block[0].replace(ATX_HEADING, (all, hashes: string) => all.slice(0, all.length - hashes.length) + '##');
  const cut = replaceRange({ start: { line, character: 0 }, end: { line: end, character: 0 } }, '');
  const target = sectionInsertLine(env, order);
  const insert = insertSectionBlock(env, target, block);
  return [quickFix(fixTitle, target < line ? [insert, cut] : [cut, insert], resolved, true)];
}

/** Before the first section that comes later in the schema order, else after the last earlier one, else at the end. */
function sectionInsertLine(env: FixEnv, order: number): number {
  const { model, spec } = env;
  let lastEarlier = -1;
  for (const section of model.sections) {
    const sectionOrder = spec.sectionOf(section)?.order;
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

export function headingLevel(env: FixEnv, finding: Finding): QuickFix[] {
  const heading = misleveledHeadings(env).find((candidate) => sameRange(candidate.textRange, finding.range));
  const edit = heading && levelTwoEdit(env.model, heading);
  return heading && edit ? [quickFix('Make it a level-2 heading', [edit], findingsOfHeading(env, heading), true)] : [];
}

export function addField(env: FixEnv, finding: Finding): QuickFix[] {
  const frontMatterKey = stringData(finding, 'frontMatterKey');
  if (frontMatterKey !== undefined) return addFrontMatterField(env, finding, frontMatterKey);
  const fieldKey = stringData(finding, 'fieldKey');
  const section = env.model.sections.find((candidate) =>
    [candidate, ...candidate.subsections].some((container) => sameRange(container.heading.textRange, finding.range)),
  );
  const sectionSpec = section && env.spec.sectionOf(section);
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
    inTable ? `| ${title} | ${fieldValue(fieldSpec, title).replace(/\|/g, '\\|')} |` : `${prefix}**${title}:** ${fieldValue(fieldSpec, title)}`;
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
 * The value of an added field: a `[TODO: …]` hole (templates/templateParts.ts), never the schema's example
 * or a date, which would read as a fact; the placeholder rule reports it until it is replaced.
 */
function fieldValue(fieldSpec: FieldSpec | undefined, title: string): string {
  return fieldSpec ? fieldHole(fieldSpec).hole : `[TODO: ${title.toLowerCase()}]`;
}

function addFrontMatterField(env: FixEnv, finding: Finding, key: string): QuickFix[] {
  const { model } = env;
  if (model.frontMatter?.entries.some((entry) => entry.key === key)) return [];
  const line = `${key}: ${yamlValue(key)}`;
  const edit = model.frontMatter ? insertLines(env, model.frontMatter.range.end.line, [line]) : insertLines(env, 0, ['---', line, '---']);
  return [quickFix(`Add field '${key}' to the front matter`, [edit], [finding], true)];
}

/**
 * A front matter key's value: the template's hole, quoted (`"[TODO: status]"`, a flow sequence unquoted),
 * which the placeholder rule reports there too; never the first allowed value, an example or today's date.
 */
function yamlValue(key: string): string {
  return JSON.stringify(`[TODO: ${key}]`);
}

/** Moves the section (heading to last content line) before the section it should precede, or after the one it should follow. */
export function moveSection(env: FixEnv, finding: Finding): QuickFix[] {
  const { model, spec } = env;
  const lines = model.lines;
  const moved = model.sections.find((section) => sameRange(section.heading.textRange, finding.range));
  const sectionOf = (key: string | undefined) => model.sections.find((section) => key !== undefined && spec.sectionOf(section)?.key === key);
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
