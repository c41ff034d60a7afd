import { allTechniqueMentions } from '../queries/attackQueries';
import { collectReportData, type ExportInput, type ReportData } from './reportData';

/*
 * `increport export --format json`: the report's normalized model. Its shape is documented by
 * schemas/report-export.schema.json (validated in the tests) and versioned like the check JSON
 * format: add properties freely, bump `version` before renaming or removing any.
 */

export const REPORT_EXPORT_FORMAT = 'increport-report';
export const REPORT_EXPORT_VERSION = 1;

/** One technique of the report, however often it is mentioned. */
export interface TechniqueSummary {
  id: string;
  name: string;
  url: string;
  /**
   * Shortnames of the tactics it is listed under in Attack Methodology, where ATT&CK agrees (matrix order);
   * from a row with a previous release's tactic, the successors ATT&CK lists it (revoked: its replacement) under.
   */
  tactics: string[];
  /** Shortnames of previous-release tactics whose rows list it (["defense-evasion"] under v19.2); empty when none. */
  legacyTactics: string[];
  /** Every line (1-based) that mentions it, in order. */
  lines: number[];
  revoked: boolean;
  /** For a revoked technique: the ID of the technique that replaced it; else null. */
  replacedBy: string | null;
  deprecated: boolean;
}

export interface ReportExport {
  format: typeof REPORT_EXPORT_FORMAT;
  version: typeof REPORT_EXPORT_VERSION;
  source: { path: string; lineCount: number };
  /** The ATT&CK version the report was checked against; previousVersion: the release a legacy row's tactic is from. */
  attack: { version: string; domain: string; previousVersion: string | null };
  title: ReportData['title'];
  frontMatter: ReportData['frontMatter'];
  sections: ReportData['sections'];
  dates: ReportData['dates'];
  tactics: ReportData['tactics'];
  techniques: TechniqueSummary[];
  indicators: ReportData['indicators'];
  evidence: ReportData['evidence'];
  affectedAssets: ReportData['affectedAssets'];
  findings: ReportData['findings'];
}

export function exportJson(input: ExportInput): ReportExport {
  const data = collectReportData(input);
  const { catalog } = input;
  return {
    format: REPORT_EXPORT_FORMAT,
    version: REPORT_EXPORT_VERSION,
    source: { path: data.sourcePath, lineCount: data.lineCount },
    attack: { version: catalog.version, domain: catalog.domain, previousVersion: catalog.previousVersion ?? null },
    title: data.title,
    frontMatter: data.frontMatter,
    sections: data.sections,
    dates: data.dates,
    tactics: data.tactics,
    techniques: techniqueSummaries(input, data),
    indicators: data.indicators,
    evidence: data.evidence,
    affectedAssets: data.affectedAssets,
    findings: data.findings,
  };
}

function techniqueSummaries(input: ExportInput, data: ReportData): TechniqueSummary[] {
  const { model, catalog } = input;
  const byId = new Map<string, TechniqueSummary>();
  // Every known technique ID in the text (document order), then the tactics it is listed under.
  for (const mention of allTechniqueMentions(model, catalog)) {
    const { technique } = mention;
    let summary = byId.get(technique.id);
    if (!summary) {
      summary = {
        id: technique.id,
        name: technique.name,
        url: technique.url,
        tactics: [],
        legacyTactics: [],
        lines: [],
        revoked: technique.revoked === true,
        replacedBy: (technique.revoked && catalog.replacementOf(technique.id)?.id) || null,
        deprecated: technique.deprecated === true,
      };
      byId.set(technique.id, summary);
    }
    const line = mention.range.start.line + 1;
    // Mentions come in document order: a line already listed is the last one.
    if (summary.lines[summary.lines.length - 1] !== line) summary.lines.push(line);
  }
  const tacticOrder = new Map(catalog.tactics.map((tactic) => [tactic.shortname, tactic.order]));
  for (const row of data.tactics) {
    for (const technique of row.techniques) {
      const summary = byId.get(technique.id);
      if (!summary) continue;
      if (row.legacy && !summary.legacyTactics.includes(row.legacy.shortname)) summary.legacyTactics.push(row.legacy.shortname);
      if (technique.validForTactic !== true) continue;
      for (const tactic of technique.tactics) if (!summary.tactics.includes(tactic)) summary.tactics.push(tactic);
    }
  }
  for (const summary of byId.values()) summary.tactics.sort((a, b) => (tacticOrder.get(a) ?? 0) - (tacticOrder.get(b) ?? 0));
  return [...byId.values()];
}
