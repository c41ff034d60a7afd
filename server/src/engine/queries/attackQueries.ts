import type { AttackCatalog, LegacyTactic } from '../attack/catalog';
import type { TacticData, TechniqueData } from '../attack/catalogTypes';
import { splitTacticKey } from '../attack/tacticKeys';
import { findTechniqueMentions } from '../attack/techniqueMentions';
import type { Field, ReportModel } from '../model/modelTypes';
import type { ReportSpec } from '../schema/reportSpec';
import { memoizeString } from '../text/memo';
import { methodologyRows, type MethodologyRow } from './methodologyRows';
import type { Position, Range } from '../types';

/** Plain queries over the model and the catalog, for completion, hover and quick fixes. */

/** The Attack Methodology row (a `**Tactic:** …` field or a table row) that contains `position`. */
export function methodologyRowAt(model: ReportModel, spec: ReportSpec, position: Position): Field | undefined {
  for (const section of model.sections) {
    const sectionSpec = spec.sectionOf(section);
    if (sectionSpec?.kind !== 'attack-tactics') continue;
    // By line: the cursor may sit after an empty value, past the end of the row's own range.
    return methodologyRows(section, sectionSpec).find((field) => field.range.start.line <= position.line && position.line <= field.range.end.line);
  }
  return undefined;
}

/** The ATT&CK tactic of the Attack Methodology row at `position`, when the row names a tactic of the version in use. */
export function tacticAt(model: ReportModel, spec: ReportSpec, catalog: AttackCatalog, position: Position): TacticData | undefined {
  const row = methodologyRowAt(model, spec, position);
  return row ? catalog.findTactic(row.key) : undefined;
}

/**
 * What an Attack Methodology row's key stands for: a tactic of the version in use, or a previous release's
 * tactic this one renamed or dropped (v18.1 'Defense Evasion' under v19.2), read as this release's successors.
 */
export interface RowTactics {
  /** The tactic the key names in the version in use. */
  tactic?: TacticData;
  /** The previous release's tactic the key names, when the version in use no longer has it. */
  legacy?: LegacyTactic;
  /** Tactics the row's techniques go under, in matrix order: the tactic, the legacy tactic's successors, or none. */
  candidates: TacticData[];
}

export function rowTactics(catalog: AttackCatalog, key: string): RowTactics {
  const tactic = catalog.findTactic(key);
  if (tactic) return { tactic, candidates: [tactic] };
  const legacy = catalog.legacyTactic(key);
  return legacy ? { legacy, candidates: legacy.successors } : { candidates: [] };
}

const headingReaders = new WeakMap<AttackCatalog, (text: string) => boolean>();

/**
 * Whether a `###` heading of Attack Methodology is read as the tactic of the bullets under it: it names a
 * tactic of the version in use or of the previous release, writes a tactic ID the way tactic keys may
 * ("Collection (TA0009)", "TA0009 - Colection"), or comes close enough to a tactic name to be a misspelling
 * of one (the did-you-mean of attack-tactic-unknown: "Colection", "Defence Evasion"). Any other heading
 * ("Enterprise", "Observed techniques", "Cloud") names no tactic, and its bullets are read like the rows of
 * a table without a tactic column. The rules, the preview, the links and the exports all decide by this.
 */
export function headingNamesTactic(catalog: AttackCatalog, text: string): boolean {
  let read = headingReaders.get(catalog);
  if (!read) {
    read = memoizeString(
      (heading) =>
        catalog.findTactic(heading) !== undefined ||
        catalog.legacyTactic(heading) !== undefined ||
        splitTacticKey(heading) !== undefined ||
        catalog.suggestTactics(heading, 1).length > 0 ||
        catalog.suggestLegacyTactic(heading) !== undefined,
    );
    headingReaders.set(catalog, read);
  }
  return read(text);
}

/**
 * A row that names no tactic, by how it is written: a row of a table without a tactic column, or a bullet
 * under a heading that is no tactic. Its techniques go under their ATT&CK tactics and no tactic is checked.
 */
export function isTacticless(catalog: AttackCatalog, field: Field): boolean {
  const row = field as MethodologyRow;
  if (row.table) return row.table.tacticless;
  return row.heading !== undefined && !headingNamesTactic(catalog, row.key);
}

/** Where a technique written in a row goes in the version in use. */
export interface TechniquePlacement {
  /** The row's tactics ATT&CK lists it (a revoked one: its replacement) under, in matrix order; empty when none. */
  tactics: TacticData[];
  /** For a revoked technique: the technique that replaced it. */
  replacement?: TechniqueData;
  /** Current in the previous release and revoked in this one: the report was right when written. */
  revokedSincePrevious: boolean;
}

export function placeTechnique(catalog: AttackCatalog, technique: TechniqueData, row: RowTactics): TechniquePlacement {
  const replacement = technique.revoked ? catalog.replacementOf(technique.id) : undefined;
  const listedFor = (replacement ?? technique).tactics;
  return {
    tactics: row.candidates.filter((tactic) => listedFor.includes(tactic.id)),
    ...(replacement ? { replacement } : {}),
    revokedSincePrevious: technique.revoked === true && catalog.earlierTechnique(technique.id)?.revoked === true,
  };
}

/**
 * "bundled ATT&CK v19.2 catalog" for one put together from several sources (the bundled v19.2 lacks descriptions
 * of new techniques), else "ATT&CK v18.1 catalog in use": a plain conversion of a STIX bundle, bundled or configured.
 */
export function catalogName(catalog: AttackCatalog): string {
  // Only the bundled catalogs are put together from more than one source (and say so in `provenance`).
  return catalog.data.provenance === undefined ? `ATT&CK v${catalog.version} catalog in use` : `bundled ATT&CK v${catalog.version} catalog`;
}

/** A tactic id as the previous release named it ('Defense Evasion' for TA0005 when the catalog is v19.2). */
export function previousTacticName(catalog: AttackCatalog, id: string): string {
  const legacy = catalog.data.previous?.tactics.find((tactic) => tactic.id === id);
  return legacy?.name ?? catalog.tacticById(id)?.name ?? id;
}

/**
 * Techniques to offer at `position` for what was typed (an ID prefix such as "T15" or words of a name),
 * those of the row's tactic (a legacy row: its successors) first.
 */
export function suggestTechniques(
  model: ReportModel,
  spec: ReportSpec,
  catalog: AttackCatalog,
  position: Position,
  typed: string,
  limit = 50,
): TechniqueData[] {
  const row = methodologyRowAt(model, spec, position);
  const tacticIds = row ? rowTactics(catalog, row.key).candidates.map((tactic) => tactic.id) : [];
  return catalog.searchTechniques(typed, { tacticIds, limit });
}

export interface TechniqueAtPosition {
  technique: TechniqueData;
  range: Range;
}

/** The technique whose ID is written at `position` (for hover and links). */
export function techniqueAt(model: ReportModel, catalog: AttackCatalog, position: Position): TechniqueAtPosition | undefined {
  if (position.line >= model.lines.lineCount) return undefined;
  const mention = findTechniqueMentions(model.lines.lineText(position.line)).find(
    (candidate) => candidate.start <= position.character && position.character <= candidate.end,
  );
  const technique = mention?.wellFormed ? catalog.technique(mention.id) : undefined;
  if (!mention || !technique) return undefined;
  return { technique, range: { start: { line: position.line, character: mention.start }, end: { line: position.line, character: mention.end } } };
}

/** Every technique ID in the report with its range (document links, exports). */
export function allTechniqueMentions(model: ReportModel, catalog: AttackCatalog): TechniqueAtPosition[] {
  const found: TechniqueAtPosition[] = [];
  for (let line = 0; line < model.lines.lineCount; line++) {
    if (model.verbatimLines.has(line)) continue;
    for (const mention of findTechniqueMentions(model.lines.lineText(line))) {
      const technique = mention.wellFormed ? catalog.technique(mention.id) : undefined;
      if (technique) found.push({ technique, range: { start: { line, character: mention.start }, end: { line, character: mention.end } } });
    }
  }
  return found;
}
