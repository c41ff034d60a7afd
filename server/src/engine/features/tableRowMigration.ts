/**
 * `attack-migration` quick fixes on Attack Methodology table rows (attackMigrationFixes.ts does bullet rows):
 * a row under a previous release's tactic (v18.1 `| Defense Evasion | … |` under v19.2) gets its
 * techniques' current tactic in its tactic cell, the row split in one row per tactic when its technique
 * cell holds techniques of several; a technique the release moved to another tactic gets that tactic,
 * its row's tactic cell rewritten when it is the row's only technique, else moved to a new row below.
 */
import type { TacticData } from '../attack/catalogTypes';
import type { Section } from '../model/modelTypes';
import { rowMentions, type MethodologyRow, type LocatedMention } from '../queries/methodologyRows';
import type { Finding, Range } from '../types';
import type { QuickFix, TextEdit } from './featureTypes';
import { insertLines, quickFix, replaceRange, type FixEnv } from './fixEdits';

/** A table row of Attack Methodology with a tactic cell of its own (not one continuing the row above). */
export interface TableRowPlace {
  section: Section;
  row: MethodologyRow & { table: NonNullable<MethodologyRow['table']> };
}

/** Rows that continue this one (an empty tactic cell) go with its tactic: a fix that changes it would move them too. */
function hasContinuation(place: TableRowPlace, rows: readonly MethodologyRow[]): boolean {
  const next = rows.find((candidate) => candidate.range.start.line === place.row.range.start.line + 1);
  return next?.table?.continued === true;
}

/** The technique cell that holds each mention, by line and column. */
function cellOf(place: TableRowPlace, mention: LocatedMention) {
  return place.row.table.techniqueCells.find(
    (cell) => cell.range.start.line === mention.line && cell.range.start.character <= mention.mention.start && mention.mention.end <= cell.range.end.character,
  );
}

export function migrateLegacyTableRow(env: FixEnv, finding: Finding, place: TableRowPlace, rows: readonly MethodologyRow[]): QuickFix[] {
  const { catalog } = env;
  const legacy = catalog.legacyTactic(place.row.key);
  if (!legacy || place.row.table.continued) return [];
  const mentions = rowMentions(env.model.lines, place.row);
  const groups = new Map<string, { tactic: TacticData; mentions: LocatedMention[] }>();
  let safe = !hasContinuation(place, rows);
  for (const located of mentions) {
    const technique = catalog.technique(located.mention.id);
    const current = technique?.revoked ? catalog.replacementOf(technique.id) : technique;
    const tactics = current ? catalog.tacticsOfTechnique(current.id) : [];
    const inSuccessors = legacy.successors.filter((successor) => tactics.some((tactic) => tactic.id === successor.id));
    const chosen = inSuccessors[0] ?? tactics[0] ?? legacy.successors[0];
    if (inSuccessors.length === 0 && tactics.length !== 1) safe = false;
    const group = groups.get(chosen.id) ?? { tactic: chosen, mentions: [] };
    group.mentions.push(located);
    groups.set(chosen.id, group);
  }
  // No technique (N/A): one row per successor, each saying what the row said.
  const targets = groups.size > 0 ? [...groups.values()] : legacy.successors.map((tactic) => ({ tactic, mentions: [] as LocatedMention[] }));
  targets.sort((a, b) => a.tactic.order - b.tactic.order);
  const line = place.row.range.start.line;
  const text = env.model.lines.lineText(line);
  const keyRange = place.row.keyRange;
  let edits: TextEdit[];
  if (targets.length === 1) {
    edits = [replaceRange(keyRange, targets[0].tactic.name)];
  } else {
    const cells = place.row.table.techniqueCells;
    // Several techniques in one cell: each row keeps the cell's techniques of its tactic. With several technique cells, one row per tactic cannot be cut out.
    if (groups.size > 1 && cells.length !== 1) return [];
    const copies = targets.map(({ tactic, mentions: mine }) => {
      let copy = text.slice(0, keyRange.start.character) + tactic.name + text.slice(keyRange.end.character);
      if (groups.size > 1) {
        const cell = cells[0];
        const shift = tactic.name.length - (keyRange.end.character - keyRange.start.character);
        const written = mine.map(({ mention }) => text.slice(mention.start, mention.name?.end ?? mention.end)).join(', ');
        copy = copy.slice(0, cell.range.start.character + shift) + written + copy.slice(cell.range.end.character + shift);
      }
      return copy;
    });
    edits = [replaceRange({ start: { line, character: 0 }, end: { line, character: text.length } }, copies.join(env.eol))];
  }
  const names = targets.map((target) => target.tactic.name).join(' and ');
  const inRow = env.findings.filter(
    (other) => other === finding || (other.ruleId === 'attack-migration' && other.range.start.line === line && other.data?.kind === 'moved'),
  );
  return [quickFix(`Migrate the ${place.row.key} row to ATT&CK v${catalog.version} (${names})`, edits, inRow, safe)];
}

export function moveTableTechnique(env: FixEnv, finding: Finding, place: TableRowPlace, rows: readonly MethodologyRow[]): QuickFix[] {
  const { catalog } = env;
  const mentions = rowMentions(env.model.lines, place.row);
  const located = mentions.find(({ line, mention }) => line === finding.range.start.line && mention.start === finding.range.start.character);
  const technique = located && catalog.technique(located.mention.id);
  if (!located || !technique) return [];
  const tactics = catalog.tacticsOfTechnique(technique.id);
  const line = place.row.range.start.line;
  const text = env.model.lines.lineText(line);
  const alone = mentions.length === 1 && !place.row.table.continued;
  return tactics
    .map((tactic) => {
      let edits: TextEdit[];
      if (alone) {
        edits = [replaceRange(place.row.keyRange, tactic.name)];
      } else {
        const cell = cellOf(place, located);
        if (!cell || place.row.table.techniqueCells.length !== 1) return undefined;
        const written = text.slice(located.mention.start, located.mention.name?.end ?? located.mention.end);
        const others = mentions.filter((other) => other !== located).map(({ mention }) => text.slice(mention.start, mention.name?.end ?? mention.end));
        const keyCell = place.row.table.continued ? undefined : place.row.keyRange;
        const newRow = rowWith(text, keyCell, tactic.name, cell.range, written);
        edits = [replaceRange(cell.range, others.join(', ')), insertLines(env, line + 1, [newRow])];
      }
      return quickFix(`Move ${technique.id} to ${tactic.name}`, edits, [finding], tactics.length === 1 && !hasContinuation(place, rows));
    })
    .filter((fix): fix is QuickFix => fix !== undefined);
}

/** A copy of a row line with its tactic cell (if it has one) and one technique cell replaced. */
function rowWith(text: string, keyRange: Range | undefined, tactic: string, cell: Range, technique: string): string {
  const parts = [
    ...(keyRange ? [{ start: keyRange.start.character, end: keyRange.end.character, text: tactic }] : []),
    { start: cell.start.character, end: cell.end.character, text: technique },
  ].sort((a, b) => b.start - a.start);
  let copy = text;
  for (const part of parts) copy = copy.slice(0, part.start) + part.text + copy.slice(part.end);
  return copy;
}
