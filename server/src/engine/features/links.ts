import { continuesTactic, methodologyRows } from '../queries/methodologyRows';
import { allTechniqueMentions, isTacticless, rowTactics } from '../queries/attackQueries';
import { comparePositions } from '../types';
import { NOT_CANCELLED, type Cancellation, type DocumentLinkEntry, type FeatureContext } from './featureTypes';

/**
 * Links to attack.mitre.org: every technique ID the catalog knows (revoked and deprecated ones too,
 * to their own page), outside code blocks, HTML blocks and front matter; and the key of every Attack
 * Methodology row that names a known tactic (a `###` heading over technique bullets once) (a previous release's tactic, such as v18.1 'Defense Evasion'
 * under v19.2: the page of its first successor, the tooltip naming them all). Unknown IDs and unknown tactic
 * keys get no link.
 * Sorted by position. Empty when cancelled.
 */
export function documentLinks(context: FeatureContext, token: Cancellation = NOT_CANCELLED): DocumentLinkEntry[] {
  const { model, spec, catalog } = context;
  if (token.isCancellationRequested) return [];
  const version = catalog.version !== '' && catalog.version !== 'unknown' ? `ATT&CK v${catalog.version}` : 'ATT&CK';
  const links: DocumentLinkEntry[] = allTechniqueMentions(model, catalog).map(({ technique, range }) => ({
    range,
    target: technique.url,
    tooltip: `${technique.id} ${technique.name} (${version})`,
  }));
  if (token.isCancellationRequested) return [];
  for (const section of model.sections) {
    const sectionSpec = spec.sectionOf(section);
    if (sectionSpec?.kind !== 'attack-tactics') continue;
    for (const field of methodologyRows(section, sectionSpec)) {
      // A key written once for several rows (a heading over its bullets) is linked once.
      if (model.verbatimLines.has(field.keyRange.start.line) || isTacticless(catalog, field) || continuesTactic(field)) continue;
      const { tactic, legacy, candidates } = rowTactics(catalog, field.key);
      const target = tactic ?? candidates[0];
      if (!target) continue;
      const tooltip = legacy
        ? `${legacy.tactic.name} (ATT&CK v${catalog.previousVersion}): in ${version} ${candidates.map((c) => `${c.id} ${c.name}`).join(' and ')}`
        : `${target.id} ${target.name} (${version})`;
      links.push({ range: field.keyRange, target: `https://attack.mitre.org/tactics/${target.id}/`, tooltip });
    }
  }
  return links.sort((a, b) => comparePositions(a.range.start, b.range.start));
}
