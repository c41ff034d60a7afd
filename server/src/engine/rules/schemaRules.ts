import { buildValidationInstance } from '../schema/instance';
import { mapSchemaError } from '../schema/errorMapping';
import type { SchemaValidator } from '../schema/compileSchema';
import type { Rule, RuleContext, RuleMeta } from './ruleTypes';

export const schemaRuleMeta: readonly RuleMeta[] = [
  { id: 'title-missing', family: 'structure', defaultSeverity: 'error', summary: 'The report has no level-1 title, or an empty one.' },
  { id: 'section-missing', family: 'structure', defaultSeverity: 'error', summary: 'A section the schema requires is missing.' },
  { id: 'section-empty', family: 'structure', defaultSeverity: 'warning', summary: 'A section has a heading but no content.' },
  {
    id: 'field-missing',
    family: 'fields',
    defaultSeverity: 'error',
    summary: 'A field the schema requires is missing from its section (or from the front matter).',
  },
  { id: 'field-empty', family: 'fields', defaultSeverity: 'warning', summary: 'A field is present but has no value.' },
  { id: 'field-unknown', family: 'fields', defaultSeverity: 'error', summary: 'A field the schema does not allow in this place.' },
  {
    id: 'value-invalid',
    family: 'values',
    defaultSeverity: 'error',
    summary: 'A value does not have the form the schema requires (allowed values, pattern, type).',
  },
  { id: 'front-matter-invalid', family: 'values', defaultSeverity: 'error', summary: 'The YAML front matter cannot be read.' },
];

/**
 * Validates the report's JSON view against the (possibly extended) report schema and reports each
 * schema error under the rule that names it.
 */
export function createSchemaRule(validate: SchemaValidator): Rule {
  return {
    meta: schemaRuleMeta,
    check(context: RuleContext) {
      const { model, spec } = context;
      for (const error of model.frontMatter?.errors ?? []) {
        context.report('front-matter-invalid', error.range, `The front matter is not valid YAML: ${error.message}`);
      }
      if (validate(buildValidationInstance(model, spec, false).instance)) return;
      const { instance, targets } = buildValidationInstance(model, spec, true);
      validate(instance);
      for (const error of validate.errors ?? []) {
        const mapped = mapSchemaError(error, targets, model, spec);
        if (mapped) context.report(mapped.ruleId, mapped.range, mapped.message, mapped.data);
      }
    },
  };
}
