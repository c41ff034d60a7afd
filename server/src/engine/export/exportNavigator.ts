import { navigatorLayer, navigatorTechnique, type NavigatorLayer, type NavigatorTechnique } from './navigatorLayer';
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

export { NAVIGATOR_LAYER_VERSION, NAVIGATOR_VERSION, type NavigatorLayer, type NavigatorTechnique } from './navigatorLayer';
export const LISTED_COLOR = '#ff6666';
const DOMAINS = new Set(['enterprise-attack', 'mobile-attack', 'ics-attack']);

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
        techniques.push(navigatorTechnique(id, tactic, 1, `Listed ${writtenAs}under ${rowName} in ${title} (line ${technique.line})`));
      }
    }
  }
  const metadata = [{ name: 'source', value: data.sourcePath }];
  const reportId = data.frontMatter?.data?.id;
  if ((typeof reportId === 'string' && reportId.trim() !== '') || typeof reportId === 'number')
    metadata.push({ name: 'report id', value: String(reportId).trim() });
  const tlp = data.frontMatter?.data?.tlp;
  if (typeof tlp === 'string' && tlp.trim() !== '') metadata.push({ name: 'tlp', value: tlp.trim() });
  return navigatorLayer({
    name: title,
    attackVersion: catalog.version,
    domain: DOMAINS.has(catalog.domain) ? catalog.domain : 'enterprise-attack',
    description: `ATT&CK techniques listed in the Attack Methodology of ${data.sourcePath}`,
    sorting: 0,
    aggregateFunction: 'average',
    techniques,
    gradient: { colors: ['#ffffff', LISTED_COLOR], minValue: 0, maxValue: 1 },
    legendItems: [{ label: 'Listed in the report', color: LISTED_COLOR }],
    metadata,
  });
}
