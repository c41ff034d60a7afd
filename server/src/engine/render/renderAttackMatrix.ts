import type { AttackCatalog, LegacyTactic } from '../attack/catalog';
import type { TacticData, TechniqueData } from '../attack/catalogTypes';
import type { Block, Field, Section } from '../model/modelTypes';
import { isTableRow, methodologyRows, readTables, rowMentions, type MethodologyRow } from '../queries/methodologyRows';
import { allTechniqueMentions, isTacticless, placeTechnique, rowTactics, type RowTactics } from '../queries/attackQueries';
import { escapeHtml, lineAttr } from './escape';
import { fieldList, fieldValue, renderContainer, type RenderState } from './renderContext';

/** A row value that says the tactic was not used. */
const NOT_APPLICABLE = /^(?:n\/?a|none|not applicable|not observed|-|—)\.?$/i;

interface Chip {
  id: string;
  technique: TechniqueData | undefined;
  line: number;
  /** Listed in an Attack Methodology row (else only mentioned elsewhere in the report). */
  listed: boolean;
  /** The previous release's tactic of the row it was listed in (v18.1 Defense Evasion under v19.2). */
  legacy?: LegacyTactic;
  /** Columns it goes in: the row's tactics ATT&CK lists it under; none when it lists it under none of them. */
  placed?: TacticData[];
}

interface Column {
  tactic: TacticData;
  rows: Field[];
  chips: Chip[];
  notes: { field: Field }[];
  /** Rows written with a previous release's tactic that put something (techniques, N/A, text) in this column. */
  legacyRows: { field: Field; legacy: LegacyTactic }[];
  notApplicable: boolean;
}

/**
 * The ATT&CK coverage matrix: every tactic of the catalog as a column, in matrix order; under each, the
 * techniques the report lists in that tactic's Attack Methodology row (as written: a technique listed
 * under a tactic appears in that column), then techniques mentioned elsewhere in the report under their
 * catalog tactics (outlined). Tactics written as N/A are dimmed. Rows naming no known tactic are listed below.
 *
 * A row written with a previous release's tactic (v18.1 'Defense Evasion' under v19.2) fills its successors
 * (Stealth, Defense Impairment): each technique goes under those ATT&CK lists it for (none: the first column the row fills), N/A
 * dims them all, and each column it fills says the row was written as the old tactic. A revoked technique
 * stays as written, struck through, with its replacement shown under it and placed by the replacement's tactics.
 */
export function renderAttackMatrix(state: RenderState, section: Section): string {
  const catalog = state.context.catalog;
  const columns = new Map<string, Column>(
    catalog.tactics.map((tactic) => [tactic.id, { tactic, rows: [], chips: [], notes: [], legacyRows: [], notApplicable: false }]),
  );
  const unmatched: MethodologyRow[] = [];
  const rowFields = new Set<Field>();
  const sectionSpec = state.context.spec.sectionOf(section);
  const rows: MethodologyRow[] = sectionSpec ? methodologyRows(section, sectionSpec) : section.fields;
  for (const field of rows) {
    const tacticless = isTacticless(catalog, field);
    // A table without a tactic column, a heading that is no tactic: each technique goes under the tactics ATT&CK lists it for.
    const row: RowTactics = tacticless ? { candidates: [...catalog.tactics] } : rowTactics(catalog, field.key);
    if (row.candidates.length === 0) {
      unmatched.push(field);
      continue;
    }
    rowFields.add(field);
    const chips = rowChips(state, field, row, tacticless);
    const na = NOT_APPLICABLE.test(field.value.trim());
    const placed = new Set(chips.flatMap((chip) => chip.placed ?? []));
    // A legacy row fills the successors its techniques go under; with none (N/A, text), all of them.
    const targets = row.tactic ? [row.tactic] : placed.size > 0 || tacticless ? row.candidates.filter((tactic) => placed.has(tactic)) : row.candidates;
    for (const tactic of targets) {
      const column = columns.get(tactic.id)!;
      column.rows.push(field);
      if (row.legacy) column.legacyRows.push({ field, legacy: row.legacy });
      for (const chip of chips) if ((chip.placed ?? [targets[0]]).includes(tactic) && !column.chips.some((c) => c.id === chip.id)) column.chips.push(chip);
    }
    if (targets.length === 0) unmatched.push(field);
    else if (!na && chips.length === 0 && field.value.trim() !== '') columns.get(targets[0].id)!.notes.push({ field });
  }
  for (const column of columns.values()) {
    column.notApplicable = column.rows.length > 0 && column.rows.every((row) => NOT_APPLICABLE.test(row.value.trim()));
  }
  addMentionsElsewhere(state, section, columns);

  // A table of tactic and technique columns only is what the matrix shows; one with text columns (Procedure) stays.
  const shownByMatrix = new Set(
    (sectionSpec ? readTables(section, sectionSpec) : [])
      .filter((read) => read.recognised && read.roles.every((role) => role === 'tactic' || role === 'technique'))
      .map((read) => read.table.range.start.line),
  );
  const skipBlock = (block: Block) => block.kind === 'table' && shownByMatrix.has(block.range.start.line);
  let intro = renderContainer(state, section, { skipField: (field) => rowFields.has(field) || unmatched.includes(field), skipBlock });
  // The `###` subsections as written (technique bullets say what the matrix cannot: how each was used);
  // one whose content is all in the matrix (a table of tactics and techniques) is left out.
  for (const subsection of section.subsections) {
    const body = renderContainer(state, subsection, { skipBlock });
    if (body === '' && subsection.blocks.length > 0) continue;
    intro += `<h3${lineAttr(subsection.heading.range.start.line)}>${state.inline(state.slice(subsection.heading.textRange))}</h3>${body}`;
  }
  const all = [...columns.values()];
  const withTechniques = all.filter((column) => column.chips.some((chip) => chip.listed)).length;
  const version = `MITRE ATT&CK® ${domainName(catalog.domain)} v${catalog.version}`;
  const legend = ` · ${withTechniques} of ${all.length} tactics with techniques listed · filled: listed in a tactic row; outlined: only mentioned elsewhere in the report; hatched: N/A${legacyLegend(catalog, all)}`;
  let html =
    `${intro}<figure class="attack-matrix"><div class="matrix" role="list">${all.map((column) => renderColumn(state, column)).join('')}</div>` +
    `<figcaption><span class="attack-version">${escapeHtml(version)}</span>${escapeHtml(legend)}</figcaption></figure>\n`;
  if (unmatched.length > 0) {
    html += `<div class="unmatched"><p class="note">Rows that name no ATT&amp;CK tactic:</p>${fieldList(state, unmatched, (field) => rowValue(state, field))}</div>\n`;
  }
  return html;
}

function domainName(domain: string): string {
  const name = domain.replace(/-attack$/, '');
  return name ? name.charAt(0).toUpperCase() + name.slice(1) : 'Enterprise';
}

/** What the caption says of rows written with a previous release's tactics. */
function legacyLegend(catalog: AttackCatalog, columns: Column[]): string {
  const legacy = new Map(columns.flatMap((column) => column.legacyRows.map(({ legacy }) => [legacy.tactic.id, legacy] as const)));
  const read = [...legacy.values()].map(
    ({ tactic, successors }) => `${tactic.name} (ATT&CK v${catalog.previousVersion}) is shown under ${successors.map((s) => s.name).join(' and ')}`,
  );
  return read.length > 0 ? ` · ${read.join('; ')}` : '';
}

/** Every technique ID written in a row's value (not its key), known to the catalog or not, with the columns it goes in. */
function rowChips(state: RenderState, field: MethodologyRow, row: RowTactics, tacticless: boolean): Chip[] {
  const chips: Chip[] = [];
  for (const { line, mention } of rowMentions(state.model.lines, field)) {
    const id = mention.id.toUpperCase().replace('/', '.');
    if (chips.some((chip) => chip.id === id)) continue;
    const technique = mention.wellFormed ? state.context.catalog.technique(id) : undefined;
    const chip: Chip = { id, technique, line, listed: true };
    if (row.legacy || tacticless) {
      if (row.legacy) chip.legacy = row.legacy;
      const placed = technique ? placeTechnique(state.context.catalog, technique, row).tactics : [];
      if (placed.length > 0 || tacticless) chip.placed = placed;
    }
    chips.push(chip);
  }
  return chips;
}

/** A row's value as HTML: a bullet row's as written (continuation lines included), a table row's cells as text. */
function rowValue(state: RenderState, field: Field): string {
  return isTableRow(field) ? state.inline(field.value) : fieldValue(state, field);
}

function addMentionsElsewhere(state: RenderState, section: Section, columns: Map<string, Column>): void {
  const first = section.range.start.line;
  const last = section.range.end.line;
  const listed = new Set([...columns.values()].flatMap((column) => column.chips.map((chip) => chip.id)));
  for (const mention of allTechniqueMentions(state.model, state.context.catalog)) {
    const line = mention.range.start.line;
    if ((line >= first && line <= last) || listed.has(mention.technique.id)) continue;
    for (const tacticId of mention.technique.tactics) {
      const column = columns.get(tacticId);
      if (!column || column.chips.some((chip) => chip.id === mention.technique.id)) continue;
      column.chips.push({ id: mention.technique.id, technique: mention.technique, line, listed: false });
    }
  }
}

/** One tactic: its name (with the count of listed techniques) over its techniques, notes and N/A. */
function renderColumn(state: RenderState, column: Column): string {
  const { tactic, rows } = column;
  const css = column.notApplicable ? 'na' : rows.length > 0 ? 'listed' : 'unlisted';
  const line = rows[0] ? lineAttr(rows[0].range.start.line) : '';
  const listed = column.chips.filter((chip) => chip.listed).length;
  const count = listed > 0 ? ` <span class="count">${listed}<span class="visually-hidden"> listed</span></span>` : '';
  // What the column's colour and border say, said in words to a screen reader.
  const absent = column.notApplicable ? '' : rows.length === 0 ? '<span class="visually-hidden"> (no row in the report)</span>' : '';
  const chips = column.chips.map((chip) => renderChip(state, chip, tactic)).join('');
  let inner = chips ? `<ul class="techniques">${chips}</ul>` : '';
  if (column.notApplicable) inner += '<p class="cell-note">N/A</p>';
  for (const { field } of column.notes) inner += `<p class="cell-note"${lineAttr(field.range.start.line)}>${rowValue(state, field)}</p>`;
  for (const { field, legacy } of column.legacyRows) {
    const note = `Written as ${legacy.tactic.name} (ATT&CK v${state.context.catalog.previousVersion})`;
    inner += `<p class="cell-note legacy-row"${lineAttr(field.range.start.line)}>${escapeHtml(note)}</p>`;
  }
  return (
    `<div class="tactic ${css}" role="listitem"${line}><div class="tactic-name" title="${escapeHtml(`${tactic.id} ${tactic.name}`)}">${escapeHtml(tactic.name)}${count}${absent}</div>` +
    `<div class="tactic-body">${inner}</div></div>`
  );
}

function renderChip(state: RenderState, chip: Chip, tactic: TacticData): string {
  const catalog = state.context.catalog;
  const technique = chip.technique;
  const classes = ['technique', chip.listed ? 'listed' : 'mentioned'];
  let title: string;
  let name = '';
  let replaced = '';
  let usual = '';
  if (!technique) {
    classes.push('unknown');
    title = `${chip.id}: not in ATT&CK v${catalog.version}`;
  } else {
    const parent = technique.parent ? catalog.technique(technique.parent) : undefined;
    name = technique.name;
    title = `${technique.id} ${parent ? `${parent.name}: ` : ''}${technique.name}`;
    const replacement = technique.revoked ? catalog.replacementOf(technique.id) : undefined;
    if (technique.revoked || technique.deprecated) {
      classes.push('retired');
      const since = catalog.earlierTechnique(technique.id)?.revoked ? ` in v${catalog.version}` : '';
      title += technique.revoked ? ` (revoked${since}${replacement ? `: replaced by ${replacement.id} ${replacement.name}` : ''})` : ' (deprecated)';
    }
    if (replacement) replaced = `<span class="replaced">→ ${escapeHtml(`${replacement.id} ${replacement.name}`)}</span>`;
    const listedFor = (replacement ?? technique).tactics;
    if (!listedFor.includes(tactic.id)) {
      classes.push('off-tactic');
      usual = listedFor.map((id) => catalog.tacticById(id)?.name ?? id).join(', ');
      title += usual ? ` (ATT&CK lists it under ${usual})` : '';
    }
    if (chip.legacy) title += ` (listed under ${chip.legacy.tactic.name}, an ATT&CK v${catalog.previousVersion} tactic)`;
    if (!chip.listed) title += ' (mentioned in the report, not in a tactic row)';
  }
  const said = chipStatus(state, chip, classes, usual);
  return (
    `<li class="${classes.join(' ')}"${lineAttr(chip.line)} title="${escapeHtml(title)}"><span class="tid">${escapeHtml(chip.id)}</span>` +
    `${name ? `<span class="tname">${escapeHtml(name)}</span>` : ''}${replaced}<span class="visually-hidden"> (${escapeHtml(said)})</span></li>`
  );
}

/** What a chip's fill, outline, stripe and strike-through say, in words (for screen readers and forced colours). */
function chipStatus(state: RenderState, chip: Chip, classes: readonly string[], usual: string): string {
  const catalog = state.context.catalog;
  const said = [chip.listed ? 'listed in a tactic row' : 'only mentioned elsewhere in the report'];
  if (classes.includes('unknown')) said.push(`not in ATT&CK v${catalog.version}`);
  if (classes.includes('retired')) said.push(chip.technique?.revoked ? 'revoked' : 'deprecated');
  if (classes.includes('off-tactic')) said.push(usual ? `ATT&CK lists it under ${usual}` : 'ATT&CK lists it under no tactic');
  if (chip.legacy) said.push(`written under ${chip.legacy.tactic.name}, an ATT&CK v${catalog.previousVersion} tactic`);
  return said.join('; ');
}
