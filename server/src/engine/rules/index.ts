import type { SchemaValidator } from '../schema/compileSchema';
import { attackRule } from './attackRules';
import { dateRule } from './dateRules';
import { iocRule } from './iocRules';
import { placeholderRule } from './placeholderRule';
import type { Rule, RuleFamily, RuleMeta } from './ruleTypes';
import { sectionDialectRule } from './sectionDialectRule';
import { createSchemaRule, schemaRuleMeta } from './schemaRules';
import { structureRule } from './structureRules';
import { suppressionRule } from './suppressionRule';
import { timelineUndatedRule } from './timelineUndatedRule';
import { compareCodePoints } from '../types';

/** A rule module: its metadata (declared beside its checks), and how an engine gets the rule. */
interface RuleModule {
  readonly meta: readonly RuleMeta[];
  create(validate: SchemaValidator): Rule;
}

const builtIn = (rule: Rule): RuleModule => ({ meta: rule.meta, create: () => rule });

/**
 * The registry: every rule module, in reporting order. Domain rule families plug in here. Everything
 * else that lists rules (`increport rules`, SARIF, docs/rules/README.md and the README's rule table, via
 * `npm run docs`) is derived from it.
 */
const RULE_MODULES: readonly RuleModule[] = [
  { meta: schemaRuleMeta, create: createSchemaRule },
  builtIn(structureRule),
  builtIn(sectionDialectRule),
  builtIn(placeholderRule),
  builtIn(attackRule),
  builtIn(dateRule),
  builtIn(timelineUndatedRule),
  builtIn(iocRule),
  builtIn(suppressionRule),
];

/** The rules every check runs, in reporting order. */
export function createDefaultRules(validate: SchemaValidator): Rule[] {
  return RULE_MODULES.map((ruleModule) => ruleModule.create(validate));
}

export function ruleMetaOf(rules: readonly Pick<Rule, 'meta'>[]): RuleMeta[] {
  return rules.flatMap((rule) => rule.meta).sort((a, b) => compareCodePoints(a.id, b.id));
}

/** Every rule the engine can report, whatever the schema, sorted by id. */
export const ALL_RULE_META: readonly RuleMeta[] = ruleMetaOf(RULE_MODULES);

/** Rule families in the order listings show them, with their headings. */
export const RULE_FAMILY_TITLES: Readonly<Record<RuleFamily, string>> = {
  structure: 'Structure',
  fields: 'Fields',
  values: 'Values',
  placeholders: 'Placeholders',
  attack: 'MITRE ATT&CK',
  dates: 'Dates',
  iocs: 'Indicators of compromise',
};
