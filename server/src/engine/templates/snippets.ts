import type { TacticData } from '../attack/catalogTypes';
import type { ReportSpec } from '../schema/reportSpec';
import { phaseLines, renderSnippet, reportTemplate, sectionTemplate, type TemplateLine } from './skeleton';

export interface SnippetDefinition {
  prefix: string[];
  description: string;
  body: string[];
}

/**
 * The extension's snippets, generated from the report schema and the ATT&CK catalog so that they always
 * match what the checker expects (scripts/generate-snippets.ts writes them to snippets/).
 */
export function buildSnippets(spec: ReportSpec, tactics: readonly TacticData[], attackVersion: string): Record<string, SnippetDefinition> {
  const snippets: Record<string, SnippetDefinition> = {
    'Incident report': {
      prefix: ['incident-report', 'increport'],
      description: 'A new incident report with every section of the schema, in order',
      body: renderSnippet(reportTemplate(spec, tactics)),
    },
  };
  const byKind = (kind: string) => spec.sections.find((section) => section.kind === kind);
  const timeline = byKind('timeline');
  if (timeline) {
    snippets['Timeline phase'] = {
      prefix: ['timeline-phase', 'phase'],
      description: `A phase of the ${timeline.title} with its fields`,
      body: renderSnippet(phaseLines(timeline, 'Phase')),
    };
  }
  const methodology = byKind('attack-tactics');
  if (methodology) {
    snippets['Attack Methodology'] = {
      prefix: ['attack-methodology', 'tactics'],
      description: `${methodology.title} with one row per MITRE ATT&CK v${attackVersion} tactic`,
      body: renderSnippet(sectionTemplate(methodology, tactics)),
    };
  }
  const blocks: [string, string, string[]][] = [
    ['indicatorsOfCompromise', 'Indicators of Compromise block', ['iocs', 'indicators']],
    ['impactAssessment', 'Impact Assessment block', ['impact']],
    ['responseActions', 'Response Actions block', ['response-actions']],
  ];
  for (const [key, name, prefix] of blocks) {
    const section = spec.sectionByKey(key);
    if (section)
      snippets[name] = { prefix, description: `The ${section.title} section with its fields`, body: renderSnippet(sectionTemplate(section, tactics)) };
  }
  return snippets;
}

export type { TemplateLine };
