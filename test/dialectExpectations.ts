import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_RULE_META } from '../server/src/engine/rules';
import { compareFindings, type Finding } from '../server/src/engine/types';
import { defaultVersionEngine, describeFinding, projectRoot } from './helpers';

/*
 * examples/dialects/ holds clean reports written in the other forms a section accepts (an Attack
 * Methodology table, a timeline table, key/value and IOC tables), and examples/dialects/broken/ variants
 * with mistakes. As in examples/broken/, a finding is announced by `<!-- expect: rule-a, rule-b -->` on the
 * line above it; inside a table, where such a line would end the table, the comment stands in the row
 * itself (in a text column such as Procedure). The engine (test/unit/dialectExamples.test.ts), the CLI
 * (test/cli/dialectExamples.test.ts) and the language server (test/protocol/dialectExamples.test.ts) are
 * all held to these marks through this module.
 */

export const DIALECTS = join(projectRoot(), 'examples', 'dialects');

export interface DialectExample {
  /** Relative to examples/dialects/: `tables.md`, `broken/tables.md`. */
  name: string;
  path: string;
  text: string;
}

const markdownIn = (folder: string) =>
  readdirSync(folder)
    .filter((name) => name.endsWith('.md'))
    .sort();

/** The clean examples, then the broken ones, each folder in name order. */
export function dialectExamples(): DialectExample[] {
  const clean = markdownIn(DIALECTS).map((name) => ({ name, path: join(DIALECTS, name) }));
  const broken = markdownIn(join(DIALECTS, 'broken')).map((name) => ({ name: `broken/${name}`, path: join(DIALECTS, 'broken', name) }));
  return [...clean, ...broken].map((example) => ({ ...example, text: readFileSync(example.path, 'utf8') }));
}

const RULES = new Map(ALL_RULE_META.map((meta) => [meta.id, meta]));
const MARKER = /<!--\s*expect:(.*?)-->/;

/** Zero-based line → the rule ids marked for it, sorted: the next line for a comment on its own line, else its own line. */
export function markedExpectations(text: string): Map<number, string[]> {
  const byLine = new Map<number, string[]>();
  text.split('\n').forEach((line, index) => {
    const marker = MARKER.exec(line);
    if (!marker) return;
    const ids = marker[1]
      .split(',')
      .map((id) => id.trim())
      .filter(Boolean);
    for (const id of ids) assert.ok(RULES.has(id), `line ${index + 1}: '${id}' is not a rule`);
    const target = line.trim().startsWith('<!--') ? index + 1 : index;
    byLine.set(target, [...(byLine.get(target) ?? []), ...ids].sort());
  });
  return byLine;
}

/** What was found, as `markedExpectations` gives what was marked: the rule ids by the zero-based line a finding starts on. */
export function rulesByLine(found: readonly { ruleId: string; range: Finding['range'] }[]): Map<number, string[]> {
  const byLine = new Map<number, string[]>();
  for (const { ruleId, range } of found) byLine.set(range.start.line, [...(byLine.get(range.start.line) ?? []), ruleId].sort());
  return byLine;
}

/** `line: ids` with one-based lines, in line order: the form assertion diffs are read in. */
export function listing(byLine: ReadonlyMap<number, readonly string[]>): string[] {
  return [...byLine].sort(([a], [b]) => a - b).map(([line, ids]) => `${line + 1}: ${ids.join(', ')}`);
}

/** Findings as `range severity ruleId message` lines, in `compareFindings` order (then by message): how the front ends are compared. */
export function describeInOrder(findings: readonly Finding[]): string[] {
  return [...findings].sort((a, b) => compareFindings(a, b) || a.message.localeCompare(b.message)).map(describeFinding);
}

/**
 * The findings every front end must give for an example, as `describeInOrder` lists them: the engine's (default ATT&CK version, test clock), once they are shown to be
 * exactly the rules the file marks, line by line, each at its rule's default severity (no example folder
 * has a configuration). The marks give the line and the rule; the engine gives the columns and message.
 */
export function expectedFindings(example: DialectExample): string[] {
  const { findings } = defaultVersionEngine().check(example.text);
  assert.deepEqual(
    listing(rulesByLine(findings)),
    listing(markedExpectations(example.text)),
    `${example.name}: the engine's findings (actual) against the marks (expected)`,
  );
  for (const finding of findings) assert.equal(finding.severity, RULES.get(finding.ruleId)?.defaultSeverity, `${example.name}: ${describeFinding(finding)}`);
  return describeInOrder(findings);
}
