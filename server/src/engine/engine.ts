import { buildModel } from './model/buildModel';
import { addTableFields } from './model/tableFields';
import type { ReportModel } from './model/modelTypes';
import { createDefaultRules, ruleMetaOf } from './rules';
import type { Rule, RuleMeta } from './rules/ruleTypes';
import type { ReportSchema } from './schema/reportSchema';
import type { AttackCatalog } from './attack/catalog';
import { BUNDLED_VERSIONS_TEXT, compareAttackVersions, readAttackVersion, type BundledAttackVersion } from './attack/versions';
import { applySuppressions } from './suppression';
import type { OrganizationSetting } from './iocs/ownAssets';
import { DATE_ORDER_KEY, setReportNumericOrder, type DateOrderSetting } from './dates/numericOrder';
import { compareFindings, type Finding, type FindingData, type Range, type RuleSetting } from './types';

export type RuleSettings = Readonly<Record<string, RuleSetting>>;

/** What a check takes from the configuration besides rule severities. */
export interface CheckOptions {
  /** The configuration's `dates.order`; a report's `dateOrder` front matter wins over it. */
  dateOrder?: DateOrderSetting;
  /** The configuration's `organization`: the victim's own domains, mailboxes and networks. */
  organization?: OrganizationSetting;
}

export interface EngineDependencies {
  schema: ReportSchema;
  /**
   * The ATT&CK catalog the ATT&CK rules check against, unless the report chooses a version (`attack:` in
   * its front matter). A function is called on the first check (or read of `catalog`), not when the
   * engine is made: the workspace passes one, so building an engine reads no catalog.
   */
  catalog: AttackCatalog | (() => AttackCatalog);
  /**
   * The bundled catalog of a version a report chooses in its front matter. Absent when the configuration
   * names an ATT&CK bundle: then `catalog` is used for every report.
   */
  bundledCatalog?: (version: BundledAttackVersion) => AttackCatalog;
  /** Defaults to the built-in rules over `schema`. */
  rules?: Rule[];
  /** Clock for date rules; injected so that tests are reproducible. */
  now?: () => Date;
}

export interface CheckResult {
  model: ReportModel;
  findings: Finding[];
  /** The ATT&CK catalog the report was checked against: the features and exports use the same. */
  catalog: AttackCatalog;
}

/** The front matter key by which a report chooses its ATT&CK version (`attack: v18.1`). */
export const ATTACK_VERSION_KEY = 'attack';

/**
 * The report checker: text in, located model and findings out. No I/O, no editor: the language server,
 * the CLI and the tests all call this with the same inputs and get the same results.
 */
export class ReportEngine {
  readonly rules: readonly Rule[];
  readonly ruleMeta: readonly RuleMeta[];
  private readonly metaById: ReadonlyMap<string, RuleMeta>;
  private readonly knownRuleIds: ReadonlySet<string>;
  private readonly now: () => Date;
  private resolvedCatalog: AttackCatalog | undefined;

  constructor(private readonly dependencies: EngineDependencies) {
    this.rules = dependencies.rules ?? createDefaultRules(dependencies.schema.validate);
    this.ruleMeta = ruleMetaOf(this.rules);
    this.metaById = new Map(this.ruleMeta.map((meta) => [meta.id, meta]));
    this.knownRuleIds = new Set(this.metaById.keys());
    this.now = dependencies.now ?? (() => new Date());
  }

  get schema(): ReportSchema {
    return this.dependencies.schema;
  }

  get catalog(): AttackCatalog {
    const { catalog } = this.dependencies;
    return (this.resolvedCatalog ??= typeof catalog === 'function' ? catalog() : catalog);
  }

  /** `now` is read from the clock unless the caller has read it already (so one analysis has one "now"). */
  check(text: string, settings: RuleSettings = {}, now: Date = this.now(), options: CheckOptions = {}): CheckResult {
    const model = buildModel(text);
    setReportNumericOrder(model.lines, model.frontMatter?.data?.[DATE_ORDER_KEY], options.dateOrder);
    addTableFields(model, this.dependencies.schema.spec);
    const findings: Finding[] = [];
    const report = (ruleId: string, range: Range, message: string, data?: FindingData) => {
      const setting = settings[ruleId] ?? this.metaById.get(ruleId)?.defaultSeverity ?? 'error';
      if (setting === 'off') return;
      findings.push(data ? { ruleId, severity: setting, message, range, data } : { ruleId, severity: setting, message, range });
    };
    const catalog = this.catalogOf(model, report);
    const { bundledCatalog } = this.dependencies;
    const context = {
      model,
      spec: this.dependencies.schema.spec,
      catalog,
      otherVersion: bundledCatalog && ((version: BundledAttackVersion) => (version === catalog.version ? undefined : bundledCatalog(version))),
      knownRuleIds: this.knownRuleIds,
      now,
      organization: options.organization,
      report,
    };
    for (const rule of this.rules) if (isEnabled(rule, settings)) rule.check(context);
    return { model, findings: applySuppressions(findings, model.controlComments).sort(compareFindings), catalog };
  }

  /** The catalog of the version the report's front matter chooses, else the engine's; an unknown version is reported. */
  private catalogOf(model: ReportModel, report: (ruleId: string, range: Range, message: string) => void): AttackCatalog {
    const entry = model.frontMatter?.entries.find((candidate) => candidate.key === ATTACK_VERSION_KEY);
    const value = model.frontMatter?.data?.[ATTACK_VERSION_KEY];
    const { catalog } = this;
    const { bundledCatalog } = this.dependencies;
    if (!entry || value === undefined || value === null) return catalog;
    const reading = readAttackVersion(value);
    if ('version' in reading) {
      if (bundledCatalog) return bundledCatalog(reading.version);
      if (compareAttackVersions(reading.version, catalog.version) !== 0) {
        report(
          'attack-version-unknown',
          entry.valueRange,
          `This report chooses ATT&CK v${reading.version}, but the configuration's ATT&CK bundle (v${catalog.version}) is used for every report: remove 'attack:' or the attack.bundle setting`,
        );
      }
      return catalog;
    }
    const written = 'unsupported' in reading ? `v${reading.unsupported}` : `'${String(value).slice(0, 40)}'`;
    report(
      'attack-version-unknown',
      entry.valueRange,
      `ATT&CK ${written} is not a version increport ships: write ${BUNDLED_VERSIONS_TEXT}, or configure an ATT&CK bundle (attack.bundle); checked against v${catalog.version}`,
    );
    return catalog;
  }
}

/** Whether any of a rule's findings is on under the settings (a plain loop: this runs for every rule of every check). */
function isEnabled(rule: Rule, settings: RuleSettings): boolean {
  for (const meta of rule.meta) if ((settings[meta.id] ?? meta.defaultSeverity) !== 'off') return true;
  return false;
}
