import { closestMatch } from '../text/editDistance';
import type { Rule, RuleContext } from './ruleTypes';

/** Control comments that name a rule that does not exist would silently suppress nothing. */
export const suppressionRule: Rule = {
  meta: [
    {
      id: 'suppression-unknown-rule',
      family: 'structure',
      defaultSeverity: 'warning',
      summary: 'An increport-disable/enable comment names a rule that does not exist.',
    },
  ],
  check(context: RuleContext) {
    for (const comment of context.model.controlComments) {
      for (const ruleId of comment.ruleIds) {
        if (context.knownRuleIds.has(ruleId)) continue;
        const suggestion = closestMatch(ruleId, [...context.knownRuleIds]);
        context.report(
          'suppression-unknown-rule',
          comment.range,
          `Unknown rule '${ruleId}' in increport-${comment.directive}${suggestion ? ` (did you mean '${suggestion}'?)` : ''}: this comment suppresses nothing for it`,
          suggestion ? { ruleId, suggestion } : { ruleId },
        );
      }
    }
  },
};
