import { templateStyleOf } from '../templates/templateStyle';
import type { LineIndex } from '../text/lineIndex';
import { comparePositions, type Finding, type Range } from '../types';
import { NOT_CANCELLED, type Cancellation, type FeatureContext, type QuickFix, type TextEdit } from './featureTypes';
import { FIX_BUILDERS, SAFE_RULES } from './fixBuilders';
import { disableFix } from './disableFixes';
import { lineBreakOf, rangeKey, type FixEnv } from './fixEdits';

/**
 * Quick fixes for the findings that intersect `range` (the client's diagnostics: the engine's findings,
 * with their data), each followed by a "Disable <rule> for this line" fix. Every fix is computed on
 * `context.model`, the current text: a finding whose range no longer shows what it reported gets no fix
 * but the disable one. Fixes come first, disable fixes after them; identical fixes are merged.
 */
export function codeActions(context: FeatureContext, findings: readonly Finding[], range: Range, token: Cancellation = NOT_CANCELLED): QuickFix[] {
  if (token.isCancellationRequested) return [];
  const env = fixEnv(context, findings);
  const fixes: QuickFix[] = [];
  const disables: QuickFix[] = [];
  const seen = new Map<string | QuickFix, { fix: QuickFix; resolves: Set<Finding> }>();
  for (const finding of findings) {
    if (!intersects(finding.range, range)) continue;
    if (token.isCancellationRequested) return [];
    for (const fix of FIX_BUILDERS[finding.ruleId]?.(env, finding) ?? []) addOrMerge(fixes, seen, fix);
    const disable = disableFix(env, finding);
    if (disable) addOrMerge(disables, seen, disable);
  }
  return token.isCancellationRequested ? [] : [...fixes, ...disables];
}

/**
 * "Fix all": the preferred fix of every finding of a safe rule (defang, revoked technique, technique
 * name, a tactic with one suggestion, heading level), skipping any fix whose edits would touch an edit
 * already taken. Never adds sections or fields: those are the writer's content decisions. A finding with
 * another fix that is an alternative to the preferred one (a technique's ID and name disagree: "Change
 * the name" or "Change the ID") is a guess and is left alone; a fix that only does more of the same
 * ("Defang all", holding the preferred fix's edits) is no alternative.
 */
export function fixAll(context: FeatureContext, findings: readonly Finding[], token: Cancellation = NOT_CANCELLED): QuickFix | undefined {
  if (token.isCancellationRequested) return undefined;
  const env = fixEnv(context, findings);
  const taken = new TakenEdits(context.model.lines);
  const fixed = new Set<Finding>();
  for (const finding of findings) {
    if (token.isCancellationRequested) return undefined;
    if (!SAFE_RULES.has(finding.ruleId)) continue;
    const offered = FIX_BUILDERS[finding.ruleId]?.(env, finding) ?? [];
    const fix = offered.find((candidate) => candidate.isPreferred);
    if (!fix || fix.edits.length === 0 || offered.some((other) => other !== fix && !holdsEdits(other, fix))) continue;
    if (!taken.add(fix.edits)) continue;
    for (const resolved of fix.fixes) fixed.add(resolved);
  }
  if (taken.edits.length === 0 || token.isCancellationRequested) return undefined;
  const edits = [...taken.edits].sort((a, b) => comparePositions(a.range.start, b.range.start));
  return { title: 'Fix all safe increport problems', kind: 'source.fixAll', edits, fixes: [...fixed] };
}

/** Whether `fix` makes every edit of `other` (and perhaps more): "Defang all" holds "Defang 'x'". */
function holdsEdits(fix: QuickFix, other: QuickFix): boolean {
  const keys = new Set(fix.edits.map((edit) => `${rangeKey(edit.range)}\u0000${edit.newText}`));
  return other.edits.every((edit) => keys.has(`${rangeKey(edit.range)}\u0000${edit.newText}`));
}

/** The edits taken so far, as offset intervals sorted by start: a fix is taken whole, or not at all. */
class TakenEdits {
  readonly edits: TextEdit[] = [];
  private readonly intervals: { start: number; end: number; edit: TextEdit }[] = [];

  constructor(private readonly lines: LineIndex) {}

  /**
   * Takes the fix's edits unless one touches an edit taken before (closed intervals: meeting at a point
   * counts). An edit identical to one taken is not taken twice. Taken intervals never touch, so they are
   * sorted by end as well as by start: only the two around the new start can touch it.
   */
  add(edits: readonly TextEdit[]): boolean {
    const fresh: { start: number; end: number; edit: TextEdit }[] = [];
    for (const edit of edits) {
      const interval = { start: this.lines.offsetAt(edit.range.start), end: this.lines.offsetAt(edit.range.end), edit };
      const index = this.indexAfter(interval.start);
      const previous = this.intervals[index - 1] as typeof interval | undefined;
      const next = this.intervals[index] as typeof interval | undefined;
      if (previous && previous.start === interval.start && previous.end === interval.end && previous.edit.newText === edit.newText) continue;
      if ((previous && previous.end >= interval.start) || (next && next.start <= interval.end)) return false;
      fresh.push(interval);
    }
    for (const interval of fresh) {
      this.intervals.splice(this.indexAfter(interval.start), 0, interval);
      this.edits.push(interval.edit);
    }
    return true;
  }

  /** Index of the first interval that starts after `offset`. */
  private indexAfter(offset: number): number {
    let low = 0;
    let high = this.intervals.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.intervals[middle].start <= offset) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}

function fixEnv(context: FeatureContext, findings: readonly Finding[]): FixEnv {
  const { model, spec, catalog, now } = context;
  const today = now.toISOString().slice(0, 10);
  return { model, spec, catalog, today, style: templateStyleOf(context.config), eol: lineBreakOf(model.lines.text), findings, memo: new Map() };
}

/** Closed ranges: a cursor just after a finding's last character still gets its fixes. */
function intersects(a: Range, b: Range): boolean {
  return comparePositions(a.start, b.end) <= 0 && comparePositions(b.start, a.end) <= 0;
}

/**
 * The same fix offered for two findings (e.g. "Defang all") is listed once, resolving both. `seen` maps
 * each fix object and each fix's identity (title and edits) to the fix listed, with the findings it
 * resolves as a set, so merging stays linear in the findings.
 */
function addOrMerge(list: QuickFix[], seen: Map<string | QuickFix, { fix: QuickFix; resolves: Set<Finding> }>, fix: QuickFix): void {
  if (seen.has(fix)) return; // a fix object shared by the findings of a request (e.g. "Defang all")
  const identity = `${fix.title}\u0000${fix.edits.map((edit) => `${rangeKey(edit.range)}\u0000${edit.newText}`).join('\u0000')}`;
  const same = seen.get(identity);
  if (!same) {
    const entry = { fix, resolves: new Set(fix.fixes) };
    seen.set(fix, entry);
    seen.set(identity, entry);
    list.push(fix);
    return;
  }
  seen.set(fix, same);
  for (const finding of fix.fixes) {
    if (same.resolves.has(finding)) continue;
    same.resolves.add(finding);
    same.fix.fixes.push(finding);
  }
}
