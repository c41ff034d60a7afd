/**
 * Quick fixes for `attack-migration` findings: a report written for the previous ATT&CK release, carried
 * to the release in use. Revoked IDs get their replacement, renamed techniques their new name, and
 * techniques move to the row of their current tactic: a legacy row (v18.1 `Defense Evasion` under v19.2)
 * is rewritten as rows of its successors (Stealth, Defense Impairment), joining rows the section already
 * has. The preferred fix is one with no choice left to the writer; Fix All and `increport migrate` apply it.
 */
import type { AttackCatalog } from '../attack/catalog';
import type { TacticData, TechniqueData } from '../attack/catalogTypes';
import { findTechniqueMentions } from '../attack/techniqueMentions';
import type { Field, Section } from '../model/modelTypes';
import type { Finding, Range } from '../types';
import type { QuickFix, TextEdit } from './featureTypes';
import { insertLines, quickFix, replaceRange, textAt, type FixEnv } from './fixEdits';
import { isTableRow, methodologyRows, type MethodologyRow } from '../queries/methodologyRows';
import { migrateLegacyTableRow, moveTableTechnique, type TableRowPlace } from './tableRowMigration';

const NOT_APPLICABLE = /^(?:n\/?a|none|not applicable|-|—)\.?$/i;

export function migrateAttack(env: FixEnv, finding: Finding): QuickFix[] {
  const kind = finding.data?.kind;
  if (kind === 'renamed' && typeof finding.data?.expectedName === 'string') {
    const name = finding.data.expectedName;
    return [quickFix(`Use the ATT&CK v${env.catalog.version} name '${name}'`, [replaceRange(finding.range, name)], [finding], true)];
  }
  if (kind === 'revoked') return replaceRevokedId(env, finding);
  const tableRow = tableRowAt(env, finding.range);
  if (tableRow) {
    if (kind === 'legacy-tactic') return migrateLegacyTableRow(env, finding, tableRow.place, tableRow.rows);
    if (kind === 'moved') return moveTableTechnique(env, finding, tableRow.place, tableRow.rows);
    return [];
  }
  const place = rowAt(env, finding.range);
  if (!place) return [];
  if (kind === 'legacy-tactic') return migrateLegacyRow(env, finding, place);
  if (kind === 'moved') return moveTechnique(env, finding, place);
  return [];
}

function replaceRevokedId(env: FixEnv, finding: Finding): QuickFix[] {
  const { line, character } = finding.range.start;
  const mention = findTechniqueMentions(env.model.lines.lineText(line)).find((candidate) => candidate.start === character);
  const item = mention && migratedItem(env.catalog, env.model.lines.lineText(line).slice(mention.start, mention.name?.end ?? mention.end));
  if (!item || item.technique === undefined) return [];
  const end = { line, character: mention.name?.end ?? mention.end };
  const title = `Replace ${textAt(env.model, finding.range)} with ${item.technique.id} (${item.technique.name})`;
  return [quickFix(title, [replaceRange({ start: finding.range.start, end }, item.text)], [finding], true)];
}

interface RowPlace {
  section: Section;
  field: Field;
}

function rowAt(env: FixEnv, range: Range): RowPlace | undefined {
  for (const section of env.model.sections) {
    if (env.spec.sectionOf(section)?.kind !== 'attack-tactics') continue;
    const field = section.fields.find((candidate) => candidate.range.start.line <= range.start.line && range.start.line <= candidate.range.end.line);
    if (field) return { section, field };
  }
  return undefined;
}

/** The Attack Methodology table row on the finding's line, and the section's rows. */
function tableRowAt(env: FixEnv, range: Range): { place: TableRowPlace; rows: MethodologyRow[] } | undefined {
  for (const section of env.model.sections) {
    const sectionSpec = env.spec.sectionOf(section);
    if (sectionSpec?.kind !== 'attack-tactics') continue;
    const rows = methodologyRows(section, sectionSpec);
    const row = rows.find((candidate) => candidate.table && candidate.range.start.line === range.start.line);
    if (row && isTableRow(row)) return { place: { section, row }, rows };
  }
  return undefined;
}

/** One technique of a row as written ("T1562.001 Disable or Modify Tools (via GPO)"), carried to the release in use. */
interface Item {
  /** Offsets in the row's line: the item, and the item with the separator that joins it to its neighbour. */
  start: number;
  end: number;
  text: string;
  technique: TechniqueData | undefined;
}

/** The item's text with a revoked ID replaced (and the old name with it) and an old name renamed. */
function migratedItem(catalog: AttackCatalog, written: string): { text: string; technique: TechniqueData | undefined } {
  const mention = findTechniqueMentions(written)[0];
  const found = mention ? catalog.technique(mention.id) : undefined;
  if (!mention || !found) return { text: written, technique: found };
  const current = found.revoked ? catalog.replacementOf(found.id) : found;
  if (!current) return { text: written, technique: undefined };
  let rest = written.slice(mention.end);
  const oldNames = [found.name, catalog.earlierTechnique(found.id)?.name].filter((name): name is string => name !== undefined);
  const lead = /^\s*/.exec(rest)?.[0] ?? '';
  const old = oldNames.find((name) => rest.slice(lead.length).toLowerCase().startsWith(name.toLowerCase()));
  if (old !== undefined) rest = `${lead}${current.name}${rest.slice(lead.length + old.length)}`;
  return { text: `${current.id}${rest}`, technique: current };
}

/** The items of a one-line row, or undefined when the row has words before its first technique (prose a fix cannot split). */
function itemsOf(env: FixEnv, field: Field): Item[] | undefined {
  const { start, end } = field.valueRange;
  if (start.line !== end.line) return undefined;
  const line = env.model.lines.lineText(start.line);
  const mentions = findTechniqueMentions(line).filter((mention) => mention.start >= start.character && mention.end <= end.character);
  if (mentions.length === 0 || line.slice(start.character, mentions[0].start).trim() !== '') return undefined;
  return mentions.map((mention, index) => {
    const next = index + 1 < mentions.length ? mentions[index + 1].start : end.character;
    const written = withoutSeparator(line.slice(mention.start, next));
    const { text, technique } = migratedItem(env.catalog, written);
    return { start: mention.start, end: mention.start + written.length, text, technique };
  });
}

/** A target row for moved items: the section's row of that tactic (one line), or a new one. */
interface Target {
  tactic: TacticData;
  items: string[];
}

function migrateLegacyRow(env: FixEnv, finding: Finding, place: RowPlace): QuickFix[] {
  const { catalog } = env;
  const legacy = catalog.legacyTactic(place.field.key);
  if (!legacy) return [];
  const notApplicable = place.field.value === '' || NOT_APPLICABLE.test(place.field.value);
  const items = notApplicable ? [] : itemsOf(env, place.field);
  if (!items) return [];
  const targets = new Map<string, Target>();
  let safe = true;
  for (const item of items) {
    const tactics = item.technique ? catalog.tacticsOfTechnique(item.technique.id) : [];
    const inSuccessors = legacy.successors.filter((successor) => tactics.some((tactic) => tactic.id === successor.id));
    const chosen = inSuccessors[0] ?? tactics[0] ?? legacy.successors[0];
    if (inSuccessors.length === 0 && tactics.length !== 1) safe = false;
    const target = targets.get(chosen.id) ?? { tactic: chosen, items: [] };
    target.items.push(item.text);
    targets.set(chosen.id, target);
  }
  if (notApplicable) for (const successor of legacy.successors) targets.set(successor.id, { tactic: successor, items: [] });
  const edits = writeTargets(env, place, [...targets.values()], notApplicable ? place.field.value || 'N/A' : undefined);
  const names = [...targets.values()]
    .sort((a, b) => a.tactic.order - b.tactic.order)
    .map((target) => target.tactic.name)
    .join(' and ');
  const inRow = env.findings.filter((other) => other === finding || (other.ruleId === 'attack-migration' && within(other.range, place.field.range)));
  return [quickFix(`Migrate the ${place.field.key} row to ATT&CK v${catalog.version} (${names})`, edits, inRow, safe)];
}

function moveTechnique(env: FixEnv, finding: Finding, place: RowPlace): QuickFix[] {
  const items = itemsOf(env, place.field);
  const item = items?.find((candidate) => candidate.start === finding.range.start.character);
  if (!items || !item?.technique) return [];
  const tactics = env.catalog.tacticsOfTechnique(item.technique.id);
  return tactics.map((tactic) => {
    const edits = [...removeItem(env, place.field, items, item), ...writeTargets(env, place, [{ tactic, items: [item.text] }], undefined, false)];
    return quickFix(`Move ${item.technique?.id} to ${tactic.name}`, edits, [finding], tactics.length === 1);
  });
}

/** The edit that takes an item out of its row, with one separator; a row left without techniques says N/A. */
function removeItem(env: FixEnv, field: Field, items: Item[], item: Item): TextEdit[] {
  const line = field.valueRange.start.line;
  if (items.length === 1) return [replaceRange(field.valueRange, 'N/A')];
  const index = items.indexOf(item);
  const range =
    index + 1 < items.length
      ? { start: { line, character: item.start }, end: { line, character: items[index + 1].start } }
      : { start: { line, character: items[index - 1].end }, end: { line, character: item.end } };
  return [replaceRange(range, '')];
}

/**
 * Edits that put each target's items in the section: appended to the row of its tactic when there is one
 * (replacing an N/A), else written as a new row. With `replaceRow` the current row is replaced by the new
 * rows (a legacy row); otherwise new rows go after it. `emptyValue` is the value of a new row without items.
 */
function writeTargets(env: FixEnv, place: RowPlace, targets: Target[], emptyValue: string | undefined, replaceRow = true): TextEdit[] {
  const { catalog, model } = env;
  const { field, section } = place;
  const line = model.lines.lineText(field.keyRange.start.line);
  const lead = line.slice(0, field.keyRange.start.character);
  const separator = line.slice(field.keyRange.end.character, field.valueRange.start.character) || ':** ';
  const edits: TextEdit[] = [];
  const newRows: { order: number; text: string }[] = [];
  for (const target of targets) {
    const existing = section.fields.find((other) => other !== field && catalog.findTactic(other.key)?.id === target.tactic.id);
    if (existing && existing.valueRange.start.line === existing.valueRange.end.line) {
      if (target.items.length === 0) continue;
      const value = existing.value;
      edits.push(
        value === '' || NOT_APPLICABLE.test(value)
          ? replaceRange(existing.valueRange, target.items.join(', '))
          : replaceRange({ start: existing.valueRange.end, end: existing.valueRange.end }, `, ${target.items.join(', ')}`),
      );
    } else {
      newRows.push({ order: target.tactic.order, text: `${lead}${target.tactic.name}${separator}${target.items.join(', ') || (emptyValue ?? 'N/A')}` });
    }
  }
  newRows.sort((a, b) => a.order - b.order);
  const rows = newRows.map((row) => row.text);
  const rowLine = field.range.start.line;
  if (replaceRow) {
    const whole = { start: { line: rowLine, character: 0 }, end: { line: rowLine, character: model.lines.lineText(rowLine).length } };
    edits.push(rows.length > 0 ? replaceRange(whole, rows.join(env.eol)) : replaceRange(lineWithBreak(env, rowLine), ''));
  } else if (rows.length > 0) {
    edits.push(insertLines(env, rowLineFor(env, place, newRows[0].order), rows));
  }
  return edits;
}

/**
 * Where a new tactic row goes in matrix order: before the first one-line row of a later tactic, else after
 * the last tactic row of the section.
 */
function rowLineFor(env: FixEnv, place: RowPlace, order: number): number {
  let after = place.field.range.end.line + 1;
  for (const other of place.section.fields) {
    const tactic = env.catalog.findTactic(other.key);
    if (!tactic) continue;
    if (tactic.order > order && other.range.start.line === other.range.end.line) return other.range.start.line;
    after = Math.max(after, other.range.end.line + 1);
  }
  return after;
}

function lineWithBreak(env: FixEnv, line: number): Range {
  const last = env.model.lines.lineCount - 1;
  return line < last
    ? { start: { line, character: 0 }, end: { line: line + 1, character: 0 } }
    : { start: { line: line - 1, character: env.model.lines.lineText(line - 1).length }, end: { line, character: env.model.lines.lineText(line).length } };
}

function within(inner: Range, outer: Range): boolean {
  const after = inner.start.line > outer.start.line || (inner.start.line === outer.start.line && inner.start.character >= outer.start.character);
  const before = inner.end.line < outer.end.line || (inner.end.line === outer.end.line && inner.end.character <= outer.end.character);
  return after && before;
}

/** An item without what separates it from the next one: trailing spaces, commas, semicolons and a final "and". */
function withoutSeparator(text: string): string {
  let end = text.length;
  const trimSeparators = () => {
    while (end > 0 && /[\s,;]/.test(text[end - 1])) end--;
  };
  trimSeparators();
  if (end >= 4 && /\sand$/i.test(text.slice(end - 4, end))) {
    end -= 3;
    trimSeparators();
  }
  return text.slice(0, end);
}
