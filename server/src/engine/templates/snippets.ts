import type { TacticData } from '../attack/catalogTypes';
import type { ReportSpec, SectionSpec } from '../schema/reportSpec';
import { phaseLines, renderSnippet, reportTemplate, sectionTemplate, type TemplateLine } from './skeleton';
import { tableHeaders, timelineRow } from './tables';

export interface SnippetDefinition {
  prefix: string[];
  description: string;
  body: string[];
}

/** The sections with a snippet of their own, by schema key: the snippet's name and prefixes. */
const SECTION_BLOCKS: readonly [key: string, name: string, prefix: string[]][] = [
  ['indicatorsOfCompromise', 'Indicators of Compromise block', ['iocs', 'indicators']],
  ['impactAssessment', 'Impact Assessment block', ['impact']],
  ['responseActions', 'Response Actions block', ['response-actions']],
];

/**
 * The extension's snippets, generated from the report schema and the ATT&CK catalog so that they always
 * match what the checker expects (scripts/generate-snippets.ts writes them to snippets/). Static snippets
 * cannot follow `templates.style`, so both flavours are here: the bullet ones under their prefixes, and a
 * table twin (prefix `…-table`, a timeline row for a phase) of each one whose section the schema reads as a table.
 */
export function buildSnippets(spec: ReportSpec, tactics: readonly TacticData[], attackVersion: string): Record<string, SnippetDefinition> {
  return { ...bulletSnippets(spec, tactics, attackVersion), ...tableSnippets(spec, tactics, attackVersion) };
}

function bulletSnippets(spec: ReportSpec, tactics: readonly TacticData[], attackVersion: string): Record<string, SnippetDefinition> {
  const snippets: Record<string, SnippetDefinition> = {
    'Incident report': {
      prefix: ['incident-report', 'increport'],
      description: 'A new incident report with every section of the schema, in order',
      body: renderSnippet(reportTemplate(spec, tactics)),
    },
  };
  const timeline = byKind(spec, 'timeline');
  if (timeline) {
    snippets['Timeline phase'] = {
      prefix: ['timeline-phase', 'phase'],
      description: `A phase of the ${timeline.title} with its fields`,
      body: renderSnippet(phaseLines(timeline)),
    };
  }
  const methodology = byKind(spec, 'attack-tactics');
  if (methodology) {
    snippets['Attack Methodology'] = {
      prefix: ['attack-methodology', 'tactics'],
      description: `${methodology.title} with one row per MITRE ATT&CK v${attackVersion} tactic`,
      body: renderSnippet(sectionTemplate(methodology, tactics)),
    };
  }
  for (const [key, name, prefix] of SECTION_BLOCKS) {
    const section = spec.sectionByKey(key);
    if (section)
      snippets[name] = { prefix, description: `The ${section.title} section with its fields`, body: renderSnippet(sectionTemplate(section, tactics)) };
  }
  return snippets;
}

function tableSnippets(spec: ReportSpec, tactics: readonly TacticData[], attackVersion: string): Record<string, SnippetDefinition> {
  const tabled = spec.sections.filter((section) => tableHeaders(section) !== undefined);
  if (tabled.length === 0) return {};
  const snippets: Record<string, SnippetDefinition> = {
    'Incident report (tables)': {
      prefix: ['incident-report-table', 'increport-table'],
      description: `A new incident report with every section of the schema, in order; ${tabled.map((section) => section.title).join(', ')} as tables`,
      body: renderSnippet(reportTemplate(spec, tactics, { style: 'tables' })),
    },
  };
  const timeline = byKind(spec, 'timeline');
  const row = timeline && timelineRow(timeline);
  if (timeline && row) {
    snippets['Timeline row'] = {
      prefix: ['timeline-row'],
      description: `A row of the ${timeline.title} table: date, phase and details`,
      body: renderSnippet([row]),
    };
  }
  const methodology = byKind(spec, 'attack-tactics');
  if (methodology && tableHeaders(methodology)) {
    snippets['Attack Methodology table'] = {
      prefix: ['attack-methodology-table', 'tactics-table'],
      description: `${methodology.title} as a table with one row per MITRE ATT&CK v${attackVersion} tactic`,
      body: renderSnippet(sectionTemplate(methodology, tactics, 'tables')),
    };
  }
  for (const [key, name, prefix] of SECTION_BLOCKS) {
    const section = spec.sectionByKey(key);
    if (!section || !tableHeaders(section)) continue;
    snippets[`${name.replace(/ block$/, '')} table`] = {
      prefix: prefix.map((each) => `${each}-table`),
      description: `The ${section.title} section as a table of its fields`,
      body: renderSnippet(sectionTemplate(section, tactics, 'tables')),
    };
  }
  return snippets;
}

function byKind(spec: ReportSpec, kind: string): SectionSpec | undefined {
  return spec.sections.find((section) => section.kind === kind);
}

export type { TemplateLine };
