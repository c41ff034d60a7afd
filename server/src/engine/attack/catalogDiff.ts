/**
 * What changed between two ATT&CK releases, as the later catalog stores it (`CatalogData.previous`): the
 * earlier release's renamed or dropped tactics with their successors, and its active techniques that the
 * later release revoked, renamed or moved. Pure data in, data out: used by the catalog build script, and
 * by the workspace for a configured bundle of a later release than a bundled one.
 */
import type { CatalogData, LegacyTacticData, LegacyTechniqueData, PreviousVersionData } from './catalogTypes';

export function previousVersionOf(earlier: CatalogData, later: CatalogData): PreviousVersionData {
  const laterTactics = new Map(later.tactics.map((tactic) => [tactic.id, tactic]));
  const earlierTacticIds = new Set(earlier.tactics.map((tactic) => tactic.id));
  const laterTechniques = new Map(later.techniques.map((technique) => [technique.id, technique]));
  const isActive = (technique: { revoked?: boolean; deprecated?: boolean }) => technique.revoked !== true && technique.deprecated !== true;
  const order = (id: string) => laterTactics.get(id)?.order ?? Number.MAX_SAFE_INTEGER;

  const tactics: LegacyTacticData[] = [];
  for (const tactic of earlier.tactics) {
    const same = laterTactics.get(tactic.id);
    if (same && same.name === tactic.name && same.shortname === tactic.shortname) continue;
    const successors = new Set<string>(same ? [same.id] : []);
    for (const technique of earlier.techniques) {
      if (!isActive(technique) || !technique.tactics.includes(tactic.id)) continue;
      const now = laterTechniques.get(technique.id);
      for (const id of now && isActive(now) ? now.tactics : []) if (!earlierTacticIds.has(id)) successors.add(id);
    }
    // A tactic the later release simply lacks (no technique of it went anywhere new) is not a renamed one:
    // a row that names it is an unknown tactic there, not a legacy row.
    if (successors.size === 0) continue;
    tactics.push({ id: tactic.id, name: tactic.name, shortname: tactic.shortname, successors: [...successors].sort((a, b) => order(a) - order(b)) });
  }

  const techniques: LegacyTechniqueData[] = [];
  for (const technique of earlier.techniques) {
    const now = laterTechniques.get(technique.id);
    if (!isActive(technique) || now === undefined) continue;
    const entry: LegacyTechniqueData = { id: technique.id };
    if (now.revoked === true) entry.revoked = true;
    else if (isActive(now)) {
      if (now.name !== technique.name) entry.name = technique.name;
      if (!sameMembers(now.tactics, technique.tactics)) entry.tactics = technique.tactics;
    }
    if (Object.keys(entry).length > 1) techniques.push(entry);
  }
  return { attackVersion: earlier.attackVersion, tactics, techniques };
}

function sameMembers(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item) => b.includes(item));
}
