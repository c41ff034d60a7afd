import type { SchemaValidator } from '../schema/compileSchema';
import { attackRule } from './attackRules';
import { dateRule } from './dateRules';
import { iocRule } from './iocRules';
import { placeholderRule } from './placeholderRule';
import type { Rule, RuleMeta } from './ruleTypes';
import { createSchemaRule, schemaRuleMeta } from './schemaRules';
import { structureRule } from './structureRules';
import { suppressionRule } from './suppressionRule';

/** The rules every check runs, in reporting order. Domain rule families plug in here. */
export function createDefaultRules(validate: SchemaValidator): Rule[] {
  return [createSchemaRule(validate), structureRule, placeholderRule, attackRule, dateRule, iocRule, suppressionRule];
}

export function ruleMetaOf(rules: readonly Rule[]): RuleMeta[] {
  return rules.flatMap((rule) => rule.meta).sort((a, b) => a.id.localeCompare(b.id));
}

/** Every rule the engine can report, whatever the schema. */
export const ALL_RULE_META: readonly RuleMeta[] = [...schemaRuleMeta, ...structureRule.meta, ...placeholderRule.meta, ...attackRule.meta, ...dateRule.meta, ...iocRule.meta, ...suppressionRule.meta].sort((a, b) =>
  a.id.localeCompare(b.id),
);
