import { methodologyRows, rowMentions } from '../queries/methodologyRows';
import { findTechniqueMentions, type TechniqueMention } from '../attack/techniqueMentions';
import { indicatorsOf } from '../queries/iocQueries';
import type { Finding } from '../types';
import { migrateAttack } from './attackMigrationFixes';
import { addField, addSection, headingLevel, moveSection } from './structureFixes';
import { fixTacticId, renameHeading, renameKey } from './renameFixes';
import type { QuickFix } from './featureTypes';
import { quickFix, rangeKey, remember, replaceRange, textAt, type FixEnv } from './fixEdits';

/** The quick fixes for one finding; the preferred one (if any) is the fix `fixAll` may apply. */
export type FixBuilder = (env: FixEnv, finding: Finding) => QuickFix[];

const stringData = (finding: Finding, key: string): string | undefined => {
  const value = finding.data?.[key];
  return typeof value === 'string' ? value : undefined;
};

/** Letters and digits only, lower case: "Spear-phishing attachment" and "Spearphishing Attachment" agree. */
const squash = (text: string): string => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

function defang(env: FixEnv, finding: Finding): QuickFix[] {
  const live = remember(
    env,
    'live indicators',
    () =>
      new Map(
        indicatorsOf(env.model, env.spec)
          .filter((candidate) => candidate.defanged !== candidate.ioc.text)
          .map((candidate) => [rangeKey(candidate.range), candidate]),
      ),
  );
  const target = live.get(rangeKey(finding.range));
  if (!target) return [];
  const fixes = [quickFix(`Defang '${target.ioc.text}'`, [replaceRange(target.range, target.defanged)], [finding], true)];
  if (live.size > 1) {
    // The edits are what defangAllEdits(model, spec) returns, without scanning the section a second time.
    fixes.push(
      remember(env, 'defang all', () =>
        quickFix(
          'Defang all indicators in this file',
          [...live.values()].map((candidate) => replaceRange(candidate.range, candidate.defanged)),
          env.findings.filter((other) => other.ruleId.startsWith('ioc-live') && live.has(rangeKey(other.range))),
        ),
      ),
    );
  }
  return fixes;
}

function replaceRevoked(env: FixEnv, finding: Finding): QuickFix[] {
  const { model, catalog } = env;
  const technique = catalog.technique(textAt(model, finding.range));
  const replacement = technique?.revoked ? catalog.replacementOf(technique.id) : undefined;
  if (!technique || !replacement) return [];
  const edits = [replaceRange(finding.range, replacement.id)];
  const { line, character } = finding.range.start;
  const written = mentionsOn(env, line).byStart.get(character)?.name;
  // The revoked technique's own name goes with it; any other words stay.
  if (written && squash(technique.name) !== squash(replacement.name)) {
    const length =
      squash(written.text) === squash(technique.name)
        ? written.text.length
        : written.text.toLowerCase().startsWith(technique.name.toLowerCase())
          ? technique.name.length
          : 0;
    if (length > 0) edits.push(replaceRange({ start: { line, character: written.start }, end: { line, character: written.start + length } }, replacement.name));
  }
  return [quickFix(`Replace ${technique.id} with ${replacement.id} (${replacement.name})`, edits, [finding], true)];
}

function changeTactic(env: FixEnv, finding: Finding): QuickFix[] {
  const written = textAt(env.model, finding.range);
  if (written.trim() === '' || env.catalog.findTactic(written)) return [];
  // A tactic renamed between ATT&CK versions is a suggestion, never applied by Fix All: the old tactic
  // may have been split (v19: Defense Evasion into Stealth and Defense Impairment).
  if (finding.data?.renamed === true) {
    const names = Array.isArray(finding.data.suggestions) ? finding.data.suggestions.filter((name): name is string => typeof name === 'string') : [];
    return names.map((name) => quickFix(`Change to '${name}'`, [replaceRange(finding.range, name)], [finding], false));
  }
  const suggestions = env.catalog.suggestTactics(written);
  return suggestions.map((tactic) => quickFix(`Change to '${tactic.name}'`, [replaceRange(finding.range, tactic.name)], [finding], suggestions.length === 1));
}

function fixTechniqueName(env: FixEnv, finding: Finding): QuickFix[] {
  const { catalog } = env;
  const { line, character } = finding.range.start;
  // A name in a cell of its own (`| T1095 | Encrypted Channel |`) belongs to the ID of its table row.
  const named = mentionsOn(env, line).byNameStart.get(character) ?? rowMentionNamedAt(env, line, character);
  // The finding covers the written name, or its start: the name before a description ("Spearphising Attachment" of
  // "…: invoice.docm mailed"), or words that make another technique's name.
  const mention = named?.name && finding.range.end.character <= named.name.end ? named : undefined;
  const technique = mention && catalog.technique(mention.id);
  if (!mention || !technique || finding.range.end.line !== line) return [];
  const fixes = [quickFix(`Change the name to '${technique.name}'`, [replaceRange(finding.range, technique.name)], [finding], true)];
  const intendedId = stringData(finding, 'intendedId');
  const intended = intendedId === undefined ? undefined : catalog.technique(intendedId);
  if (intended && !intended.revoked && intended.id !== technique.id) {
    const idRange = { start: { line, character: mention.start }, end: { line, character: mention.end } };
    fixes.push(quickFix(`Change the ID to ${intended.id}`, [replaceRange(idRange, intended.id)], [finding]));
  }
  return fixes;
}

/** A name the row reads beside its ID and the line alone does not: in a cell of its own, or after a bold ID under a heading (`**T1078** Valid Accounts`). */
function rowMentionNamedAt(env: FixEnv, line: number, character: number): TechniqueMention | undefined {
  for (const section of env.model.sections) {
    const sectionSpec = env.spec.sectionOf(section);
    if (sectionSpec?.kind !== 'attack-tactics') continue;
    const row = methodologyRows(section, sectionSpec).find(
      (candidate) => (candidate.table || candidate.heading) && candidate.range.start.line <= line && line <= candidate.range.end.line,
    );
    if (row) return rowMentions(env.model.lines, row).find((found) => found.line === line && found.mention.name?.start === character)?.mention;
  }
  return undefined;
}

/**
 * The technique mentions on a line, by where the ID starts and where the name starts: scanned once per
 * line and request, so n findings on one line cost n, not n².
 */
function mentionsOn(env: FixEnv, line: number): { byStart: Map<number, TechniqueMention>; byNameStart: Map<number, TechniqueMention> } {
  return remember(env, `technique mentions ${line}`, () => {
    const mentions = findTechniqueMentions(env.model.lines.lineText(line));
    return {
      byStart: new Map(mentions.map((mention) => [mention.start, mention])),
      byNameStart: new Map(mentions.flatMap((mention) => (mention.name ? [[mention.name.start, mention] as const] : []))),
    };
  });
}

/** A misspelt rule id in a control comment: the suggestion the rule made, in place of the id. */
function fixRuleId(env: FixEnv, finding: Finding): QuickFix[] {
  const ruleId = stringData(finding, 'ruleId');
  const suggestion = stringData(finding, 'suggestion');
  if (!ruleId || !suggestion || finding.range.start.line !== finding.range.end.line) return [];
  const escaped = ruleId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`(?<=[\\s,])${escaped}(?=[\\s,]|-->)`).exec(textAt(env.model, finding.range));
  if (!match) return [];
  const { line, character } = finding.range.start;
  const range = { start: { line, character: character + match.index }, end: { line, character: character + match.index + ruleId.length } };
  return [quickFix(`Change to '${suggestion}'`, [replaceRange(range, suggestion)], [finding], true)];
}

export const FIX_BUILDERS: Readonly<Record<string, FixBuilder>> = {
  // A typo of a section's or field's name is renamed, not added a second time.
  'section-missing': (env, finding) => (finding.data?.suggestion === undefined ? addSection(env, finding) : renameHeading(env, finding)),
  'section-unknown': renameHeading,
  'field-missing': (env, finding) => (finding.data?.suggestion === undefined ? addField(env, finding) : renameKey(env, finding)),
  'heading-level': headingLevel,
  'section-order': moveSection,
  'ioc-live': defang,
  'ioc-live-prose': defang,
  'ioc-live-reserved': defang,
  'attack-technique-revoked': replaceRevoked,
  'attack-tactic-unknown': changeTactic,
  'attack-tactic-id-mismatch': fixTacticId,
  'attack-technique-name': fixTechniqueName,
  'attack-migration': migrateAttack,
  'suppression-unknown-rule': fixRuleId,
};

/** Rules whose preferred fix changes no content decision: what "fix all" applies. */
export const SAFE_RULES: ReadonlySet<string> = new Set([
  'ioc-live',
  'attack-technique-revoked',
  'attack-technique-name',
  'attack-migration',
  'attack-tactic-unknown',
  'heading-level',
]);
