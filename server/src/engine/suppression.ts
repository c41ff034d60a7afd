import type { ControlComment } from './model/modelTypes';
import type { Finding } from './types';

const ALL_RULES = '*';

/**
 * Applies `<!-- increport-disable[-next-line|-line] [RULE ...] -->` and `<!-- increport-enable [RULE ...] -->`.
 * With no rule named, a directive covers every rule.
 */
export function applySuppressions(findings: Finding[], comments: readonly ControlComment[]): Finding[] {
  if (comments.length === 0) return findings;
  const lineSuppressions = new Map<number, Set<string>>();
  const switches: { line: number; enable: boolean; rules: string[] }[] = [];
  for (const comment of comments) {
    const rules = comment.ruleIds.length > 0 ? comment.ruleIds : [ALL_RULES];
    const line = comment.range.start.line;
    if (comment.directive === 'disable-next-line' || comment.directive === 'disable-line') {
      const target = comment.directive === 'disable-line' ? line : comment.range.end.line + 1;
      const set = lineSuppressions.get(target) ?? new Set<string>();
      rules.forEach((rule) => set.add(rule));
      lineSuppressions.set(target, set);
    } else {
      switches.push({ line, enable: comment.directive === 'enable', rules });
    }
  }
  return findings.filter((finding) => {
    const line = finding.range.start.line;
    const onLine = lineSuppressions.get(line);
    if (onLine && (onLine.has(ALL_RULES) || onLine.has(finding.ruleId))) return false;
    return !disabledAt(line, finding.ruleId, switches);
  });
}

function disabledAt(line: number, ruleId: string, switches: readonly { line: number; enable: boolean; rules: string[] }[]): boolean {
  let disabled = false;
  for (const change of switches) {
    if (change.line > line) break;
    if (change.rules.includes(ALL_RULES) || change.rules.includes(ruleId)) disabled = !change.enable;
  }
  return disabled;
}
