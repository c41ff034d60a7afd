/**
 * Builds a catalog for an ATT&CK release whose STIX bundle is not available, from a plain list of its
 * tactics and techniques (ids, names, tactic shortnames, revocations; no descriptions) and the catalog of
 * an earlier release converted from MITRE's bundle. Used for v19.2 (list) on top of v18.1 (bundle).
 *
 * - Tactics and active techniques (ids, names, tactics, parent) come from the list only.
 * - A technique whose id AND name are unchanged from the base release keeps the base's description,
 *   platforms, url and mitigations; a new or renamed one gets no description and no platforms (nothing is
 *   invented), only its attack.mitre.org url.
 * - The list's revocations are added as revoked entries pointing at their replacement; the base's own
 *   revoked and deprecated entries are kept, with replacement chains followed through the new revocations.
 * - Mitigations, groups and software are the base's (the list has none).
 * - `previous` records what the base release called differently (catalogDiff.ts).
 */
import { previousVersionOf } from '../server/src/engine/attack/catalogDiff';
import { CATALOG_FORMAT_VERSION, type CatalogData, type TacticData, type TechniqueData } from '../server/src/engine/attack/catalogTypes';

export interface TechniqueList {
  version: string;
  source: string;
  tactics: { id: string; shortname: string; name: string; order: number }[];
  techniques: { id: string; name: string; tactics: string[]; subtechnique: boolean }[];
  revoked: { id: string; name: string; revokedBy: string }[];
}

export function parseTechniqueList(data: unknown): TechniqueList {
  const list = data as Partial<TechniqueList> | null;
  if (
    list === null ||
    typeof list !== 'object' ||
    typeof list.version !== 'string' ||
    typeof list.source !== 'string' ||
    !Array.isArray(list.tactics) ||
    !Array.isArray(list.techniques) ||
    !Array.isArray(list.revoked)
  ) {
    throw new Error('not an ATT&CK technique list (needs version, source, tactics, techniques, revoked)');
  }
  return list as TechniqueList;
}

/** "T1685.005" -> "https://attack.mitre.org/techniques/T1685/005", the form the bundle-built catalog uses. */
function techniqueUrl(id: string): string {
  return `https://attack.mitre.org/techniques/${id.replace('.', '/')}`;
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export function techniqueListToCatalog(base: CatalogData, list: TechniqueList, listFile: string): CatalogData {
  const tactics: TacticData[] = [...list.tactics]
    .sort((a, b) => a.order - b.order)
    .map((t, order) => ({ id: t.id, name: t.name, shortname: t.shortname, order }));
  const tacticByShortname = new Map(tactics.map((t) => [t.shortname, t]));
  const tacticIds = (shortnames: readonly string[], of: string): string[] =>
    shortnames
      .map((s) => {
        const tactic = tacticByShortname.get(s);
        if (tactic === undefined) throw new Error(`${of}: unknown tactic "${s}"`);
        return tactic;
      })
      .sort((a, b) => a.order - b.order)
      .map((t) => t.id);

  const baseById = new Map(base.techniques.map((t) => [t.id, t]));
  const techniques = new Map<string, TechniqueData>();
  for (const item of list.techniques) {
    if (techniques.has(item.id)) throw new Error(`${item.id} listed twice`);
    const old = baseById.get(item.id);
    const unchanged = old !== undefined && old.revoked !== true && old.deprecated !== true && old.name === item.name;
    const technique: TechniqueData = {
      id: item.id,
      name: item.name,
      tactics: tacticIds(item.tactics, item.id),
      platforms: unchanged ? old.platforms : [],
      description: unchanged ? old.description : '',
      url: unchanged ? old.url : techniqueUrl(item.id),
    };
    if (item.subtechnique) technique.parent = item.id.split('.')[0];
    if (unchanged && old.mitigations !== undefined) technique.mitigations = old.mitigations;
    techniques.set(item.id, technique);
  }

  const revokedBy = new Map(list.revoked.map((r) => [r.id, r.revokedBy]));
  for (const r of list.revoked) {
    const old = baseById.get(r.id);
    if (old === undefined) throw new Error(`revoked ${r.id} is not in the ${base.attackVersion} catalog`);
    if (techniques.has(r.id)) throw new Error(`${r.id} is both listed and revoked`);
    if (!techniques.has(r.revokedBy)) throw new Error(`${r.id} is revoked by ${r.revokedBy}, which is not listed`);
    const entry: TechniqueData = { ...old, revoked: true, replacedBy: r.revokedBy };
    delete entry.mitigations;
    delete entry.deprecated;
    techniques.set(r.id, entry);
  }

  for (const old of base.techniques) {
    if (techniques.has(old.id)) continue;
    if (old.revoked !== true && old.deprecated !== true) {
      throw new Error(`${old.id} ${old.name} is active in ${base.attackVersion} but neither listed nor revoked`);
    }
    const entry: TechniqueData = { ...old };
    let replacement = entry.replacedBy;
    const seen = new Set<string>();
    while (replacement !== undefined && revokedBy.has(replacement) && !seen.has(replacement)) {
      seen.add(replacement);
      replacement = revokedBy.get(replacement);
    }
    if (replacement !== undefined) entry.replacedBy = replacement;
    techniques.set(old.id, entry);
  }

  const catalog: CatalogData = {
    formatVersion: CATALOG_FORMAT_VERSION,
    attackVersion: list.version,
    domain: base.domain,
    source: `${listFile} + ${base.source}`,
    provenance:
      `Tactics, technique ids, names, tactics and revocations: ATT&CK v${list.version} list ${listFile} ` +
      `(its source: ${list.source}). Descriptions, platforms, urls and mitigations of techniques whose id and ` +
      `name are unchanged, the entries of revoked and deprecated techniques, and the mitigations, groups and ` +
      `software: MITRE's ATT&CK v${base.attackVersion} bundle (${base.source}). New and renamed techniques ` +
      `have no description and no platforms.`,
    tactics,
    techniques: [...techniques.values()].sort(byId),
    mitigations: base.mitigations,
    groups: base.groups,
    software: base.software,
  };
  // What v18.1 called differently, so that a v18-era report can be read and migrated with this catalog alone.
  catalog.previous = previousVersionOf(base, catalog);
  return catalog;
}
