import {
  CATALOG_FORMAT_VERSION,
  type CatalogData,
  type GroupData,
  type MitigationData,
  type SoftwareData,
  type TacticData,
  type TechniqueData,
} from './catalogTypes';

export interface StixToCatalogOptions {
  /** ATT&CK version to record when the bundle itself does not say (no x-mitre-collection, opaque bundle id). */
  version?: string;
}

type StixObject = Record<string, unknown> & { type: string; id: string };

/**
 * Converts a parsed ATT&CK STIX bundle (2.0 or 2.1) into catalog data. Pure and deterministic:
 * every list is sorted, so equal input gives byte-identical JSON.
 */
export function stixToCatalog(bundle: unknown, options: StixToCatalogOptions = {}): CatalogData {
  if (!isRecord(bundle) || bundle.type !== 'bundle' || !Array.isArray(bundle.objects)) {
    throw new Error('Not a STIX bundle: expected a JSON object with "type": "bundle" and an "objects" array.');
  }
  const objects = bundle.objects.filter(isStixObject);
  const byStixId = new Map(objects.map((o) => [o.id, o]));
  const relationships = objects.filter((o) => o.type === 'relationship' && isCurrent(o));
  const revokedBy = new Map<string, string>();
  for (const r of relationships) {
    if (r.relationship_type === 'revoked-by') revokedBy.set(String(r.source_ref), String(r.target_ref));
  }
  /** Follows revoked-by chains (T1150 -> T1547.011 -> T1647) to the live object's ATT&CK id. */
  const replacementId = (stixId: string): string | undefined => {
    const seen = new Set<string>();
    let current = stixId;
    while (revokedBy.has(current) && !seen.has(current)) {
      seen.add(current);
      current = revokedBy.get(current)!;
      if (byStixId.get(current)?.revoked !== true) break;
    }
    return current === stixId ? undefined : attackRef(byStixId.get(current))?.id;
  };

  const tactics = convertTactics(objects, byStixId);
  if (tactics.length === 0) {
    throw new Error('The STIX bundle has no ATT&CK tactics (x-mitre-tactic objects); is it an ATT&CK bundle?');
  }
  const tacticIdByShortname = new Map(tactics.map((t) => [t.shortname, t.id]));
  const tacticOrder = new Map(tactics.map((t) => [t.id, t.order]));

  const mitigations: MitigationData[] = [];
  const mitigationIdByStixId = new Map<string, string>();
  for (const o of objects) {
    const ref = o.type === 'course-of-action' && isCurrent(o) ? attackRef(o) : undefined;
    if (!ref) continue;
    mitigations.push({ id: ref.id, name: str(o.name) });
    mitigationIdByStixId.set(o.id, ref.id);
  }

  const parentByStixId = new Map<string, string>();
  const mitigationsByStixId = new Map<string, Set<string>>();
  for (const r of relationships) {
    const source = String(r.source_ref);
    const target = String(r.target_ref);
    if (r.relationship_type === 'subtechnique-of') {
      const parentId = attackRef(byStixId.get(target))?.id;
      if (parentId) parentByStixId.set(source, parentId);
    } else if (r.relationship_type === 'mitigates') {
      const mitigationId = mitigationIdByStixId.get(source);
      if (!mitigationId) continue;
      const set = mitigationsByStixId.get(target) ?? new Set<string>();
      set.add(mitigationId);
      mitigationsByStixId.set(target, set);
    }
  }

  const techniques: TechniqueData[] = [];
  for (const o of objects) {
    const ref = o.type === 'attack-pattern' ? attackRef(o) : undefined;
    if (!ref) continue;
    const tacticIds = new Set<string>();
    for (const phase of Array.isArray(o.kill_chain_phases) ? o.kill_chain_phases : []) {
      if (!isRecord(phase) || !/^mitre-/.test(str(phase.kill_chain_name))) continue;
      const tacticId = tacticIdByShortname.get(str(phase.phase_name));
      if (tacticId) tacticIds.add(tacticId);
    }
    const technique: TechniqueData = {
      id: ref.id,
      name: str(o.name),
      tactics: [...tacticIds].sort((a, b) => tacticOrder.get(a)! - tacticOrder.get(b)!),
      platforms: strings(o.x_mitre_platforms),
      description: firstParagraph(str(o.description)),
      url: ref.url,
    };
    const parent = parentByStixId.get(o.id) ?? (ref.id.includes('.') ? ref.id.split('.')[0] : undefined);
    if (parent) technique.parent = parent;
    if (o.x_mitre_deprecated === true) technique.deprecated = true;
    if (o.revoked === true) {
      technique.revoked = true;
      const replacement = replacementId(o.id);
      if (replacement) technique.replacedBy = replacement;
    }
    const mitigationIds = mitigationsByStixId.get(o.id);
    if (mitigationIds) technique.mitigations = [...mitigationIds].sort(compareStrings);
    techniques.push(technique);
  }

  const groups: GroupData[] = [];
  const software: SoftwareData[] = [];
  for (const o of objects) {
    const isSoftware = o.type === 'malware' || o.type === 'tool';
    const ref = isSoftware || o.type === 'intrusion-set' ? attackRef(o) : undefined;
    if (!ref) continue;
    const name = str(o.name);
    const entry: GroupData | SoftwareData = isSoftware ? { id: ref.id, name, type: o.type === 'tool' ? 'tool' : 'malware' } : { id: ref.id, name };
    const aliases = [...new Set([...strings(o.aliases), ...strings(o.x_mitre_aliases)])].filter((a) => a !== name);
    if (aliases.length > 0) entry.aliases = aliases;
    if (o.x_mitre_deprecated === true) entry.deprecated = true;
    if (o.revoked === true) {
      entry.revoked = true;
      const replacement = replacementId(o.id);
      if (replacement) entry.replacedBy = replacement;
    }
    if (isSoftware) software.push(entry as SoftwareData);
    else groups.push(entry);
  }

  const byId = (a: { id: string }, b: { id: string }) => compareStrings(a.id, b.id);
  return {
    formatVersion: CATALOG_FORMAT_VERSION,
    attackVersion: detectVersion(bundle, objects) ?? options.version ?? 'unknown',
    domain: detectDomain(objects),
    source: str(bundle.id),
    tactics,
    techniques: techniques.sort(byId),
    mitigations: mitigations.sort(byId),
    groups: groups.sort(byId),
    software: software.sort(byId),
  };
}

/** Tactics in matrix column order; tactics no matrix lists follow, sorted by id. */
function convertTactics(objects: StixObject[], byStixId: Map<string, StixObject>): TacticData[] {
  const ordered: StixObject[] = [];
  for (const matrix of objects) {
    if (matrix.type !== 'x-mitre-matrix' || !isCurrent(matrix)) continue;
    for (const ref of strings(matrix.tactic_refs)) {
      const tactic = byStixId.get(ref);
      if (tactic?.type === 'x-mitre-tactic' && !ordered.includes(tactic)) ordered.push(tactic);
    }
  }
  const unlisted = objects.filter((o) => o.type === 'x-mitre-tactic' && isCurrent(o) && !ordered.includes(o));
  unlisted.sort((a, b) => compareStrings(attackRef(a)?.id ?? '', attackRef(b)?.id ?? ''));
  const tactics: TacticData[] = [];
  for (const o of [...ordered, ...unlisted]) {
    const ref = attackRef(o);
    if (!ref) continue;
    const name = str(o.name);
    const shortname = str(o.x_mitre_shortname) || name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
    tactics.push({ id: ref.id, name, shortname, order: tactics.length });
  }
  return tactics;
}

/** ATT&CK version: an x-mitre-collection's x_mitre_version, else a "N.N" in the bundle id. */
function detectVersion(bundle: Record<string, unknown>, objects: StixObject[]): string | undefined {
  const collection = objects.find((o) => o.type === 'x-mitre-collection' && typeof o.x_mitre_version === 'string');
  if (collection) return String(collection.x_mitre_version);
  // The matrix's x_mitre_version is the object's own revision ("1.0"), not the ATT&CK release.
  return /(?:^|[^\d.])(\d+\.\d+)(?![\d.])/.exec(str(bundle.id))?.[1];
}

function detectDomain(objects: StixObject[]): string {
  const matrix = objects.find((o) => o.type === 'x-mitre-matrix' && attackRef(o));
  return matrix ? attackRef(matrix)!.id : '';
}

/** The ATT&CK id and url from the "mitre-attack" (or mitre-mobile-attack, …) external reference. */
function attackRef(o: StixObject | undefined): { id: string; url: string } | undefined {
  const refs = o && Array.isArray(o.external_references) ? o.external_references : [];
  for (const ref of refs) {
    if (isRecord(ref) && /^mitre-(?:[a-z]+-)?attack$/.test(str(ref.source_name)) && str(ref.external_id)) {
      return { id: str(ref.external_id), url: str(ref.url) };
    }
  }
  return undefined;
}

// The look-behind lets a run of spaces be tried once, from its start, not from each of its positions.
const CITATION = /(?<!\s)\s*\(Citation:[^()]*(?:\([^()]*\)[^()]*)*\)/g;

/** The first non-empty paragraph, without "(Citation: …)" markers or the spaces before them. */
export function firstParagraph(description: string): string {
  const paragraph = description.split(/\n\s*\n/).find((p) => p.trim() !== '') ?? '';
  return paragraph
    .replace(CITATION, '')
    .replace(/[ \t]+/g, ' ')
    .trim();
}

function isCurrent(o: StixObject): boolean {
  return o.revoked !== true && o.x_mitre_deprecated !== true;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStixObject(value: unknown): value is StixObject {
  return isRecord(value) && typeof value.type === 'string' && typeof value.id === 'string';
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** Code-point order, independent of the locale (localeCompare is not deterministic across machines). */
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
