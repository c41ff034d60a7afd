import { methodologyRows } from '../queries/methodologyRows';
import type { AttackCatalog, LegacyTactic } from '../attack/catalog';
import type { GroupData, SoftwareData, TacticData, TechniqueData } from '../attack/catalogTypes';
import { catalogName, previousTacticName, techniqueAt } from '../queries/attackQueries';
import type { FieldSpec, SectionSpec } from '../schema/reportSpec';
import { comparePositions } from '../types';
import { indicatorHover, type IndicatorReports } from './indicatorHover';
import { NOT_CANCELLED, type Cancellation, type FeatureContext, type HoverResult, type Position, type Range } from './featureTypes';

const MAX_MITIGATIONS = 8;
const MAX_ALIASES = 12;
/** TA, G and S ids as written in text; the same boundaries as technique mentions. */
const CATALOG_ID = /(?<![\w./-])(?:TA|G|S)\d{4}(?!\w)/g;

/**
 * Markdown hover for a technique, tactic, group or software ID, a tactic key in Attack Methodology, a
 * group or software name in Attack Methodology or the timeline, a heading, a field key or a front
 * matter key; an indicator that other reports of the register mention ("also in …", when `indicators` is
 * given). Undefined elsewhere, in code and HTML blocks, and for any position outside the text.
 */
export function hover(
  context: FeatureContext,
  position: Position,
  token: Cancellation = NOT_CANCELLED,
  indicators?: IndicatorReports,
): HoverResult | undefined {
  const { model } = context;
  if (token.isCancellationRequested || !isInside(context, position)) return undefined;
  const frontMatter = model.frontMatter;
  if (frontMatter && contains(frontMatter.range, position)) {
    const entry = frontMatter.entries.find((candidate) => contains(candidate.keyRange, position));
    const field = entry && context.spec.findFrontMatterField(entry.key);
    return entry && field ? { contents: fieldMarkdown(field, 'front matter key'), range: entry.keyRange } : undefined;
  }
  if (model.verbatimLines.has(position.line)) return undefined;
  const technique = techniqueAt(model, context.catalog, position);
  if (technique) return { contents: techniqueMarkdown(context.catalog, technique.technique), range: technique.range };
  return (
    idHover(context, position) ??
    structureHover(context, position) ??
    (indicators && !token.isCancellationRequested ? indicatorHover(context, position, indicators) : undefined) ??
    (token.isCancellationRequested ? undefined : nameHover(context, position))
  );
}

function isInside({ model }: FeatureContext, { line, character }: Position): boolean {
  if (!Number.isInteger(line) || !Number.isInteger(character) || line < 0 || character < 0 || line >= model.lines.lineCount) return false;
  return character <= model.lines.lineText(line).length;
}

function idHover({ model, catalog }: FeatureContext, position: Position): HoverResult | undefined {
  const text = model.lines.lineText(position.line);
  const match = [...text.matchAll(CATALOG_ID)].find((m) => m.index <= position.character && position.character <= m.index + m[0].length);
  if (!match) return undefined;
  const id = match[0];
  const tactic = id.startsWith('TA') ? catalog.tacticById(id) : undefined;
  const entity = id.startsWith('G') ? catalog.group(id) : id.startsWith('S') ? catalog.software(id) : undefined;
  const contents = tactic ? tacticMarkdown(catalog, tactic) : entity && entityMarkdown(catalog, entity);
  return contents === undefined ? undefined : { contents, range: lineRange(position.line, match.index, match.index + id.length) };
}

/** Headings, field keys, and tactic keys of Attack Methodology rows. */
function structureHover({ model, spec, catalog }: FeatureContext, position: Position): HoverResult | undefined {
  const title = model.titles.find((heading) => contains(heading.range, position));
  if (title) {
    const node = spec.schema.properties?.title;
    return node && { contents: [`**${node.title ?? 'Report title'}**`, node.description ?? ''].filter(Boolean).join('\n\n'), range: title.textRange };
  }
  const section = model.sections.find((candidate) => contains(candidate.range, position));
  if (!section) return undefined;
  const sectionSpec = spec.sectionOf(section);
  if (contains(section.heading.range, position)) {
    return sectionSpec && { contents: sectionMarkdown(sectionSpec, spec.sections.length), range: section.heading.textRange };
  }
  if (!sectionSpec) return undefined;
  for (const container of [section, ...section.subsections]) {
    const rows = container === section && sectionSpec.kind === 'attack-tactics' ? methodologyRows(section, sectionSpec) : container.fields;
    const field = rows.find((candidate) => contains(candidate.keyRange, position));
    if (!field) continue;
    if (container === section && sectionSpec.kind === 'attack-tactics') {
      const tactic = catalog.findTactic(field.key);
      const legacy = tactic ? undefined : catalog.legacyTactic(field.key);
      const contents = tactic ? tacticMarkdown(catalog, tactic) : legacy && legacyTacticMarkdown(catalog, legacy);
      return contents === undefined ? undefined : { contents, range: field.keyRange };
    }
    const fieldSpec =
      container === section ? sectionSpec.findField(field.key) : (sectionSpec.findSubsectionField(field.key) ?? sectionSpec.findField(field.key));
    const owner = container === section ? `field of ${sectionSpec.title}` : `field of a ${sectionSpec.title} subsection`;
    return fieldSpec && { contents: fieldMarkdown(fieldSpec, owner), range: field.keyRange };
  }
  return undefined;
}

/**
 * Group and software names, deliberately conservative: only in Attack Methodology and the timeline,
 * only exact (case-sensitive) names or aliases of current entries, word-bounded, and only names that
 * cannot be ordinary words: several words, or a digit, or a capital after the first letter (APT28,
 * AdFind, Cobalt Strike, Fancy Bear, cmd.exe), or ending in ".exe". Plain capitalized words such as
 * "Snake", "Silence", "Play" or "Rclone" are never hovered by name; their G/S ids always are.
 */
function nameHover({ model, spec, catalog }: FeatureContext, position: Position): HoverResult | undefined {
  const section = model.sections.find((candidate) => contains(candidate.range, position));
  const kind = section && spec.sectionOf(section)?.kind;
  if (kind !== 'attack-tactics' && kind !== 'timeline') return undefined;
  const text = model.lines.lineText(position.line);
  let best: { name: string; start: number } | undefined;
  for (const name of distinctiveNames(catalog)) {
    for (let at = text.indexOf(name); at >= 0 && at <= position.character; at = text.indexOf(name, at + 1)) {
      const end = at + name.length;
      if (end < position.character || !wordBounded(text, at, end)) continue;
      if (!best || name.length > best.name.length) best = { name, start: at };
    }
  }
  if (!best) return undefined;
  const entities = [catalog.group(best.name), catalog.software(best.name)].filter((entity) => entity !== undefined);
  if (entities.length === 0) return undefined;
  return {
    contents: entities.map((entity) => entityMarkdown(catalog, entity)).join('\n\n---\n\n'),
    range: lineRange(position.line, best.start, best.start + best.name.length),
  };
}

const namesByCatalog = new WeakMap<AttackCatalog, string[]>();

function distinctiveNames(catalog: AttackCatalog): string[] {
  const cached = namesByCatalog.get(catalog);
  if (cached) return cached;
  const current = [...catalog.allGroups, ...catalog.allSoftware].filter((entity) => !entity.revoked && !entity.deprecated);
  const names = [...new Set(current.flatMap((entity) => [entity.name, ...(entity.aliases ?? [])]))].filter(
    (name) => name.trim().length >= 3 && (/\s|\d/.test(name) || /.\p{Lu}/u.test(name) || /\.exe$/i.test(name)),
  );
  namesByCatalog.set(catalog, names);
  return names;
}

function wordBounded(text: string, start: number, end: number): boolean {
  return !/[\p{L}\p{N}_]/u.test(text.charAt(start - 1)) && !/[\p{L}\p{N}_]/u.test(text.charAt(end));
}

function techniqueMarkdown(catalog: AttackCatalog, technique: TechniqueData): string {
  const parent = technique.parent === undefined ? undefined : catalog.technique(technique.parent);
  const parts = [`**${technique.id} ${technique.name}**${parent ? ` (sub-technique of ${parent.id} ${parent.name})` : ''}`];
  const earlier = catalog.earlierTechnique(technique.id);
  if (technique.revoked) {
    const replacement = catalog.replacementOf(technique.id);
    if (earlier?.revoked) {
      const where = replacement ? catalog.tacticsOfTechnique(replacement.id).map((tactic) => tactic.name) : [];
      const use = replacement ? `use ${replacement.id} ${replacement.name}${where.length > 0 ? ` (${where.join(', ')})` : ''} instead` : 'with no replacement';
      parts.push(`**Revoked in ATT&CK v${catalog.version}** (current in v${catalog.previousVersion}): ${use}.`);
    } else {
      parts.push(replacement ? `**Revoked: use ${replacement.id} ${replacement.name} instead.**` : '**Revoked** in ATT&CK, with no replacement.');
    }
  }
  if (technique.deprecated) parts.push('**Deprecated:** ATT&CK no longer maintains this technique.');
  if (earlier?.name !== undefined) parts.push(`**Renamed in ATT&CK v${catalog.version}:** v${catalog.previousVersion} called it ${earlier.name}.`);
  if (earlier?.tactics !== undefined && !earlier.revoked) {
    const then = earlier.tactics.map((id) => previousTacticName(catalog, id)).join(', ');
    parts.push(`**Moved in ATT&CK v${catalog.version}:** v${catalog.previousVersion} listed it under ${then}.`);
  }
  // A revoked entry keeps the tactics it had when current: ids the previous release may have named otherwise (TA0005).
  const tactics =
    technique.revoked && catalog.previousVersion !== undefined
      ? technique.tactics.map((id) => previousTacticName(catalog, id))
      : catalog.tacticsOfTechnique(technique.id).map((tactic) => tactic.name);
  const facts = [
    tactics.length > 0 ? `**${technique.revoked && catalog.previousVersion !== undefined ? 'Tactics when current' : 'Tactics'}:** ${tactics.join(', ')}` : '',
    technique.platforms.length > 0 ? `**Platforms:** ${technique.platforms.join(', ')}` : '',
  ];
  if (facts.some(Boolean)) parts.push(facts.filter(Boolean).join('  \n'));
  if (technique.description) parts.push(technique.description);
  else if (!technique.revoked && !technique.deprecated) parts.push(`The ${catalogName(catalog)} has no description for this technique.`);
  const mitigations = catalog.mitigationsOf(technique.id);
  if (mitigations.length > 0) {
    const shown = mitigations.slice(0, MAX_MITIGATIONS).map((mitigation) => `${mitigation.id} ${mitigation.name}`);
    parts.push(`**Mitigations:** ${shown.join(', ')}${more(mitigations.length - shown.length)}`);
  }
  parts.push(footer(catalog, technique.url));
  return parts.join('\n\n');
}

function tacticMarkdown(catalog: AttackCatalog, tactic: TacticData): string {
  const current = catalog.allTechniques.filter((technique) => !technique.revoked && !technique.deprecated && technique.tactics.includes(tactic.id));
  const subTechniques = current.filter((technique) => technique.parent !== undefined).length;
  const position = `Column ${tactic.order + 1} of ${catalog.tactics.length} in the ATT&CK matrix`;
  const before = catalog.data.previous?.tactics.find((legacy) => legacy.id === tactic.id && legacy.name !== tactic.name);
  return [
    `**${tactic.id} ${tactic.name}** (ATT&CK tactic)`,
    `${position}, with ${plural(current.length - subTechniques, 'technique')} and ${plural(subTechniques, 'sub-technique')}.`,
    before ? `ATT&CK v${catalog.previousVersion} called it ${before.name}.` : '',
    footer(catalog, `https://attack.mitre.org/tactics/${tactic.id}/`),
  ]
    .filter(Boolean)
    .join('\n\n');
}

/** A previous release's tactic on an Attack Methodology row (v18.1 'Defense Evasion' under v19.2): what became of it. */
function legacyTacticMarkdown(catalog: AttackCatalog, { tactic, successors }: LegacyTactic): string {
  const same = successors.find((successor) => successor.id === tactic.id);
  const added = successors.filter((successor) => successor !== same).map((successor) => `${successor.id} ${successor.name}`);
  const change = same
    ? `ATT&CK v${catalog.version} renamed ${tactic.id} ${same.name}${added.length > 0 ? ` and split ${added.join(' and ')} from it` : ''}.`
    : `ATT&CK v${catalog.version} replaced it with ${added.join(' and ')}.`;
  const names = successors.map((successor) => successor.name);
  const columns = successors.map((successor) => `${successor.id} ${successor.name} (column ${successor.order + 1} of ${catalog.tactics.length})`);
  return [
    `**${tactic.id} ${tactic.name}** (ATT&CK v${catalog.previousVersion} tactic)`,
    change,
    `This row is read as ${names.join(' or ')}: each technique counts under those of them ATT&CK v${catalog.version} lists it for.`,
    `**v${catalog.version} tactics:** ${columns.join(', ')}`,
    footer(catalog, `https://attack.mitre.org/tactics/${(same ?? successors[0]).id}/`),
  ].join('\n\n');
}

function entityMarkdown(catalog: AttackCatalog, entity: GroupData | SoftwareData): string {
  const isSoftware = 'type' in entity;
  const parts = [`**${entity.id} ${entity.name}** (ATT&CK ${isSoftware ? `software, ${entity.type}` : 'group'})`];
  if (entity.revoked) {
    const replacement = entity.replacedBy === undefined ? undefined : isSoftware ? catalog.software(entity.replacedBy) : catalog.group(entity.replacedBy);
    parts.push(replacement ? `**Revoked: use ${replacement.id} ${replacement.name} instead.**` : '**Revoked** in ATT&CK.');
  }
  if (entity.deprecated) parts.push('**Deprecated** in ATT&CK.');
  const aliases = entity.aliases ?? [];
  if (aliases.length > 0) parts.push(`**Also known as:** ${aliases.slice(0, MAX_ALIASES).join(', ')}${more(aliases.length - MAX_ALIASES)}`);
  parts.push(footer(catalog, `https://attack.mitre.org/${isSoftware ? 'software' : 'groups'}/${entity.id}/`));
  return parts.join('\n\n');
}

function sectionMarkdown(section: SectionSpec, sectionCount: number): string {
  const parts = [`**${section.title}** (report section)`];
  if (section.description) parts.push(section.description);
  parts.push(`${section.required ? 'Required' : 'Optional'} · section ${section.order + 1} of ${sectionCount} in the template order`);
  if (section.aliases.length > 0) parts.push(`Also accepted as: ${section.aliases.join(', ')}`);
  return parts.join('\n\n');
}

function fieldMarkdown(field: FieldSpec, owner: string): string {
  const parts = [`**${field.title}** (${owner})`];
  if (field.description) parts.push(field.description);
  const facts = [field.required ? 'Required' : 'Optional'];
  if (field.enumValues) facts.push(`Allowed values: ${field.enumValues.map((value) => code(String(value))).join(', ')}`);
  else if (field.suggestedValues) facts.push(`Accepted values: ${field.suggestedValues.map((value) => code(String(value))).join(', ')}`);
  if (field.example) facts.push(`Example: ${code(field.example)}`);
  parts.push(facts.join(' · '));
  return parts.join('\n\n');
}

function footer(catalog: AttackCatalog, url: string): string {
  const known = catalog.version !== '' && catalog.version !== 'unknown';
  return `[attack.mitre.org](${url}) · MITRE ATT&CK${known ? ` v${catalog.version}` : ''}`;
}

function code(text: string): string {
  return text.includes('`') ? `\`\` ${text} \`\`` : `\`${text}\``;
}

const more = (count: number): string => (count > 0 ? ` (+${count} more)` : '');
const plural = (count: number, noun: string): string => `${count} ${noun}${count === 1 ? '' : 's'}`;
const lineRange = (line: number, start: number, end: number): Range => ({ start: { line, character: start }, end: { line, character: end } });

function contains(range: Range, position: Position): boolean {
  return comparePositions(range.start, position) <= 0 && comparePositions(position, range.end) <= 0;
}
