/**
 * The compact ATT&CK catalog: plain JSON data distilled from a STIX bundle by `stixToCatalog`,
 * committed as server/data/attack/enterprise-attack-<version>.catalog.json and loaded by `AttackCatalog`.
 * Optional flags are written only when set, so the committed file stays small.
 */

/** Shape version of the catalog file itself (not the ATT&CK version); bump on incompatible changes. */
export const CATALOG_FORMAT_VERSION = 1;

export interface CatalogData {
  formatVersion: number;
  /** ATT&CK release the data came from, e.g. "18.1"; "unknown" when it could not be determined. */
  attackVersion: string;
  /** ATT&CK domain, e.g. "enterprise-attack" (from the matrix); "" when the bundle has no matrix. */
  domain: string;
  /** The STIX bundle id the catalog was generated from (for a list-built catalog: list file + bundle id), for provenance. */
  source: string;
  /**
   * How the data was put together, when it is not a plain conversion of `source` (e.g. a release built from
   * a technique list plus an earlier release's bundle). Not read by the engine.
   */
  provenance?: string;
  /** In matrix order (`order` is the index). */
  tactics: TacticData[];
  /** Techniques and sub-techniques, including revoked and deprecated ones, sorted by id. */
  techniques: TechniqueData[];
  /** Current mitigations (M-ids), sorted by id. Deprecated pre-2020 "T-id" mitigations are dropped. */
  mitigations: MitigationData[];
  groups: GroupData[];
  software: SoftwareData[];
  /**
   * What the previous ATT&CK release called differently (engine/attack/catalogDiff.ts): lets a report written
   * against it be read as legacy and migrated, without loading that release's catalog.
   */
  previous?: PreviousVersionData;
}

export interface PreviousVersionData {
  /** e.g. "18.1" */
  attackVersion: string;
  /** Tactics of the previous release that this one renamed or dropped, with the tactics that took their techniques. */
  tactics: LegacyTacticData[];
  /** Techniques active in the previous release that this one revoked, renamed or moved to other tactics, as they were then. */
  techniques: LegacyTechniqueData[];
}

export interface LegacyTacticData {
  /** The tactic's id in the previous release (v18.1: "TA0005"). */
  id: string;
  /** Its name and shortname then ("Defense Evasion", "defense-evasion"). */
  name: string;
  shortname: string;
  /**
   * Tactic ids of this release, in matrix order, that took its place: the tactic with the same id and any
   * new tactic that received its techniques (v19: TA0005 Stealth and TA0112 Defense Impairment).
   */
  successors: string[];
}

export interface LegacyTechniqueData {
  id: string;
  /** Its name then, when this release renamed it. */
  name?: string;
  /** Its tactic ids then (previous release's ids), when this release changed them. */
  tactics?: string[];
  /** Active then, revoked in this release (the technique's own entry names the replacement). */
  revoked?: boolean;
}

export interface TacticData {
  /** e.g. "TA0001" */
  id: string;
  /** e.g. "Initial Access" */
  name: string;
  /** e.g. "initial-access": the kill-chain phase name techniques use. */
  shortname: string;
  /** Zero-based column in the matrix. */
  order: number;
}

export interface TechniqueData {
  /** "T1566" or, for a sub-technique, "T1566.001". */
  id: string;
  name: string;
  /**
   * Tactic ids (TA…), in matrix order. Ids rather than shortnames because ids are what reports
   * cite and they stay stable when a tactic is renamed (v19: TA0005 Defense Evasion -> Stealth).
   */
  tactics: string[];
  platforms: string[];
  /** First paragraph of the STIX description, "(Citation: …)" markers removed; markdown links kept. */
  description: string;
  url: string;
  /** Parent technique id, for sub-techniques only. */
  parent?: string;
  deprecated?: boolean;
  revoked?: boolean;
  /** For revoked techniques: the id of the current (non-revoked) replacement, chains followed. */
  replacedBy?: string;
  /** Mitigation ids (M…), sorted. */
  mitigations?: string[];
}

export interface MitigationData {
  /** e.g. "M1049" */
  id: string;
  name: string;
}

export interface GroupData {
  /** e.g. "G0007" */
  id: string;
  name: string;
  /** Other names, excluding `name` itself. */
  aliases?: string[];
  deprecated?: boolean;
  revoked?: boolean;
  replacedBy?: string;
}

export type SoftwareType = 'malware' | 'tool';

export interface SoftwareData extends GroupData {
  /** e.g. "S0002" (same optional fields as a group). */
  type: SoftwareType;
}
