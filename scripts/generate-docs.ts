/**
 * Writes the rule tables of docs/rules/README.md and README.md (between `<!-- rules:start -->` and
 * `<!-- rules:end -->`) from the rule registry (server/src/engine/rules/index.ts): id, family, default
 * severity and summary, one wording per rule. Run after changing a rule's metadata:
 * `npm run build && npm run docs`. A test fails when a committed file is out of date.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../server/src/node/packageRoot';
import { ALL_RULE_META, RULE_FAMILY_TITLES } from '../server/src/engine/rules/index';
import type { RuleFamily } from '../server/src/engine/rules/ruleTypes';

const RULES_START = '<!-- rules:start -->';
const RULES_END = '<!-- rules:end -->';

interface TableStyle {
  /** Where the rule pages are, relative to the file holding the table. */
  linkPrefix: string;
  /** Whether rows repeat the family that the group rows already name. */
  familyColumn: boolean;
}

/** Each generated file, and how its table looks. */
export const GENERATED_DOCS: readonly { path: string; style: TableStyle }[] = [
  { path: join(packageRoot(), 'docs', 'rules', 'README.md'), style: { linkPrefix: '', familyColumn: true } },
  { path: join(packageRoot(), 'README.md'), style: { linkPrefix: 'docs/rules/', familyColumn: false } },
];

/** Every rule, grouped by family in the order of RULE_FAMILY_TITLES, sorted by id within a family. */
export function ruleTable({ linkPrefix, familyColumn }: TableStyle): string {
  const header = familyColumn ? ['Rule', 'Family', 'Default severity', 'Summary'] : ['Rule', 'Default', 'Checks'];
  const row = (cells: string[]) => `| ${cells.map((cell) => cell.replace(/\|/g, '\\|')).join(' | ')} |`;
  const lines = [row(header), `|${header.map(() => '---').join('|')}|`];
  for (const family of Object.keys(RULE_FAMILY_TITLES) as RuleFamily[]) {
    const rules = ALL_RULE_META.filter((meta) => meta.family === family);
    if (rules.length === 0) continue;
    // The family's row: its title in bold, the other cells empty (`| | |`).
    lines.push(`| **${RULE_FAMILY_TITLES[family]}** |${' |'.repeat(header.length - 1)}`);
    for (const meta of rules) {
      const link = `[${meta.id}](${linkPrefix}${meta.id}.md)`;
      lines.push(row(familyColumn ? [link, meta.family, meta.defaultSeverity, meta.summary] : [link, meta.defaultSeverity, meta.summary]));
    }
  }
  return lines.join('\n');
}

/** `text` with what lies between the rule markers replaced by the table. */
export function withRuleTable(text: string, style: TableStyle): string {
  const start = text.indexOf(RULES_START);
  const end = text.indexOf(RULES_END);
  if (start < 0 || end < start) throw new Error(`no ${RULES_START} … ${RULES_END} markers`);
  return `${text.slice(0, start + RULES_START.length)}\n${ruleTable(style)}\n${text.slice(end)}`;
}

if (require.main === module) {
  for (const { path, style } of GENERATED_DOCS) {
    const text = readFileSync(path, 'utf8');
    const generated = withRuleTable(text, style);
    if (generated !== text) writeFileSync(path, generated);
    console.log(`${generated === text ? 'up to date' : 'wrote'} ${path}`);
  }
}
