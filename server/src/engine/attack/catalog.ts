import { splitTacticKey, type TacticKeyParts } from './tacticKeys';
import {
  CATALOG_FORMAT_VERSION,
  type CatalogData,
  type GroupData,
  type LegacyTacticData,
  type LegacyTechniqueData,
  type MitigationData,
  type SoftwareData,
  type TacticData,
  type TechniqueData,
} from './catalogTypes';
import { previousVersionOf } from './catalogDiff';
import { stixToCatalog } from './stixToCatalog';
import { compareAttackVersions } from './versions';
import { editDistance } from '../text/editDistance';
import { parseJsonData } from '../text/jsonData';
import { memoizeString } from '../text/memo';

export interface TechniqueSearchOptions {
  /** Rank techniques of this tactic higher (any form findTactic accepts: TA id, name, shortname). */
  tacticId?: string;
  /** Rank techniques of any of these tactics higher too (a legacy row's successors). */
  tacticIds?: readonly string[];
  /** Default 20. */
  limit?: number;
  /** Revoked and deprecated techniques are left out unless the query is their exact id or this is set. */
  includeDeprecated?: boolean;
}

interface SearchEntry {
  technique: TechniqueData;
  nameWords: string[];
  parentWords: string[];
}

/** A tactic of the previous release this one renamed or dropped, with this release's tactics that took its place. */
export interface LegacyTactic {
  tactic: LegacyTacticData;
  successors: TacticData[];
}

/** ATT&CK look-ups over catalog data; every id/name look-up is a Map hit. */
export class AttackCatalog {
  readonly version: string;
  readonly domain: string;
  /** In matrix order. */
  readonly tactics: readonly TacticData[];
  readonly allTechniques: readonly TechniqueData[];
  readonly allMitigations: readonly MitigationData[];
  readonly allGroups: readonly GroupData[];
  readonly allSoftware: readonly SoftwareData[];
  private readonly tacticsById = new Map<string, TacticData>();
  private readonly tacticsByKey = new Map<string, TacticData>();
  private readonly techniquesById = new Map<string, TechniqueData>();
  private readonly mitigationsById = new Map<string, MitigationData>();
  // Built on first use: group/software look-ups are rarer than technique ones and cost a third of the load.
  private groupsByKey: Map<string, GroupData> | undefined;
  private softwareByKey: Map<string, SoftwareData> | undefined;
  private searchEntries: SearchEntry[] | undefined;
  /** The release `previous` describes ("18.1"), when the catalog has that data. */
  readonly previousVersion: string | undefined;
  private readonly legacyTacticsByKey = new Map<string, LegacyTactic>();
  private readonly earlierById = new Map<string, LegacyTechniqueData>();

  constructor(readonly data: CatalogData) {
    if (data.formatVersion !== CATALOG_FORMAT_VERSION) {
      throw new Error(`Unsupported ATT&CK catalog format ${data.formatVersion}; expected ${CATALOG_FORMAT_VERSION}.`);
    }
    this.version = data.attackVersion;
    this.domain = data.domain;
    this.tactics = [...data.tactics].sort((a, b) => a.order - b.order);
    this.allTechniques = data.techniques;
    this.allMitigations = data.mitigations;
    this.allGroups = data.groups;
    this.allSoftware = data.software;
    for (const tactic of this.tactics) {
      this.tacticsById.set(tactic.id.toUpperCase(), tactic);
      for (const form of [tactic.id, tactic.name, tactic.shortname]) setIfAbsent(this.tacticsByKey, tacticKey(form), tactic);
    }
    for (const technique of data.techniques) this.techniquesById.set(technique.id.toUpperCase(), technique);
    for (const mitigation of data.mitigations) this.mitigationsById.set(mitigation.id.toUpperCase(), mitigation);
    this.previousVersion = data.previous?.attackVersion;
    for (const tactic of data.previous?.tactics ?? []) {
      const legacy = { tactic, successors: tactic.successors.flatMap((id) => this.tacticById(id) ?? []) };
      // A name this release still uses for a tactic (the id itself, for a renamed one) is not legacy.
      for (const form of [tactic.name, tactic.shortname]) if (!this.findTactic(form)) setIfAbsent(this.legacyTacticsByKey, tacticKey(form), legacy);
    }
    for (const technique of data.previous?.techniques ?? []) this.earlierById.set(technique.id, technique);
  }

  /** A tactic name of the previous release that this one no longer uses ("Defense Evasion" in v19), any spelling findTactic accepts. */
  legacyTactic(text: string): LegacyTactic | undefined {
    const legacy = this.legacyTacticsByKey.get(tacticKey(text));
    if (legacy) return legacy;
    const parts = splitTacticKey(text);
    const named = parts && this.legacyTacticsByKey.get(tacticKey(parts.name));
    return named && named.tactic.id === parts.id.toUpperCase() ? named : undefined;
  }

  /** What the previous release said of a technique this one revoked, renamed or moved; undefined when unchanged. */
  earlierTechnique(id: string): LegacyTechniqueData | undefined {
    return this.earlierById.get(normalizeTechniqueId(id));
  }

  /** Whether the previous release renamed or dropped this tactic id (its meaning changed: TA0005 in v19). */
  isLegacyTacticId(id: string): boolean {
    return [...this.legacyTacticsByKey.values()].some((legacy) => legacy.tactic.id === id);
  }

  tacticById(id: string): TacticData | undefined {
    return this.tacticsById.get(id.trim().toUpperCase());
  }

  /**
   * Accepts "TA0011", "Command and Control", "command & control", "command-and-control", any case, and the
   * name with its ID ("Command and Control (TA0011)", "TA0011 - Command and Control") when the two agree.
   */
  findTactic(text: string): TacticData | undefined {
    const tactic = this.tacticsByKey.get(tacticKey(text));
    if (tactic) return tactic;
    const parts = splitTacticKey(text);
    const named = parts && this.tacticsByKey.get(tacticKey(parts.name));
    return named && named.id === parts.id.toUpperCase() ? named : undefined;
  }

  /**
   * A key that writes a tactic's name and an ID that is not that tactic's ("Initial Access (TA0002)"): the
   * tactic (or previous release's tactic) the name stands for, and the tactic the ID is in this release.
   */
  tacticIdConflict(text: string): { parts: TacticKeyParts; named?: { id: string; name: string }; byId?: TacticData } | undefined {
    const parts = splitTacticKey(text);
    if (!parts || this.findTactic(text) || this.legacyTactic(text)) return undefined;
    const named = this.tacticsByKey.get(tacticKey(parts.name)) ?? this.legacyTacticsByKey.get(tacticKey(parts.name))?.tactic;
    const byId = this.tacticById(parts.id);
    return named || byId ? { parts, ...(named ? { named: { id: named.id, name: named.name } } : {}), ...(byId ? { byId } : {}) } : undefined;
  }

  /** Did-you-mean among the previous release's tactics that this one no longer has ("Defence Evasion" in v19): the closest, if near enough. */
  suggestLegacyTactic(text: string): LegacyTactic | undefined {
    const key = tacticKey(text);
    let best: { legacy: LegacyTactic; distance: number } | undefined;
    for (const [form, legacy] of key === '' ? [] : this.legacyTacticsByKey) {
      const distance = editDistance(key, form);
      if (distance <= typoThreshold(key) && (!best || distance < best.distance)) best = { legacy, distance };
    }
    return best?.legacy;
  }

  /** Did-you-mean for a tactic that findTactic does not know, closest first. */
  suggestTactics(text: string, max = 3): TacticData[] {
    const key = tacticKey(text);
    if (key === '') return [];
    const threshold = typoThreshold(key);
    return this.tactics
      .map((tactic) => ({
        tactic,
        distance: Math.min(editDistance(key, tacticKey(tactic.name)), editDistance(key, tacticKey(tactic.shortname))),
      }))
      .filter((s) => s.distance <= threshold)
      .sort((a, b) => a.distance - b.distance || a.tactic.order - b.tactic.order)
      .slice(0, max)
      .map((s) => s.tactic);
  }

  /** Case-insensitive; "T1566/001" is accepted as written in ATT&CK URLs. */
  technique(id: string): TechniqueData | undefined {
    return this.techniquesById.get(normalizeTechniqueId(id));
  }

  tacticsOfTechnique(id: string): TacticData[] {
    const technique = this.technique(id);
    return technique ? technique.tactics.flatMap((t) => this.tacticById(t) ?? []) : [];
  }

  /** The current technique a revoked one was replaced by; undefined when not revoked. */
  replacementOf(id: string): TechniqueData | undefined {
    const replacedBy = this.technique(id)?.replacedBy;
    return replacedBy === undefined ? undefined : this.technique(replacedBy);
  }

  isRevoked(id: string): boolean {
    return this.technique(id)?.revoked === true;
  }

  isDeprecated(id: string): boolean {
    return this.technique(id)?.deprecated === true;
  }

  mitigationsOf(id: string): MitigationData[] {
    return (this.technique(id)?.mitigations ?? []).flatMap((m) => this.mitigationsById.get(m) ?? []);
  }

  /** By G-id, name or alias (any case); current groups win over revoked ones with the same name. */
  group(idOrNameOrAlias: string): GroupData | undefined {
    this.groupsByKey ??= indexByNames(this.allGroups);
    return this.groupsByKey.get(nameKey(idOrNameOrAlias));
  }

  software(idOrNameOrAlias: string): SoftwareData | undefined {
    this.softwareByKey ??= indexByNames(this.allSoftware);
    return this.softwareByKey.get(nameKey(idOrNameOrAlias));
  }

  /**
   * Ranked: exact id, then id-prefix matches, then name matches (exact name; every query word a
   * prefix of a name word; of the name or its parent's; substrings; some words). Techniques of
   * `tacticId` get a boost smaller than the gap between those tiers.
   */
  searchTechniques(query: string, options: TechniqueSearchOptions = {}): TechniqueData[] {
    const limit = options.limit ?? 20;
    const boosted = new Set([options.tacticId, ...(options.tacticIds ?? [])].flatMap((key) => (key === undefined ? [] : (this.findTactic(key)?.id ?? []))));
    const idQuery = normalizeTechniqueId(query);
    const looksLikeId = /^T\d/.test(idQuery);
    const words = searchWords(query, MAX_SEARCH_WORDS);
    if (!looksLikeId && words.length === 0) return [];
    const scored: { technique: TechniqueData; score: number }[] = [];
    for (const entry of this.searchIndex()) {
      const { technique } = entry;
      const retired = technique.revoked === true || technique.deprecated === true;
      let score = 0;
      if (technique.id === idQuery) score = 1000;
      else if (!retired || options.includeDeprecated) score = scoreMatch(entry, idQuery, looksLikeId, words);
      if (score <= 0) continue;
      if (technique.tactics.some((tactic) => boosted.has(tactic))) score += 50;
      scored.push({ technique, score });
    }
    scored.sort((a, b) => b.score - a.score || (a.technique.id < b.technique.id ? -1 : 1));
    return scored.slice(0, limit).map((s) => s.technique);
  }

  private searchIndex(): SearchEntry[] {
    this.searchEntries ??= this.allTechniques.map((technique) => ({
      technique,
      nameWords: searchWords(technique.name),
      parentWords: technique.parent ? searchWords(this.technique(technique.parent)?.name ?? '') : [],
    }));
    return this.searchEntries;
  }
}

/** Tiers 800/600/500/400/300/<100; in-tier adjustments stay below 50 so the tactic boost never crosses a tier. */
function scoreMatch(entry: SearchEntry, idQuery: string, looksLikeId: boolean, words: string[]): number {
  const { technique, nameWords, parentWords } = entry;
  if (looksLikeId) return technique.id.startsWith(idQuery) ? 800 : 0;
  if (words.join(' ') === nameWords.join(' ')) return 600;
  const isPrefixOf = (pool: string[]) => (w: string) => pool.some((n) => n.startsWith(w));
  const extraWords = Math.min(nameWords.length - words.length, 40) / 2;
  if (words.every(isPrefixOf(nameWords))) return 500 - Math.max(extraWords, 0);
  if (words.every(isPrefixOf([...nameWords, ...parentWords]))) return 400 - Math.max(extraWords, 0);
  const name = nameWords.join(' ');
  if (words.every((w) => name.includes(w))) return 300;
  const matched = words.filter(isPrefixOf(nameWords)).length;
  return matched === 0 ? 0 : Math.round((40 * matched) / words.length);
}

/**
 * A user-configured STIX bundle (e.g. a newer ATT&CK release), from its text: the caller reads the file
 * (bounded, see server/src/node/boundedRead.ts) and decides about caching. `file` names it in messages;
 * `fileName`, its last segment (the host's basename), gives the version ("enterprise-attack-19.2.json").
 * Messages never quote the text. (The bundled catalog comes from the host: EngineHost.resources.)
 */
export function catalogFromStixText(text: string, file: string, fileName: string = lastSegment(file), earlier?: () => AttackCatalog): AttackCatalog {
  const parsed = parseJsonData(text);
  if ('problem' in parsed) throw new Error(`ATT&CK bundle ${file} is not valid JSON: ${parsed.problem}`);
  const version = /(\d+\.\d+)/.exec(fileName)?.[1];
  let data: CatalogData;
  try {
    data = stixToCatalog(parsed.data, version === undefined ? {} : { version });
  } catch (err) {
    throw new Error(`${file}: ${(err as Error).message}`);
  }
  // A later release than a bundled one: record what that one called differently, as the bundled v19.2 does.
  const before = earlier?.();
  if (before && compareAttackVersions(data.attackVersion, before.version) > 0) data.previous = previousVersionOf(before.data, data);
  return new AttackCatalog(data);
}

/** After the last '/' or '\\': for callers without a host (a POSIX file name may contain '\\'; the workspace passes the host's). */
function lastSegment(file: string): string {
  return file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
}

/** Edits a misspelt tactic key may be from the name it stands for: one per three characters, at least two. */
function typoThreshold(key: string): number {
  return Math.max(2, Math.floor(key.length / 3));
}

/** camelCase split, "&" read as "and", then letters and digits only with "and" dropped: all spellings meet. */
const tacticKey = memoizeString(computeTacticKey);

function computeTacticKey(text: string): string {
  return text
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '' && w !== 'and')
    .join('');
}

function nameKey(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase();
}

function normalizeTechniqueId(id: string): string {
  // An ID as a mention reads it (T1566.002), `T` then digits and dots, is its normal form: no three new strings.
  for (let index = 1; index < id.length && id.charCodeAt(0) === 0x54; index++) {
    const code = id.charCodeAt(index);
    if (code !== 0x2e && (code < 0x30 || code > 0x39)) break;
    if (index === id.length - 1) return id;
  }
  return id.trim().toUpperCase().replace('/', '.');
}

/**
 * Words of a search query that count. The longest ATT&CK name, with its parent's, has 14 words; each word
 * is compared with every technique, so a query pasted from a long line is cut here rather than costing
 * (words × catalog) time on every keystroke.
 */
export const MAX_SEARCH_WORDS = 24;

/** The query's words (runs of letters and digits; `&` reads as "and"), lower case, the first `limit` of them. */
function searchWords(text: string, limit = Infinity): string[] {
  const words: string[] = [];
  if (limit <= 0) return words;
  for (const match of text.toLowerCase().matchAll(/[a-z0-9]+|&/g)) {
    words.push(match[0] === '&' ? 'and' : match[0]);
    if (words.length >= limit) break;
  }
  return words;
}

function setIfAbsent<V>(map: Map<string, V>, key: string, value: V): void {
  if (key !== '' && !map.has(key)) map.set(key, value);
}

/**
 * Ids first; then names, then aliases, of current entries; revoked entries' names last, so
 * "MONSOON" finds Patchwork (G0040, alias) rather than revoked G0042 (name), while "G0042" still resolves.
 */
function indexByNames<T extends GroupData>(entries: readonly T[]): Map<string, T> {
  const map = new Map<string, T>();
  for (const e of entries) setIfAbsent(map, nameKey(e.id), e);
  for (const group of [entries.filter((e) => !e.revoked), entries.filter((e) => e.revoked)]) {
    for (const e of group) setIfAbsent(map, nameKey(e.name), e);
    for (const e of group) for (const alias of e.aliases ?? []) setIfAbsent(map, nameKey(alias), e);
  }
  return map;
}
