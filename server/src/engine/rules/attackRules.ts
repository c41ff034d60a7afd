import type { AttackCatalog } from '../attack/catalog';
import type { TacticData, TechniqueData } from '../attack/catalogTypes';
import { findTechniqueMentions, type TechniqueMention } from '../attack/techniqueMentions';
import type { Field } from '../model/modelTypes';
import type { Range } from '../types';
import { memoizeString } from '../text/memo';
import type { Rule, RuleContext, RuleMeta } from './ruleTypes';

export const attackRuleMeta: readonly RuleMeta[] = [
  { id: 'attack-tactic-unknown', family: 'attack', defaultSeverity: 'error', summary: 'An Attack Methodology row names something that is not an ATT&CK tactic.' },
  { id: 'attack-tactic-empty', family: 'attack', defaultSeverity: 'warning', summary: 'An Attack Methodology row has no value: write N/A or the techniques used.' },
  { id: 'attack-technique-malformed', family: 'attack', defaultSeverity: 'error', summary: 'A technique ID that does not have the form T1234 or T1234.001.' },
  { id: 'attack-technique-unknown', family: 'attack', defaultSeverity: 'error', summary: 'A technique or sub-technique ID that does not exist in the ATT&CK version in use.' },
  { id: 'attack-technique-revoked', family: 'attack', defaultSeverity: 'warning', summary: 'A technique ATT&CK has revoked; the message names its replacement.' },
  { id: 'attack-technique-deprecated', family: 'attack', defaultSeverity: 'warning', summary: 'A technique ATT&CK has deprecated.' },
  { id: 'attack-technique-tactic', family: 'attack', defaultSeverity: 'warning', summary: 'A technique listed under a tactic it does not belong to.' },
  { id: 'attack-technique-name', family: 'attack', defaultSeverity: 'warning', summary: "A technique ID followed by a name that is not the technique's ATT&CK name." },
];

/** ATT&CK checks: tactic rows of the Attack Methodology section, and technique IDs anywhere in the report. */
export const attackRule: Rule = {
  meta: attackRuleMeta,
  check(context: RuleContext) {
    const { model, spec } = context;
    const methodologyLines = new Set<number>();
    for (const section of model.sections) {
      if (spec.findSection(section.heading.text)?.kind !== 'attack-tactics') continue;
      for (const field of section.fields) {
        for (let line = field.range.start.line; line <= field.range.end.line; line++) methodologyLines.add(line);
        checkTacticRow(context, field);
      }
    }
    // Technique IDs elsewhere (timeline vectors, prose) must exist and be current too.
    for (let line = 0; line < model.lines.lineCount; line++) {
      if (methodologyLines.has(line) || model.verbatimLines.has(line)) continue;
      for (const mention of findTechniqueMentions(model.lines.lineText(line))) {
        if (mention.wellFormed) checkMention(context, mention, line, undefined);
      }
    }
  },
};

const NOT_APPLICABLE = /^(?:n\/?a|none|not applicable|-|—)\.?$/i;

function checkTacticRow(context: RuleContext, field: Field): void {
  const { catalog } = context;
  const tactic = catalog.findTactic(field.key);
  if (!tactic) {
    const renamed = renamedTactic(context, field.key);
    const suggestions = renamed ? [] : catalog.suggestTactics(field.key);
    const hint = renamed
      ? `; in ATT&CK v${renamed.referenceVersion} it was ${renamed.id}, which v${catalog.version} calls '${renamed.name}'`
      : suggestions.length > 0 ? `; did you mean ${suggestions.map((s) => `'${s.name}'`).join(' or ')}?` : '';
    context.report('attack-tactic-unknown', field.keyRange, `'${field.key}' is not a tactic in ATT&CK v${catalog.version}${hint}`,
      renamed ? { suggestions: [renamed.name], renamed: true } : { suggestions: suggestions.map((s) => s.name) });
  }
  if (field.value === '') {
    context.report('attack-tactic-empty', field.keyRange, `Tactic '${field.key}' has no value: write N/A or the techniques used`);
    return;
  }
  if (NOT_APPLICABLE.test(field.value)) return;
  const lines = context.model.lines;
  for (let line = field.valueRange.start.line; line <= field.valueRange.end.line; line++) {
    const text = lines.lineText(line);
    const from = line === field.valueRange.start.line ? field.valueRange.start.character : 0;
    for (const mention of findTechniqueMentions(text)) {
      if (mention.start >= from) checkMention(context, mention, line, tactic);
    }
  }
}

/** A tactic of the bundled ATT&CK version whose ID the version in use gives another name (v19: TA0005 Stealth). */
function renamedTactic(context: RuleContext, key: string): { id: string; name: string; referenceVersion: string } | undefined {
  const previous = context.referenceCatalog?.findTactic(key);
  const current = previous ? context.catalog.tacticById(previous.id) : undefined;
  return previous && current && current.name !== previous.name
    ? { id: previous.id, name: current.name, referenceVersion: context.referenceCatalog!.version }
    : undefined;
}

function checkMention(context: RuleContext, mention: TechniqueMention, line: number, rowTactic: TacticData | undefined): void {
  const { catalog } = context;
  const version = `ATT&CK v${catalog.version}`;
  const range = lineRange(line, mention.start, mention.end);
  if (!mention.wellFormed) {
    context.report('attack-technique-malformed', range, `'${mention.id}' is not a valid technique ID: IDs look like T1566 or T1566.001`);
    return;
  }
  const technique = catalog.technique(mention.id);
  if (!technique) {
    const parent = mention.id.includes('.') ? catalog.technique(mention.id.split('.')[0]) : undefined;
    const message = parent
      ? `${mention.id} is not a sub-technique of ${parent.id} (${parent.name}) in ${version}`
      : `${mention.id} is not a technique in ${version}`;
    context.report('attack-technique-unknown', range, message);
    return;
  }
  if (technique.revoked) {
    const replacement = catalog.replacementOf(technique.id);
    const advice = replacement ? `; use ${replacement.id} (${replacement.name}) instead` : '';
    context.report('attack-technique-revoked', range, `${technique.id} (${technique.name}) was revoked in ${version}${advice}`,
      replacement ? { replacement: replacement.id, replacementName: replacement.name } : undefined);
    return;
  }
  if (technique.deprecated) {
    context.report('attack-technique-deprecated', range, `${technique.id} (${technique.name}) is deprecated in ${version} and should not be used`);
  }
  if (rowTactic && !technique.tactics.includes(rowTactic.id)) {
    const belongs = catalog.tacticsOfTechnique(technique.id).map((tactic) => tactic.name);
    context.report('attack-technique-tactic', range,
      `${technique.id} (${technique.name}) is not part of the ${rowTactic.name} tactic; it belongs to ${belongs.join(', ') || 'no tactic'}`,
      { tactics: belongs });
  }
  if (mention.name) checkWrittenName(context, technique, mention.name, line);
}

/** Compares letters and digits only, so "Spear-phishing attachment" matches "Spearphishing Attachment". */
const squash = memoizeString((text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ''));

function checkWrittenName(context: RuleContext, technique: TechniqueData, written: { text: string; start: number; end: number }, line: number): void {
  // Only a capitalised phrase reads as a technique name ("T1059 via PowerShell" is prose).
  if (!/^\p{Lu}/u.test(written.text)) return;
  const { catalog } = context;
  const parent = technique.parent ? catalog.technique(technique.parent) : undefined;
  const accepted = [technique.name, ...(parent ? [`${parent.name}: ${technique.name}`, `${parent.name} ${technique.name}`] : [])].map(squash);
  const writtenKey = squash(written.text);
  // The written text may go on after the name ("Valid Accounts used by ...") or shorten it.
  if (accepted.some((name) => writtenKey.startsWith(name) || name.startsWith(writtenKey))) return;
  const intended = closestByName(catalog, written.text);
  const hint = intended && intended.id !== technique.id ? `; '${intended.name}' is ${intended.id}` : '';
  context.report('attack-technique-name', lineRange(line, written.start, written.end),
    `${technique.id} is '${technique.name}' in ATT&CK v${catalog.version}, not '${written.text}'${hint}`,
    { expectedName: technique.name, ...(intended && intended.id !== technique.id ? { intendedId: intended.id } : {}) });
}

function closestByName(catalog: AttackCatalog, written: string): TechniqueData | undefined {
  const writtenKey = squash(written);
  return catalog.searchTechniques(written, { limit: 5 }).find((candidate) => writtenKey.startsWith(squash(candidate.name)));
}

function lineRange(line: number, start: number, end: number): Range {
  return { start: { line, character: start }, end: { line, character: end } };
}
