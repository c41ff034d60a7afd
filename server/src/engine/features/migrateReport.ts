/**
 * `increport migrate`: a report written for the previous ATT&CK release carried to the one in use, by the
 * same preferred quick fixes of `attack-migration` findings that Fix All applies in the editor, repeated
 * until nothing safe is left (a legacy row is moved first; its revoked IDs are replaced as they move). What
 * needs the writer's choice (a technique that now belongs to several tactics) is left and listed.
 */
import type { AnalysedReport } from '../analysedReport';
import { ATTACK_VERSION_KEY } from '../engine';
import { buildModel } from '../model/buildModel';
import { LineIndex } from '../text/lineIndex';
import type { Finding } from '../types';
import { fixAll } from './codeActions';
import type { TextEdit } from './featureTypes';

export type MigrationKind = 'legacy-tactic' | 'revoked' | 'renamed' | 'moved';
export const MIGRATION_KINDS: readonly MigrationKind[] = ['legacy-tactic', 'revoked', 'renamed', 'moved'];

export interface MigrationOutcome {
  text: string;
  /** Findings resolved, by kind. */
  applied: Record<MigrationKind, number>;
  /** `attack-migration` findings with no safe fix, in the migrated text. */
  left: Finding[];
  /** Whether the front matter's `attack:` was set to the target version. */
  versionChanged: boolean;
}

/** At most this many rounds: each round's edits do not overlap; a legacy row and the IDs in it take two. */
const MAX_ROUNDS = 4;

/**
 * Migrates `text` to `version` (a bundled release). `analyse` checks a text against that version whatever
 * the configuration says (the CLI passes the workspace's analyse with the version forced).
 */
export function migrateReport(text: string, version: string, analyse: (text: string) => AnalysedReport): MigrationOutcome {
  const applied: Record<MigrationKind, number> = { 'legacy-tactic': 0, revoked: 0, renamed: 0, moved: 0 };
  const declared = withDeclaredVersion(text, version);
  let current = declared;
  let left: Finding[] = [];
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const report = analyse(current);
    left = report.findings.filter((finding) => finding.ruleId === 'attack-migration');
    if (left.length === 0) break;
    const fix = fixAll(report, left);
    if (!fix) break;
    for (const finding of fix.fixes) {
      const kind = finding.data?.kind;
      if (typeof kind === 'string' && kind in applied) applied[kind as MigrationKind]++;
    }
    current = applyEdits(current, fix.edits);
    if (round === MAX_ROUNDS - 1) left = analyse(current).findings.filter((finding) => finding.ruleId === 'attack-migration');
  }
  return { text: current, applied, left, versionChanged: declared !== text };
}

/** The text with its front matter's `attack:` value (if any) set to `version`. */
function withDeclaredVersion(text: string, version: string): string {
  const model = buildModel(text);
  const entry = model.frontMatter?.entries.find((candidate) => candidate.key === ATTACK_VERSION_KEY);
  if (!entry) return text;
  return applyEdits(text, [{ range: entry.valueRange, newText: `v${version}` }]);
}

/** Non-overlapping edits applied from the end, so earlier offsets stay valid. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = new LineIndex(text);
  const sorted = edits
    .map((edit) => ({ start: lines.offsetAt(edit.range.start), end: lines.offsetAt(edit.range.end), newText: edit.newText }))
    .sort((a, b) => b.start - a.start);
  let result = text;
  for (const edit of sorted) result = result.slice(0, edit.start) + edit.newText + result.slice(edit.end);
  return result;
}
