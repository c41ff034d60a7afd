import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { test } from 'node:test';
import { ReportEngine } from '../../server/src/engine/engine';
import { ALL_RULE_META } from '../../server/src/engine/rules';
import type { Finding } from '../../server/src/engine/types';
import { describeFinding, defaultVersionEngine, formatRange, projectRoot } from '../helpers';
import { createBundledReportSchema, loadBundledCatalog } from '../../server/src/node/bundledResources';

/*
 * examples/broken/ holds one report per rule family, named after the family (attack.md for 'attack').
 * Each finding is announced on the line above it: `<!-- expect: rule-a, rule-b -->` in Markdown, and
 * `# expect: rule-a` in YAML front matter. A rule that fires twice on a line is listed twice.
 */
const BROKEN = join(projectRoot(), 'examples', 'broken');
const EXAMPLES = readdirSync(BROKEN)
  .filter((name) => name.endsWith('.md'))
  .sort();
const FAMILY_BY_RULE = new Map<string, string>(ALL_RULE_META.map((meta) => [meta.id, meta.family]));
const MARKDOWN_EXPECT = /^\s*<!--\s*expect:(.*?)-->\s*$/;
const YAML_EXPECT = /^\s*#\s*expect:(.*)$/;

interface Expectations {
  /** Zero-based line → rule ids expected there, sorted. */
  byLine: Map<number, string[]>;
  /** Zero-based lines that hold an expectation comment. */
  markerLines: Set<number>;
}

const read = (name: string): string => readFileSync(join(BROKEN, name), 'utf8');
const splitLines = (text: string): string[] => text.split(/\r\n|\r|\n/);

/** The zero-based line of the front matter's closing fence, or -1 when there is no front matter. */
function frontMatterEnd(lines: readonly string[]): number {
  if (!/^---\s*$/.test(lines[0] ?? '')) return -1;
  return lines.findIndex((line, index) => index > 0 && /^(?:---|\.\.\.)\s*$/.test(line));
}

function readExpectations(name: string, text: string): Expectations {
  const lines = splitLines(text);
  const yamlEnd = frontMatterEnd(lines);
  const markerAt = (line: number) => (line < yamlEnd ? YAML_EXPECT : MARKDOWN_EXPECT).exec(lines[line]);
  const byLine = new Map<number, string[]>();
  const markerLines = new Set<number>();
  lines.forEach((_, line) => {
    const marker = markerAt(line);
    if (!marker) return;
    const ruleIds = marker[1]
      .split(',')
      .map((id) => id.trim())
      .filter(Boolean);
    const where = `${name}:${line + 1}`;
    assert.ok(ruleIds.length > 0, `${where}: an expectation names no rule`);
    for (const ruleId of ruleIds) assert.ok(FAMILY_BY_RULE.has(ruleId), `${where}: '${ruleId}' is not a rule`);
    assert.ok(line + 1 < lines.length && !markerAt(line + 1), `${where}: an expectation must be followed by the line it describes`);
    markerLines.add(line);
    byLine.set(line + 1, ruleIds.sort());
  });
  return { byLine, markerLines };
}

function rulesByLine(findings: readonly Finding[]): Map<number, string[]> {
  const byLine = new Map<number, string[]>();
  for (const finding of findings) {
    const line = finding.range.start.line;
    byLine.set(line, [...(byLine.get(line) ?? []), finding.ruleId].sort());
  }
  return byLine;
}

/** `line: ids` with one-based lines, in line order: the form assertion diffs are read in. */
function listing(byLine: ReadonlyMap<number, readonly string[]>): string[] {
  return [...byLine].sort(([a], [b]) => a - b).map(([line, ruleIds]) => `${line + 1}: ${ruleIds.join(', ')}`);
}

test('broken examples: one file per rule family, and every family of the rule list has one', () => {
  const families = [...new Set(ALL_RULE_META.map((meta) => meta.family))].sort();
  assert.deepEqual(
    EXAMPLES.map((name) => basename(name, '.md')),
    families,
  );
});

for (const name of EXAMPLES) {
  const family = basename(name, '.md');

  test(`broken examples: ${name} has exactly the findings marked in it, all of the ${family} family`, () => {
    const text = read(name);
    const { byLine } = readExpectations(name, text);
    const findings = defaultVersionEngine().check(text).findings;
    assert.ok(findings.length > 0, `${name} shows no mistake`);
    assert.deepEqual(listing(rulesByLine(findings)), listing(byLine), `${name}: the findings (actual) against its expectation comments (expected)`);
    const strangers = findings.filter((finding) => FAMILY_BY_RULE.get(finding.ruleId) !== family);
    assert.deepEqual(strangers.map(describeFinding), [], `${name} should show only ${family} rules`);
  });

  test(`broken examples: the expectation comments of ${name} change no finding`, () => {
    const text = read(name);
    const { markerLines } = readExpectations(name, text);
    // Without the comments, every finding is the same, on the same line of the original.
    const kept = splitLines(text)
      .map((content, line) => ({ content, line }))
      .filter(({ line }) => !markerLines.has(line));
    const stripped = kept.map(({ content }) => content).join('\n');
    const describe = (finding: Finding, mapLine: (line: number) => number) => {
      const { start, end } = finding.range;
      const range = { start: { ...start, line: mapLine(start.line) }, end: { ...end, line: mapLine(end.line) } };
      // Messages may cite other lines ("the first is on line 21"): those move with the comments.
      return `${formatRange(range)} ${finding.severity} ${finding.ruleId} ${finding.message.replace(/\bline \d+/g, 'line #')}`;
    };
    const withComments = defaultVersionEngine()
      .check(text)
      .findings.map((finding) => describe(finding, (line) => line));
    const withoutComments = defaultVersionEngine()
      .check(stripped)
      .findings.map((finding) => describe(finding, (line) => kept[line].line));
    assert.deepEqual(withComments, withoutComments);
  });
}

test('broken examples: no finding depends on the day the check runs', () => {
  const later = new ReportEngine({
    schema: createBundledReportSchema(),
    catalog: loadBundledCatalog(),
    bundledCatalog: loadBundledCatalog,
    now: () => new Date('2100-01-01T00:00:00Z'),
  });
  for (const name of EXAMPLES) {
    const text = read(name);
    assert.deepEqual(later.check(text).findings.map(describeFinding), defaultVersionEngine().check(text).findings.map(describeFinding), name);
  }
});
