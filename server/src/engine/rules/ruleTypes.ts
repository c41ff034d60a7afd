import type { Finding, FindingData, Range, Severity } from '../types';
import type { ReportModel } from '../model/modelTypes';
import type { ReportSpec } from '../schema/reportSpec';
import type { AttackCatalog } from '../attack/catalog';
import type { BundledAttackVersion } from '../attack/versions';
import type { OrganizationSetting } from '../iocs/ownAssets';

export type RuleFamily = 'structure' | 'fields' | 'values' | 'placeholders' | 'attack' | 'dates' | 'iocs';

/** What a rule is, independent of any one check: shown in docs, SARIF `rules`, and config validation. */
export interface RuleMeta {
  id: string;
  family: RuleFamily;
  defaultSeverity: Severity;
  /** One sentence for listings (README, SARIF shortDescription). */
  summary: string;
}

/** Everything a rule may look at, passed in so rules stay plain functions. */
export interface RuleContext {
  readonly model: ReportModel;
  readonly spec: ReportSpec;
  /** The MITRE ATT&CK catalog in use (bundled, or converted from the configured bundle). */
  readonly catalog: AttackCatalog;
  /**
   * Another bundled ATT&CK version, loaded when asked for (for "v19.2 calls it" hints on a v18.1 report);
   * undefined for the version in use, or when a configured bundle fixes the catalog.
   */
  readonly otherVersion?: (version: BundledAttackVersion) => AttackCatalog | undefined;
  /** Every rule id the engine knows, for checks on configuration written in the report. */
  readonly knownRuleIds: ReadonlySet<string>;
  /** The instant the check runs, for "date in the future" checks; injected for reproducible tests. */
  readonly now: Date;
  /** The configured own domains, mailboxes and networks (`organization` in `.increport.yaml`): affected assets, not indicators. */
  readonly organization?: OrganizationSetting;
  report(ruleId: string, range: Range, message: string, data?: FindingData): void;
}

/** A checker emits findings for one or more rule ids. */
export interface Rule {
  readonly meta: readonly RuleMeta[];
  check(context: RuleContext): void;
}

export type { Finding };
