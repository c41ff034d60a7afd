import { buildModel } from './model/buildModel';
import type { ReportModel } from './model/modelTypes';
import { createDefaultRules, ruleMetaOf } from './rules';
import type { Rule, RuleMeta } from './rules/ruleTypes';
import type { ReportSchema } from './schema/reportSchema';
import type { AttackCatalog } from './attack/catalog';
import { applySuppressions } from './suppression';
import { compareFindings, type Finding, type FindingData, type Range, type RuleSetting } from './types';

export type RuleSettings = Readonly<Record<string, RuleSetting>>;

export interface EngineDependencies {
  schema: ReportSchema;
  /** The ATT&CK catalog the ATT&CK rules check against. */
  catalog: AttackCatalog;
  /** The bundled catalog when another version is in use: lets messages say what an old tactic is now called. */
  referenceCatalog?: AttackCatalog;
  /** Defaults to the built-in rules over `schema`. */
  rules?: Rule[];
  /** Clock for date rules; injected so that tests are reproducible. */
  now?: () => Date;
}

export interface CheckResult {
  model: ReportModel;
  findings: Finding[];
}

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
    return this.dependencies.catalog;
  }

  check(text: string, settings: RuleSettings = {}): CheckResult {
    const model = buildModel(text);
    const findings: Finding[] = [];
    const report = (ruleId: string, range: Range, message: string, data?: FindingData) => {
      const setting = settings[ruleId] ?? this.metaById.get(ruleId)?.defaultSeverity ?? 'error';
      if (setting === 'off') return;
      findings.push(data ? { ruleId, severity: setting, message, range, data } : { ruleId, severity: setting, message, range });
    };
    const context = { model, spec: this.dependencies.schema.spec, catalog: this.dependencies.catalog, referenceCatalog: this.dependencies.referenceCatalog, knownRuleIds: this.knownRuleIds, now: this.now(), report };
    for (const rule of this.rules) {
      if (rule.meta.every((meta) => (settings[meta.id] ?? meta.defaultSeverity) === 'off')) continue;
      rule.check(context);
    }
    return { model, findings: applySuppressions(findings, model.controlComments).sort(compareFindings) };
  }
}
