import { navigatorLayer, navigatorTechnique, type NavigatorLayer, type NavigatorTechnique } from '../export/navigatorLayer';
import { DEFAULT_ATTACK_VERSION } from '../attack/versions';
import type { Register, RegisterRow } from './registerTypes';

/*
 * The register as one ATT&CK Navigator layer (format 4.5): one entry per technique and tactic that the
 * reports list, scored by the number of incidents (reports) that list the technique under that tactic; a
 * gradient from white (0) to red (the highest score); each entry's comment names the reports and lines.
 * The layer's ATT&CK version is the one most reports were checked against (ties: the later release).
 */

export const REGISTER_GRADIENT = ['#ffffff', '#ffcc66', '#ff3333'];
/** Comments name at most this many reports, then "and N more". */
const MAX_NAMED_REPORTS = 50;

export function registerNavigatorLayer(register: Register, name = 'Incident register'): NavigatorLayer {
  const titles = new Map(register.reports.map((row) => [row.path, reportName(row)]));
  const pairs = new Map<string, { id: string; tactic: string; reports: Map<string, number[]> }>();
  for (const row of register.reports) {
    for (const technique of row.techniques) {
      for (const tactic of technique.tactics) {
        const key = `${technique.id} ${tactic.shortname}`;
        let pair = pairs.get(key);
        if (!pair) pairs.set(key, (pair = { id: technique.id, tactic: tactic.shortname, reports: new Map() }));
        const lines = pair.reports.get(row.path) ?? [];
        if (!lines.includes(technique.line)) lines.push(technique.line);
        pair.reports.set(row.path, lines);
      }
    }
  }
  const techniques: NavigatorTechnique[] = [...pairs.values()]
    .sort((a, b) => b.reports.size - a.reports.size || (a.id < b.id ? -1 : a.id > b.id ? 1 : a.tactic < b.tactic ? -1 : a.tactic > b.tactic ? 1 : 0))
    .map((pair) => {
      const named = [...pair.reports.entries()].slice(0, MAX_NAMED_REPORTS).map(([path, lines]) => `${titles.get(path)} (${path}, line ${lines.join(', ')})`);
      const more = pair.reports.size > MAX_NAMED_REPORTS ? `; and ${pair.reports.size - MAX_NAMED_REPORTS} more` : '';
      const count = pair.reports.size;
      return navigatorTechnique(pair.id, pair.tactic, count, `${count} incident${count === 1 ? '' : 's'}: ${named.join('; ')}${more}`);
    });
  const maxScore = Math.max(1, ...techniques.map((technique) => technique.score));
  return navigatorLayer({
    name,
    attackVersion: attackVersionOf(register.reports),
    domain: 'enterprise-attack',
    description: `ATT&CK techniques of ${register.totals.reports} incident report${register.totals.reports === 1 ? '' : 's'}; score: the number of incidents that list the technique`,
    sorting: 3,
    aggregateFunction: 'max',
    techniques,
    gradient: { colors: [...REGISTER_GRADIENT], minValue: 0, maxValue: maxScore },
    legendItems: [
      { label: '1 incident', color: REGISTER_GRADIENT[1] },
      { label: `${maxScore} incident${maxScore === 1 ? '' : 's'}`, color: REGISTER_GRADIENT[2] },
    ],
    metadata: [{ name: 'reports', value: String(register.totals.reports) }],
  });
}

/** How a report is named to a reader: its ID, else its title, else its path. */
export function reportName(row: RegisterRow): string {
  return row.id?.value ?? row.title?.value ?? row.path;
}

function attackVersionOf(rows: readonly RegisterRow[]): string {
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(row.attackVersion, (counts.get(row.attackVersion) ?? 0) + 1);
  let best = '';
  for (const [version, count] of counts) {
    const bestCount = counts.get(best) ?? 0;
    if (count > bestCount || (count === bestCount && Number.parseFloat(version) > Number.parseFloat(best))) best = version;
  }
  return best || DEFAULT_ATTACK_VERSION;
}
