import type { AttackCatalog } from '../attack/catalog';
import type { TacticData, TechniqueData } from '../attack/catalogTypes';
import { findTechniqueMentions } from '../attack/techniqueMentions';
import type { Field, ReportModel } from '../model/modelTypes';
import type { ReportSpec } from '../schema/reportSpec';
import type { Position, Range } from '../types';

/** Plain queries over the model and the catalog, for completion, hover and quick fixes. */

/** The Attack Methodology row (a `**Tactic:** …` field) that contains `position`. */
export function methodologyRowAt(model: ReportModel, spec: ReportSpec, position: Position): Field | undefined {
  for (const section of model.sections) {
    if (spec.findSection(section.heading.text)?.kind !== 'attack-tactics') continue;
    // By line: the cursor may sit after an empty value, past the end of the row's own range.
    return section.fields.find((field) => field.range.start.line <= position.line && position.line <= field.range.end.line);
  }
  return undefined;
}

/** The ATT&CK tactic of the Attack Methodology row at `position`, when the row names a known tactic. */
export function tacticAt(model: ReportModel, spec: ReportSpec, catalog: AttackCatalog, position: Position): TacticData | undefined {
  const row = methodologyRowAt(model, spec, position);
  return row ? catalog.findTactic(row.key) : undefined;
}

/**
 * Techniques to offer at `position` for what was typed (an ID prefix such as "T15" or words of a name),
 * those of the row's tactic first.
 */
export function suggestTechniques(
  model: ReportModel,
  spec: ReportSpec,
  catalog: AttackCatalog,
  position: Position,
  typed: string,
  limit = 50,
): TechniqueData[] {
  const tactic = tacticAt(model, spec, catalog, position);
  return catalog.searchTechniques(typed, { tacticId: tactic?.id, limit });
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
