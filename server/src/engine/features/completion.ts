import type { AttackCatalog } from '../attack/catalog';
import type { TechniqueData } from '../attack/catalogTypes';
import { findTechniqueMentions } from '../attack/techniqueMentions';
import { formatDateInStyle } from '../dates/parseDate';
import { isWhitespaceCode, trimEndWhile } from '../text/chars';
import { catalogName, rowTactics } from '../queries/attackQueries';
import type { FieldSpec } from '../schema/reportSpec';
import { renderSnippet, sectionTemplate } from '../templates/skeleton';
import { templateStyleOf } from '../templates/templateStyle';
import type { Position, Range } from '../types';
import { completionSiteAt, containerFields, reportDateStyle, techniqueQueryAt, type Container, type TechniqueQuery } from './completionContext';
import { NOT_CANCELLED, type Cancellation, type CompletionEntry, type FeatureContext } from './featureTypes';

/** Most technique entries returned for one request. */
export const TECHNIQUE_LIMIT = 50;

/**
 * Completion at `position`: sections on a heading or blank line, field keys and ATT&CK tactics on a bullet,
 * technique IDs in an Attack Methodology row, enum values and today's date in field values. Every range
 * lies on the cursor line and ends at the cursor. Only section entries are snippets.
 */
export function complete(context: FeatureContext, position: Position, token: Cancellation = NOT_CANCELLED): CompletionEntry[] {
  if (token.isCancellationRequested) return [];
  const { model, spec } = context;
  const site = completionSiteAt(model, spec, position);
  if (!site || token.isCancellationRequested) return [];
  const line = position.line;
  const text = model.lines.lineText(line);
  const character = Math.min(Math.max(position.character, 0), text.length);
  const before = text.slice(0, character);
  const rangeFrom = (start: number): Range => ({ start: { line, character: start }, end: { line, character } });

  switch (site.kind) {
    case 'heading':
      return sectionEntries(context, line, rangeFrom(site.start));
    case 'blank': {
      // Items of the current section first, then new sections.
      const fields = site.container ? keyEntries(context, site.container, line, rangeFrom(site.start), '', '- ') : [];
      const sections = sectionEntries(context, line, rangeFrom(site.start));
      return [...fields.map((e) => ({ ...e, sortText: `0${e.sortText}` })), ...sections.map((e) => ({ ...e, sortText: `1${e.sortText}` }))];
    }
    case 'key': {
      const marker = before[site.start];
      // A new bullet under a `###` tactic heading of Attack Methodology (the headings dialect) is a technique; `- **` is still a key.
      const heading = marker === '*' || marker === '_' ? undefined : tacticHeadingOf(context, site.container);
      if (heading !== undefined) return techniqueEntries(context, heading, techniqueQueryAt(before, site.start), rangeFrom, text, token);
      return keyEntries(context, site.container, line, rangeFrom(site.start), marker === '_' ? '__' : '**', leadFor(text, site.start));
    }
    case 'row-continuation':
      return techniqueEntries(context, site.row.key, techniqueQueryAt(before, site.start), rangeFrom, text, token);
    case 'table-cell': {
      // A table repeats a tactic over several rows: every tactic is offered, as the cell's text alone.
      if (site.role === 'tactic') return tacticEntries(context, new Set(), rangeFrom(site.start), (name) => name, '');
      return techniqueEntries(context, site.row?.key ?? '', techniqueQueryAt(before, site.start), rangeFrom, text, token);
    }
    case 'value': {
      if (site.container.spec?.kind === 'attack-tactics') {
        return techniqueEntries(context, site.key, techniqueQueryAt(before, site.start), rangeFrom, text, token);
      }
      const field = containerFields(site.container)?.find(site.key);
      return field ? valueEntries(context, field, line, text, site.start, character, false) : [];
    }
    case 'front-matter-value': {
      const field = spec.findFrontMatterField(site.key);
      return field ? valueEntries(context, field, line, text, site.start, character, true) : [];
    }
  }
}

/** Sections of the schema missing from the report, in schema order, each inserted with its body in the configured template style. */
function sectionEntries(context: FeatureContext, line: number, range: Range): CompletionEntry[] {
  const { model, spec, catalog } = context;
  const style = templateStyleOf(context.config);
  const present = new Set<string>();
  for (const section of model.sections) {
    if (section.heading.range.start.line <= line && line <= section.heading.range.end.line) continue; // being retyped
    const found = spec.sectionOf(section);
    if (found) present.add(found.key);
  }
  const missing = spec.sections.filter((section) => !present.has(section.key));
  if (missing.length === 0) return [];
  return missing.map((section) => ({
    label: section.title,
    kind: 'section',
    detail: section.required ? 'required section' : 'optional section',
    documentation: section.description,
    insertText: renderSnippet(sectionTemplate(section, catalog.tactics, style)).join('\n'),
    isSnippet: true,
    range,
    sortText: pad(section.order),
    filterText: `## ${[section.title, ...section.aliases].join(' ')}`,
  }));
}

/**
 * Keys not yet written in the container: schema fields (required first), or ATT&CK tactics (matrix order)
 * in the Attack Methodology section. `lead` is written before the key (`- ` on a blank line, a space
 * after a bare `-`); `marker` is the emphasis the user started typing.
 */
function keyEntries(context: FeatureContext, container: Container, line: number, range: Range, marker: string, lead: string): CompletionEntry[] {
  const filterPrefix = lead.trim() === '-' ? '- **' : marker === '__' ? '__' : '**';
  const emphasis = marker === '__' ? '__' : '**';
  const notOnLine = (range: Range) => range.start.line !== line;
  if (container.spec?.kind === 'attack-tactics') {
    const { catalog } = context;
    const written = new Set(
      [container.section, ...container.section.subsections]
        .flatMap((c) => c.fields)
        .filter((f) => notOnLine(f.keyRange))
        .map((f) => catalog.findTactic(f.key)?.id),
    );
    return tacticEntries(context, written, range, (name) => `${lead}${emphasis}${name}:${emphasis} `, filterPrefix);
  }
  const fields = containerFields(container);
  if (!fields) return [];
  const written = new Set(fields.written.filter((f) => notOnLine(f.keyRange)).map((f) => fields.find(f.key)?.key));
  return fields.specs
    .map((field, index) => ({ field, index }))
    .filter(({ field }) => !written.has(field.key))
    .map(({ field, index }) => ({
      label: field.title,
      kind: 'field',
      detail: field.required ? 'required' : 'optional',
      documentation: fieldDocumentation(field),
      insertText: `${lead}${emphasis}${field.title}:${emphasis} `,
      range,
      sortText: `${field.required ? 0 : 1}${pad(index)}`,
      filterText: `${filterPrefix}${field.title}`,
    }));
}

/** The tactics of the catalog not in `written` (IDs), in matrix order, each inserted as `insert` writes its name. */
function tacticEntries(
  context: FeatureContext,
  written: ReadonlySet<string | undefined>,
  range: Range,
  insert: (name: string) => string,
  filterPrefix: string,
): CompletionEntry[] {
  const { catalog } = context;
  return catalog.tactics
    .filter((tactic) => !written.has(tactic.id))
    .map((tactic) => ({
      label: tactic.name,
      kind: 'tactic',
      detail: tactic.id,
      documentation: `ATT&CK v${catalog.version} tactic **${tactic.name}** (${tactic.id})`,
      insertText: insert(tactic.name),
      range,
      sortText: pad(tactic.order),
      filterText: `${filterPrefix}${tactic.name}`,
    }));
}

/** The text of the `###` heading of Attack Methodology a bullet is written under, when the section reads headings as tactics and it names one. */
function tacticHeadingOf({ catalog }: FeatureContext, container: Container): string | undefined {
  const heading = container.subsection?.heading.text;
  if (heading === undefined || container.spec?.kind !== 'attack-tactics' || !container.spec.dialects.includes('headings')) return undefined;
  return rowTactics(catalog, heading).candidates.length > 0 ? heading : undefined;
}

/** Techniques for what is typed in the Attack Methodology row whose key (tactic) is `rowKey`, its tactic's first. */
function techniqueEntries(
  context: FeatureContext,
  rowKey: string,
  typed: TechniqueQuery,
  rangeFrom: (start: number) => Range,
  text: string,
  token: Cancellation,
): CompletionEntry[] {
  const { catalog } = context;
  const tacticIds = rowTactics(catalog, rowKey).candidates.map((tactic) => tactic.id);
  let techniques: readonly TechniqueData[];
  if (typed.query.trim() === '') {
    // Nothing typed yet: the tactic's techniques (a legacy row: its successors'), less those already written before the cursor on this line.
    const written = new Set(findTechniqueMentions(text.slice(0, typed.start)).map((mention) => mention.id.toUpperCase()));
    techniques = techniquesOfTactics(catalog, tacticIds, (t) => !written.has(t.id), TECHNIQUE_LIMIT);
  } else {
    techniques = catalog.searchTechniques(typed.query, { tacticIds, limit: TECHNIQUE_LIMIT });
  }
  if (techniques.length === 0 || token.isCancellationRequested) return [];
  const range = rangeFrom(typed.start);
  const lead = typed.kept === '' ? leadFor(text, typed.start) : '';
  const kept = typed.kept === '' || typed.kept.endsWith(' ') ? typed.kept : `${typed.kept} `;
  return techniques.map((technique, index) => {
    const tactics = technique.tactics.map((id) => catalog.tacticById(id)?.name ?? id).join(', ');
    const parent = technique.parent ? catalog.technique(technique.parent) : undefined;
    const replacement = technique.revoked ? catalog.replacementOf(technique.id) : undefined;
    const status = technique.revoked ? ` (revoked${replacement ? `: use ${replacement.id}` : ''})` : technique.deprecated ? ' (deprecated)' : '';
    return {
      label: technique.id,
      kind: 'technique',
      detail: `${technique.name}${status}, ${tactics}`,
      documentation: `**${technique.id} ${technique.name}**${status}\n\n${technique.description || `No description in the ${catalogName(catalog)}.`}\n\n[ATT&CK v${catalog.version}](${technique.url})`,
      insertText: `${lead}${technique.id} ${technique.name}`,
      range,
      sortText: pad(index),
      filterText: `${kept}${technique.id} ${technique.name}${parent ? ` ${parent.name}` : ''}`,
    };
  });
}

/**
 * Current techniques of the tactics that `keep` accepts, at most `limit`: tactic by tactic in the order given
 * (a legacy row's successors in matrix order), each by ID and with an equal share of the limit, each technique once.
 */
function techniquesOfTactics(
  catalog: AttackCatalog,
  tacticIds: readonly string[],
  keep: (technique: TechniqueData) => boolean,
  limit: number,
): TechniqueData[] {
  const share = Math.floor(limit / Math.max(tacticIds.length, 1));
  const found = new Map<string, TechniqueData>();
  for (const id of tacticIds) {
    let taken = 0;
    for (const technique of techniquesOfTactic(catalog, id)) {
      if (taken >= share) break;
      if (found.has(technique.id) || !keep(technique)) continue;
      found.set(technique.id, technique);
      taken++;
    }
  }
  return [...found.values()];
}

/** Current techniques of a tactic, by ID (parents before their sub-techniques), cached per catalog. */
const byTacticCache = new WeakMap<AttackCatalog, Map<string, TechniqueData[]>>();

function techniquesOfTactic(catalog: AttackCatalog, tacticId: string): readonly TechniqueData[] {
  let byTactic = byTacticCache.get(catalog);
  if (!byTactic) {
    byTactic = new Map();
    const current = catalog.allTechniques.filter((t) => !t.revoked && !t.deprecated).sort((a, b) => (a.id < b.id ? -1 : 1));
    for (const technique of current) {
      for (const id of technique.tactics) {
        const list = byTactic.get(id);
        if (list) list.push(technique);
        else byTactic.set(id, [technique]);
      }
    }
    byTacticCache.set(catalog, byTactic);
  }
  return byTactic.get(tacticId) ?? [];
}

/**
 * A field's enum values (or the values its `x-values` suggests), or today's date for a date field. Front
 * matter dates are ISO first (YAML is read by tools).
 */
function valueEntries(
  context: FeatureContext,
  field: FieldSpec,
  line: number,
  text: string,
  valueStart: number,
  character: number,
  frontMatter: boolean,
): CompletionEntry[] {
  const values = field.enumValues ?? field.suggestedValues;
  if (values && values.length > 0) {
    const range: Range = { start: { line, character: valueStart }, end: { line, character } };
    const lead = leadFor(text, valueStart);
    return values.map((value, index) => ({
      label: String(value),
      kind: 'value',
      detail: field.title,
      documentation: field.description,
      insertText: `${lead}${String(value)}`,
      range,
      sortText: pad(index),
    }));
  }
  if (field.kind !== 'date' && field.kind !== 'datetime') return [];
  // The word being typed is replaced; qualifiers written before it ("approx. ") stay.
  const start = Math.max(
    valueStart,
    trimEndWhile(text, 0, character, (code) => !isWhitespaceCode(code)),
  );
  const range: Range = { start: { line, character: start }, end: { line, character } };
  const lead = leadFor(text, start);
  const style = reportDateStyle(context.model, context.spec);
  const dates: { label: string; detail: string }[] = [{ label: formatDateInStyle(context.now, style), detail: `Today (${style} style, as in this report)` }];
  if (frontMatter && style !== 'iso') dates.unshift({ label: formatDateInStyle(context.now, 'iso'), detail: 'Today (ISO 8601)' });
  if (field.kind === 'datetime') dates.push({ label: isoDateTime(context.now), detail: 'Now (UTC)' });
  return dates.map((date, index) => ({
    label: date.label,
    kind: 'date',
    detail: date.detail,
    documentation: field.description,
    insertText: `${lead}${date.label}`,
    range,
    sortText: pad(index),
  }));
}

function fieldDocumentation(field: FieldSpec): string | undefined {
  const example = field.example ? `Example: \`${field.example}\`` : undefined;
  return [field.description, example].filter((part) => part !== undefined).join('\n\n') || undefined;
}

function isoDateTime(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${date.getUTCFullYear()}-${two(date.getUTCMonth() + 1)}-${two(date.getUTCDate())} ${two(date.getUTCHours())}:${two(date.getUTCMinutes())} UTC`;
}

/** A space to write first when the range starts right after a marker or punctuation (`-|`, `:**|`, `,|`). */
function leadFor(text: string, start: number): string {
  return start > 0 && /[^\s(["']/.test(text[start - 1]) ? ' ' : '';
}

function pad(n: number): string {
  return String(n).padStart(4, '0');
}
