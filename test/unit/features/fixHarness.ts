import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReportEngine } from '../../../server/src/engine/engine';
import { codeActions } from '../../../server/src/engine/features/codeActions';
import type { FeatureContext, QuickFix, TextEdit } from '../../../server/src/engine/features/featureTypes';
import { LineIndex } from '../../../server/src/engine/text/lineIndex';
import type { Finding } from '../../../server/src/engine/types';
import { describeFinding, engine, projectRoot, TEST_NOW } from '../../helpers';

/** Helpers of the quick-fix tests: apply edits, check a report, apply one fix and compare findings. */
export const northwindText = (): string => readFileSync(join(projectRoot(), 'examples', 'northwind-ransomware-intrusion.md'), 'utf8');

export function replaceOnce(text: string, find: string | RegExp, replacement: string): string {
  const changed = text.replace(find, replacement);
  assert.notEqual(changed, text, `text has no '${String(find)}'`);
  return changed;
}

/** Applies LSP edits from last to first, at the offsets of the text's own line table; refuses overlapping edits. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = new LineIndex(text);
  const located = edits
    .map((edit) => ({ start: lines.offsetAt(edit.range.start), end: lines.offsetAt(edit.range.end), newText: edit.newText }))
    .sort((a, b) => b.start - a.start || b.end - a.end);
  located.forEach((edit, index) => {
    assert.ok(edit.start <= edit.end, 'reversed edit');
    if (index > 0) assert.ok(edit.end <= located[index - 1].start, 'overlapping edits');
  });
  return located.reduce((result, edit) => result.slice(0, edit.start) + edit.newText + result.slice(edit.end), text);
}

export interface Checked {
  text: string;
  context: FeatureContext;
  findings: Finding[];
}

export function checked(text: string, checker: ReportEngine = engine()): Checked {
  const { model, findings } = checker.check(text);
  return { text, context: { model, spec: checker.schema.spec, catalog: checker.catalog, now: TEST_NOW }, findings };
}

export const key = (finding: Finding) => `${finding.severity} ${finding.ruleId} ${finding.message}`;
export const titles = (fixes: readonly QuickFix[]) => fixes.map((fix) => fix.title);

/** The text outside the edited span is unchanged: same prefix before the first edit, same suffix after the last. */
export function assertOutsideUnchanged(before: string, after: string, edits: readonly TextEdit[]): void {
  const lines = new LineIndex(before);
  const first = Math.min(...edits.map((edit) => lines.offsetAt(edit.range.start)));
  const last = Math.max(...edits.map((edit) => lines.offsetAt(edit.range.end)));
  assert.ok(after.startsWith(before.slice(0, first)), 'text before the first edit changed');
  assert.ok(after.endsWith(before.slice(last)), 'text after the last edit changed');
}

export interface Applied {
  fix: QuickFix;
  text: string;
  before: Finding[];
  after: Finding[];
  offered: QuickFix[];
}

/**
 * Finds the finding, asks for code actions at its range, applies the fix titled `title`, and re-checks.
 * Asserts (a) the finding is gone, (b) no error appears that was not there, (c) the text outside the
 * edits is unchanged, and returns the rest for case-specific checks.
 */
export function applyFix(
  text: string,
  ruleId: string,
  title: string,
  options: { match?: (finding: Finding) => boolean; checker?: ReportEngine; allowNewErrors?: boolean } = {},
): Applied {
  const start = checked(text, options.checker);
  const finding = start.findings.find((candidate) => candidate.ruleId === ruleId && (options.match?.(candidate) ?? true));
  assert.ok(finding, `no ${ruleId} finding in:\n${start.findings.map(describeFinding).join('\n')}`);
  const offered = codeActions(start.context, start.findings, finding.range);
  const fix = offered.find((candidate) => candidate.title === title);
  assert.ok(fix, `no fix '${title}' among ${JSON.stringify(titles(offered))}`);
  assert.ok(fix.fixes.includes(finding), 'the fix names the finding it resolves');
  assert.equal(fix.kind, 'quickfix');
  const after = applyEdits(text, fix.edits);
  const end = checked(after, options.checker).findings;
  assert.ok(!end.some((candidate) => key(candidate) === key(finding)), `still there: ${describeFinding(finding)}`);
  const errorsBefore = new Set(start.findings.filter((candidate) => candidate.severity === 'error').map(key));
  if (!options.allowNewErrors)
    assert.deepEqual(end.filter((candidate) => candidate.severity === 'error' && !errorsBefore.has(key(candidate))).map(describeFinding), [], 'new errors');
  assertOutsideUnchanged(text, after, fix.edits);
  return { fix, text: after, before: start.findings, after: end, offered };
}

/**
 * The findings after a fix are the ones before it, less those it resolved (ranges aside: lines may shift),
 * plus the placeholder findings of the `[TODO: …]` holes it inserted.
 */
export function assertOnlyResolvedGone(applied: Applied): void {
  const resolved = new Set(applied.fix.fixes.map(key));
  const expected = applied.before.filter((finding) => !resolved.has(key(finding))).map(key);
  const inserted = (finding: Finding) =>
    finding.ruleId === 'placeholder' && finding.message.startsWith("Placeholder '[TODO: ") && !applied.before.some((other) => key(other) === key(finding));
  assert.deepEqual(
    applied.after
      .filter((finding) => !inserted(finding))
      .map(key)
      .sort(),
    expected.sort(),
  );
}

export const withoutSection = (text: string, heading: string): string => {
  const start = text.indexOf(`## ${heading}\n`);
  assert.ok(start >= 0, `no section ${heading}`);
  const next = text.indexOf('\n## ', start + 1);
  return next < 0 ? text.slice(0, start) : text.slice(0, start) + text.slice(next + 1);
};

/** The findings other than the placeholder ones: what remains once an inserted `[TODO: …]` hole is filled in. */
export const withoutPlaceholders = (findings: readonly Finding[]): Finding[] => findings.filter((finding) => finding.ruleId !== 'placeholder');
