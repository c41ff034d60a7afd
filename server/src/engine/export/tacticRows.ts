import type { TacticData } from '../attack/catalogTypes';
import type { FeatureContext } from '../features/featureTypes';
import { isTacticless, placeTechnique, rowTactics, type RowTactics } from '../queries/attackQueries';
import { methodologyRows, rowMentions, type MethodologyRow } from '../queries/methodologyRows';

/** The Attack Methodology rows of the export data (reportData.ts): what each row names and the techniques in it. */

const NOT_APPLICABLE = /^(?:n\/?a|none|not applicable|-|—)\.?$/i;

export interface TacticRef {
  id: string;
  name: string;
  shortname: string;
}

export interface TechniqueRef {
  /** Upper-cased as ATT&CK writes it (e.g. "T1566.002"). */
  id: string;
  /** As written. */
  written: string;
  /** The ATT&CK name; null when the ID is not in the catalog. */
  name: string | null;
  url: string | null;
  line: number;
  column: number;
  known: boolean;
  revoked: boolean;
  deprecated: boolean;
  /**
   * Whether ATT&CK lists the technique (revoked: its replacement) under the row's tactic, for a legacy row
   * under one of its successors; null when either is unknown.
   */
  validForTactic: boolean | null;
  /** Shortnames of the tactics (of the version in use) it is listed under: those of `validForTactic`, matrix order. */
  tactics: string[];
  /** For a revoked technique: the ID of the technique that replaced it; else null. */
  replacedBy: string | null;
  /** Revoked in the version in use though current in the previous release (the report was right when written). */
  revokedSincePrevious: boolean;
}

/** A tactic of the previous ATT&CK release that the version in use renamed or split (v18.1 Defense Evasion in v19.2). */
export interface LegacyTacticRef extends TacticRef {
  /** The release it is a tactic of, e.g. "18.1". */
  attackVersion: string;
  /** The tactics of the version in use that took its place, matrix order. */
  successors: TacticRef[];
}

export interface TacticRow {
  /**
   * The row's key as written ("Initial Access", "TA0001", ...): a table row's tactic cell ('' in a table without
   * a tactic column), a bullet's `###` heading.
   */
  row: string;
  /**
   * How the row is written: a `**Tactic:** …` item, a table row, a row of a table without a tactic column, a
   * bullet under a `###` tactic heading, or a bullet under a `###` heading that names no tactic.
   */
  form: 'item' | 'table' | 'technique-table' | 'heading' | 'technique-heading';
  /** The tactic the row names in the version in use; null for an unknown or a legacy tactic. */
  tactic: TacticRef | null;
  /** The previous release's tactic the row names, when the version in use no longer has it; else null. */
  legacy: LegacyTacticRef | null;
  value: string;
  notApplicable: boolean;
  line: number;
  endLine: number;
  techniques: TechniqueRef[];
}

/** The rows of the Attack Methodology section(s), in order, with the techniques written in them. */
export function tacticRows(context: FeatureContext): TacticRow[] {
  const { model, spec, catalog } = context;
  const rows: TacticRow[] = [];
  for (const section of model.sections) {
    const sectionSpec = spec.sectionOf(section);
    if (sectionSpec?.kind !== 'attack-tactics') continue;
    for (const field of methodologyRows(section, sectionSpec)) {
      const tacticless = isTacticless(catalog, field);
      // A table without a tactic column, a heading that is no tactic: each technique goes under its own ATT&CK tactics.
      const rowTactic: RowTactics = tacticless ? { candidates: [...catalog.tactics] } : rowTactics(catalog, field.key);
      const { tactic, legacy } = rowTactic;
      const techniques: TechniqueRef[] = [];
      for (const { line, mention } of rowMentions(model.lines, field)) {
        if (!mention.wellFormed) continue;
        const technique = catalog.technique(mention.id);
        const placement = technique ? placeTechnique(catalog, technique, rowTactic) : undefined;
        techniques.push({
          id: technique?.id ?? mention.id.toUpperCase(),
          written: mention.id,
          name: technique?.name ?? null,
          url: technique?.url ?? null,
          line: line + 1,
          column: mention.start + 1,
          known: technique !== undefined,
          revoked: technique?.revoked === true,
          deprecated: technique?.deprecated === true,
          validForTactic: placement && rowTactic.candidates.length > 0 ? placement.tactics.length > 0 : null,
          tactics: placement?.tactics.map((listed) => listed.shortname) ?? [],
          replacedBy: placement?.replacement?.id ?? null,
          revokedSincePrevious: placement?.revokedSincePrevious ?? false,
        });
      }
      rows.push({
        row: field.key,
        form: formOf(field, tacticless),
        tactic: tactic ? tacticRef(tactic) : null,
        legacy: legacy ? { ...tacticRef(legacy.tactic), attackVersion: catalog.previousVersion ?? '', successors: legacy.successors.map(tacticRef) } : null,
        value: field.value,
        notApplicable: NOT_APPLICABLE.test(field.value),
        line: field.range.start.line + 1,
        endLine: field.range.end.line + 1,
        techniques,
      });
    }
  }
  return rows;
}

function formOf(row: MethodologyRow, tacticless: boolean): TacticRow['form'] {
  if (row.table) return tacticless ? 'technique-table' : 'table';
  if (row.heading) return tacticless ? 'technique-heading' : 'heading';
  return 'item';
}

function tacticRef(tactic: Pick<TacticData, 'id' | 'name' | 'shortname'>): TacticRef {
  return { id: tactic.id, name: tactic.name, shortname: tactic.shortname };
}
