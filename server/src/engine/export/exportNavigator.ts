import { collectReportData, type ExportInput } from './reportData';

/*
 * `increport export --format navigator`: an ATT&CK Navigator layer (layer format 4.5) of the
 * techniques listed in the report's Attack Methodology section. One technique entry per
 * technique/tactic pair that ATT&CK itself has (a technique written under a tactic it does not belong
 * to, an unknown ID, and revoked or deprecated techniques — which the Navigator does not show — are
 * left out); sub-techniques show because the layout expands annotated ones.
 *
 * A report written for the previous release (v18.1 under v19.2): a row with that release's tactic
 * (Defense Evasion) puts each technique under the successors ATT&CK lists it for (Stealth, Defense
 * Impairment), and a technique revoked since that release is entered as its replacement; the comment
 * says what was written.
 */

export const NAVIGATOR_LAYER_VERSION = '4.5';
/** The Navigator release the layer is written for (layer format 4.5 needs at least 4.9.0). */
export const NAVIGATOR_VERSION = '5.1.0';
export const LISTED_COLOR = '#ff6666';
const DOMAINS = new Set(['enterprise-attack', 'mobile-attack', 'ics-attack']);

export interface NavigatorTechnique {
  techniqueID: string;
  tactic: string;
  score: number;
  color: string;
  comment: string;
  enabled: boolean;
  metadata: { name: string; value: string }[];
  links: { label: string; url: string }[];
  showSubtechniques: boolean;
}

export interface NavigatorLayer {
  name: string;
  versions: { attack: string; navigator: string; layer: string };
  domain: string;
  description: string;
  sorting: number;
  layout: {
    layout: 'side' | 'flat' | 'mini';
    aggregateFunction: 'average' | 'min' | 'max' | 'sum';
    showID: boolean;
    showName: boolean;
    showAggregateScores: boolean;
    countUnscored: boolean;
    expandedSubtechniques: 'none' | 'all' | 'annotated';
  };
  hideDisabled: boolean;
  techniques: NavigatorTechnique[];
  gradient: { colors: string[]; minValue: number; maxValue: number };
  legendItems: { label: string; color: string }[];
  metadata: { name: string; value: string }[];
  links: { label: string; url: string }[];
  showTacticRowBackground: boolean;
  tacticRowBackground: string;
  selectTechniquesAcrossTactics: boolean;
  selectSubtechniquesWithParent: boolean;
  selectVisibleTechniques: boolean;
}

export function exportNavigatorLayer(input: ExportInput): NavigatorLayer {
  const data = collectReportData(input);
  const { catalog } = input;
  const title = data.title?.text || data.sourcePath;
  const techniques: NavigatorTechnique[] = [];
  const seen = new Set<string>();
  for (const row of data.tactics) {
    const rowName =
      row.tactic?.name ??
      (row.legacy
        ? `${row.legacy.name} (ATT&CK v${row.legacy.attackVersion})`
        : row.form === 'technique-table' || row.form === 'technique-heading'
          ? 'its ATT&CK tactics'
          : undefined);
    if (rowName === undefined) continue;
    for (const technique of row.techniques) {
      if (!technique.known || technique.deprecated || technique.validForTactic !== true) continue;
      const replaced = technique.revoked && technique.revokedSincePrevious ? technique.replacedBy : null;
      if (technique.revoked && replaced === null) continue;
      const id = replaced ?? technique.id;
      const writtenAs = replaced ? `as ${technique.id}, which ATT&CK v${catalog.version} revoked in favour of ${replaced}, ` : '';
      for (const tactic of technique.tactics) {
        const pair = `${id} ${tactic}`;
        if (seen.has(pair)) continue;
        seen.add(pair);
        techniques.push({
          techniqueID: id,
          tactic,
          score: 1,
          color: '',
          comment: `Listed ${writtenAs}under ${rowName} in ${title} (line ${technique.line})`,
          enabled: true,
          metadata: [],
          links: [],
          showSubtechniques: false,
        });
      }
    }
  }
  const metadata = [{ name: 'source', value: data.sourcePath }];
  const reportId = data.frontMatter?.data?.id;
  if ((typeof reportId === 'string' && reportId.trim() !== '') || typeof reportId === 'number')
    metadata.push({ name: 'report id', value: String(reportId).trim() });
  const tlp = data.frontMatter?.data?.tlp;
  if (typeof tlp === 'string' && tlp.trim() !== '') metadata.push({ name: 'tlp', value: tlp.trim() });
  return {
    name: title,
    versions: { attack: catalog.version, navigator: NAVIGATOR_VERSION, layer: NAVIGATOR_LAYER_VERSION },
    domain: DOMAINS.has(catalog.domain) ? catalog.domain : 'enterprise-attack',
    description: `ATT&CK techniques listed in the Attack Methodology of ${data.sourcePath}`,
    sorting: 0,
    layout: {
      layout: 'side',
      aggregateFunction: 'average',
      showID: true,
      showName: true,
      showAggregateScores: false,
      countUnscored: false,
      expandedSubtechniques: 'annotated',
    },
    hideDisabled: false,
    techniques,
    gradient: { colors: ['#ffffff', LISTED_COLOR], minValue: 0, maxValue: 1 },
    legendItems: [{ label: 'Listed in the report', color: LISTED_COLOR }],
    metadata,
    links: [],
    showTacticRowBackground: false,
    tacticRowBackground: '#dddddd',
    selectTechniquesAcrossTactics: true,
    selectSubtechniquesWithParent: false,
    selectVisibleTechniques: false,
  };
}
