import type { TacticData, TechniqueData } from '../attack/catalogTypes';
import { findTechniqueMentions } from '../attack/techniqueMentions';
import type { Field, Section } from '../model/modelTypes';
import { allTechniqueMentions } from '../queries/attackQueries';
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
}

interface Column {
  tactic: TacticData;
  rows: Field[];
  chips: Chip[];
  notes: { field: Field }[];
  notApplicable: boolean;
}

/**
 * The ATT&CK coverage matrix: every tactic of the catalog as a column, in matrix order; under each, the
 * techniques the report lists in that tactic's Attack Methodology row (as written: a technique listed
 * under a tactic appears in that column), then techniques mentioned elsewhere in the report under their
 * catalog tactics (outlined). Tactics written as N/A are dimmed. Rows naming no known tactic are listed below.
 */
export function renderAttackMatrix(state: RenderState, section: Section): string {
  const catalog = state.context.catalog;
  const columns = new Map<string, Column>(catalog.tactics.map((tactic) => [tactic.id, { tactic, rows: [], chips: [], notes: [], notApplicable: false }]));
  const unmatched: Field[] = [];
  const rowFields = new Set<Field>();
  for (const field of section.fields) {
    const tactic = catalog.findTactic(field.key);
    if (!tactic) {
      unmatched.push(field);
      continue;
    }
    rowFields.add(field);
    const column = columns.get(tactic.id)!;
    column.rows.push(field);
    const chips = rowChips(state, field);
    for (const chip of chips) if (!column.chips.some((c) => c.id === chip.id)) column.chips.push(chip);
    const na = NOT_APPLICABLE.test(field.value.trim());
    if (!na && chips.length === 0 && field.value.trim() !== '') column.notes.push({ field });
  }
  for (const column of columns.values()) {
    column.notApplicable = column.rows.length > 0 && column.rows.every((row) => NOT_APPLICABLE.test(row.value.trim()));
  }
  addMentionsElsewhere(state, section, columns);

  const intro = renderContainer(state, section, { skipField: (field) => rowFields.has(field) || unmatched.includes(field) });
  const all = [...columns.values()];
  const withTechniques = all.filter((column) => column.chips.some((chip) => chip.listed)).length;
  const version = `MITRE ATT&CK® ${domainName(catalog.domain)} v${catalog.version}`;
  const legend = ` · ${withTechniques} of ${all.length} tactics with techniques listed · filled: listed in a tactic row; outlined: only mentioned elsewhere in the report; dimmed: N/A`;
  let html =
    `${intro}<figure class="attack-matrix"><div class="matrix" role="list">${all.map((column) => renderColumn(state, column)).join('')}</div>` +
    `<figcaption><span class="attack-version">${escapeHtml(version)}</span>${escapeHtml(legend)}</figcaption></figure>\n`;
  if (unmatched.length > 0) {
    html += `<div class="unmatched"><p class="note">Rows that name no ATT&amp;CK tactic:</p>${fieldList(state, unmatched)}</div>\n`;
  }
  return html;
}

function domainName(domain: string): string {
  const name = domain.replace(/-attack$/, '');
  return name ? name.charAt(0).toUpperCase() + name.slice(1) : 'Enterprise';
}

/** Every technique ID written in a row's value (not its key), known to the catalog or not. */
function rowChips(state: RenderState, field: Field): Chip[] {
  const chips: Chip[] = [];
  const { start, end } = field.valueRange;
  for (let line = start.line; line <= end.line; line++) {
    const text = state.model.lines.lineText(line);
    for (const mention of findTechniqueMentions(text)) {
      if (line === start.line && mention.start < start.character) continue;
      const id = mention.id.toUpperCase().replace('/', '.');
      if (chips.some((chip) => chip.id === id)) continue;
      chips.push({ id, technique: mention.wellFormed ? state.context.catalog.technique(id) : undefined, line, listed: true });
    }
  }
  return chips;
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
  const count = listed > 0 ? ` <span class="count">${listed}</span>` : '';
  const chips = column.chips.map((chip) => renderChip(state, chip, tactic)).join('');
  let inner = chips ? `<ul class="techniques">${chips}</ul>` : '';
  if (column.notApplicable) inner += '<p class="cell-note">N/A</p>';
  for (const { field } of column.notes) inner += `<p class="cell-note"${lineAttr(field.range.start.line)}>${fieldValue(state, field)}</p>`;
  return (
    `<div class="tactic ${css}" role="listitem"${line}><div class="tactic-name" title="${escapeHtml(`${tactic.id} ${tactic.name}`)}">${escapeHtml(tactic.name)}${count}</div>` +
    `<div class="tactic-body">${inner}</div></div>`
  );
}

function renderChip(state: RenderState, chip: Chip, tactic: TacticData): string {
  const catalog = state.context.catalog;
  const technique = chip.technique;
  const classes = ['technique', chip.listed ? 'listed' : 'mentioned'];
  let title: string;
  let name = '';
  if (!technique) {
    classes.push('unknown');
    title = `${chip.id}: not in ATT&CK v${catalog.version}`;
  } else {
    const parent = technique.parent ? catalog.technique(technique.parent) : undefined;
    name = technique.name;
    title = `${technique.id} ${parent ? `${parent.name}: ` : ''}${technique.name}`;
    if (technique.revoked || technique.deprecated) {
      classes.push('retired');
      title += technique.revoked ? ' (revoked)' : ' (deprecated)';
    }
    if (!technique.tactics.includes(tactic.id)) {
      classes.push('off-tactic');
      const usual = technique.tactics.map((id) => catalog.tacticById(id)?.name ?? id).join(', ');
      title += usual ? ` (ATT&CK lists it under ${usual})` : '';
    }
    if (!chip.listed) title += ' (mentioned in the report, not in a tactic row)';
  }
  return `<li class="${classes.join(' ')}"${lineAttr(chip.line)} title="${escapeHtml(title)}"><span class="tid">${escapeHtml(chip.id)}</span>${name ? `<span class="tname">${escapeHtml(name)}</span>` : ''}</li>`;
}
