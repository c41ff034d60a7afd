import type { AttackCatalog, LegacyTactic } from '../attack/catalog';
import type { LegacyTechniqueData, TacticData, TechniqueData } from '../attack/catalogTypes';
import { BUNDLED_ATTACK_VERSIONS } from '../attack/versions';
import { findTechniqueMentions, type TechniqueMention } from '../attack/techniqueMentions';
import type { ContentContainer, Field } from '../model/modelTypes';
import { isTacticless } from '../queries/attackQueries';
import { continuesTactic, coveredSpans, methodologyRows, rowMentions, type MethodologyRow } from '../queries/methodologyRows';
import { isDigitAt } from '../text/chars';
import type { Range } from '../types';
import type { Rule, RuleContext, RuleMeta } from './ruleTypes';
import { NameHints, checkWrittenName } from './techniqueNames';
import { TechniqueUse, linesOf } from './techniqueUse';

export const attackRuleMeta: readonly RuleMeta[] = [
  {
    id: 'attack-tactic-unknown',
    family: 'attack',
    defaultSeverity: 'error',
    summary: 'An Attack Methodology row names something that is not an ATT&CK tactic.',
  },
  {
    id: 'attack-tactic-id-mismatch',
    family: 'attack',
    defaultSeverity: 'warning',
    summary: "An Attack Methodology key writes a tactic's name with another tactic's ID, e.g. 'Initial Access (TA0002)'.",
  },
  {
    id: 'attack-tactic-empty',
    family: 'attack',
    defaultSeverity: 'warning',
    summary: 'An Attack Methodology row has no value: write N/A or the techniques used.',
  },
  { id: 'attack-technique-malformed', family: 'attack', defaultSeverity: 'error', summary: 'A technique ID that does not have the form T1234 or T1234.001.' },
  {
    id: 'attack-technique-unknown',
    family: 'attack',
    defaultSeverity: 'error',
    summary: 'A technique or sub-technique ID, used as one, that does not exist in the ATT&CK version in use.',
  },
  {
    id: 'attack-technique-unknown-mention',
    family: 'attack',
    defaultSeverity: 'info',
    summary:
      'An ID shaped like a technique (T1234) that ATT&CK does not have, outside the Attack Methodology and not used as a technique: a ticket or other identifier may stay.',
  },
  {
    id: 'attack-technique-revoked',
    family: 'attack',
    defaultSeverity: 'warning',
    summary: 'A technique ATT&CK has revoked; the message names its replacement.',
  },
  { id: 'attack-technique-deprecated', family: 'attack', defaultSeverity: 'warning', summary: 'A technique ATT&CK has deprecated.' },
  { id: 'attack-technique-tactic', family: 'attack', defaultSeverity: 'warning', summary: 'A technique listed under a tactic it does not belong to.' },
  {
    id: 'attack-technique-name',
    family: 'attack',
    defaultSeverity: 'warning',
    summary: "A technique ID followed by a name that is not the technique's ATT&CK name.",
  },
  {
    id: 'attack-migration',
    family: 'attack',
    defaultSeverity: 'info',
    summary: 'Written for the previous ATT&CK release (v18.1): a renamed tactic, or a technique revoked, renamed or moved since; quick fixes migrate it.',
  },
  {
    id: 'attack-version-unknown',
    family: 'attack',
    defaultSeverity: 'error',
    summary: "The front matter's attack: names an ATT&CK version that is not bundled, or one the configured bundle is not.",
  },
];

/** ATT&CK checks: tactic rows of the Attack Methodology section, and technique IDs anywhere in the report. */
export const attackRule: Rule = {
  meta: attackRuleMeta,
  check(context: RuleContext) {
    const { model, spec } = context;
    const hints = new NameHints(context.catalog);
    const covered = new Map<number, { start: number; end: number }[]>();
    const methodology: Range[] = [];
    const others: ContentContainer[] = [];
    for (const section of model.sections) {
      const sectionSpec = spec.sectionOf(section);
      if (sectionSpec?.kind !== 'attack-tactics') {
        others.push(section, ...section.subsections);
        continue;
      }
      methodology.push(section.range);
      for (const row of methodologyRows(section, sectionSpec)) {
        for (const span of coveredSpans(row)) {
          const spans = covered.get(span.line);
          if (spans) spans.push(span);
          else covered.set(span.line, [span]);
        }
        checkTacticRow(context, row, hints);
      }
    }
    // Technique IDs elsewhere (timeline vectors, prose, table cells that are no technique column) must exist and be current too;
    // outside the Attack Methodology section, an ID ATT&CK does not have is an error only where it is used as a technique.
    const inMethodology = linesOf(model, methodology);
    const use = new TechniqueUse(context, hints, () => others);
    for (let line = 0; line < model.lines.lineCount; line++) {
      if (model.verbatimLines.has(line)) continue;
      const spans = covered.get(line);
      if (spans?.some((span) => span.end === Infinity)) continue;
      const text = model.lines.lineText(line);
      if (spans && startsCovered(text, spans)) continue;
      for (const mention of findTechniqueMentions(text)) {
        if (spans?.some((span) => span.start <= mention.start && mention.end <= span.end)) continue;
        if (!mention.wellFormed) continue;
        if (inMethodology[line] === 0 && !context.catalog.technique(mention.id) && !use.isTechnique(mention, line, text))
          reportUnknownMention(context, mention, line);
        else checkMention(context, mention, line, undefined, hints);
      }
    }
  },
};

/**
 * Whether every `T` and two digits of a line (where any mention starts) lies in a span its row covers (a
 * table row's key and technique cells): a mention starting in a cell ends in it (an ID holds no space nor
 * pipe), so every mention of the line would be skipped, and the line need not be read for mentions again.
 */
function startsCovered(text: string, spans: readonly { start: number; end: number }[]): boolean {
  for (let at = text.indexOf('T'); at >= 0; at = text.indexOf('T', at + 1)) {
    if (!isDigitAt(text, at + 1) || !isDigitAt(text, at + 2)) continue;
    let inSpan = false;
    for (const span of spans) if (span.start <= at && at + 3 <= span.end) inSpan = true;
    if (!inSpan) return false;
  }
  return true;
}

/** An ID ATT&CK does not have, not used as a technique (a ticket, a case, a part number): noted, not an error. */
function reportUnknownMention(context: RuleContext, mention: TechniqueMention, line: number): void {
  context.report(
    'attack-technique-unknown-mention',
    lineRange(line, mention.start, mention.end),
    `${mention.id} was read as a technique ID, but ATT&CK v${context.catalog.version} has no technique ${mention.id}: a ticket or other identifier may stay as it is; a technique needs its correct ID`,
  );
}

const NOT_APPLICABLE = /^(?:n\/?a|none|not applicable|-|—)\.?$/i;

/** The tactic an Attack Methodology row names: one of the version in use, or a previous release's (legacy) one. */
interface RowTactic {
  tactic?: TacticData;
  legacy?: LegacyTactic;
}

function checkTacticRow(context: RuleContext, row: MethodologyRow, hints: NameHints): void {
  const { catalog } = context;
  // A table without a tactic column, or a heading that is no tactic, names none; a row continuing the
  // tactic above (a table's empty tactic cell, a heading's later bullets) was checked at the first.
  const tacticless = isTacticless(catalog, row);
  const tactic = tacticless ? undefined : catalog.findTactic(row.key);
  const legacy = tactic || tacticless ? undefined : catalog.legacyTactic(row.key);
  const conflict = tactic || legacy || tacticless ? undefined : catalog.tacticIdConflict(row.key);
  if (!continuesTactic(row) && !tacticless) {
    if (legacy) reportLegacyTactic(context, row, legacy);
    else if (conflict) reportIdConflict(context, row, conflict);
    else if (!tactic) reportUnknownTactic(context, row);
  }
  if (row.value === '') {
    context.report('attack-tactic-empty', row.keyRange, `Tactic '${row.key}' has no value: write N/A or the techniques used`);
    return;
  }
  if (NOT_APPLICABLE.test(row.value)) return;
  const rowTactic = tacticless ? undefined : { tactic, legacy };
  for (const { line, mention } of rowMentions(context.model.lines, row)) checkMention(context, mention, line, rowTactic, hints);
}

function reportUnknownTactic(context: RuleContext, field: Field): void {
  const { catalog } = context;
  const other = otherVersionTactic(context, field.key);
  const suggestions = other?.renamedTo ? [] : catalog.suggestTactics(field.key);
  // A misspelt tactic of the previous release ("Defence Evasion" under v19.2): its successors are offered, never applied by Fix All.
  const legacy = other || suggestions.length > 0 ? undefined : catalog.suggestLegacyTactic(field.key);
  const successors = legacy?.successors.map((successor) => `'${successor.name}'`).join(' and ');
  const hint = other
    ? other.renamedTo
      ? `; ATT&CK v${other.version} calls ${other.tactic.id} '${other.tactic.name}', which v${catalog.version} calls '${other.renamedTo.name}'`
      : `; it is ${other.tactic.id} in ATT&CK v${other.version} (choose that version with 'attack: v${other.version}' in the front matter)`
    : suggestions.length > 0
      ? `; did you mean ${suggestions.map((s) => `'${s.name}'`).join(' or ')}?`
      : legacy
        ? `; did you mean '${legacy.tactic.name}', the ATT&CK v${catalog.previousVersion} tactic that v${catalog.version} replaced with ${successors}?`
        : '';
  const renamedTo = other?.renamedTo ? [other.renamedTo.name] : legacy?.successors.map((successor) => successor.name);
  context.report(
    'attack-tactic-unknown',
    field.keyRange,
    `'${field.key}' is not a tactic in ATT&CK v${catalog.version}${hint}`,
    renamedTo ? { suggestions: renamedTo, renamed: true } : { suggestions: suggestions.map((s) => s.name) },
  );
}

/** "Initial Access (TA0002)": the name and the ID name two tactics; the row is checked against neither. */
function reportIdConflict(context: RuleContext, field: Field, conflict: NonNullable<ReturnType<AttackCatalog['tacticIdConflict']>>): void {
  const { catalog } = context;
  const { parts, named, byId } = conflict;
  const name = named ? `'${parts.name}' is ${named.id}` : `'${parts.name}' is not a tactic`;
  const id = byId ? `${parts.id} is '${byId.name}'` : `${parts.id} is not a tactic ID`;
  context.report(
    'attack-tactic-id-mismatch',
    field.keyRange,
    `The name and the ID of '${field.key}' disagree in ATT&CK v${catalog.version}: ${name}, and ${id}; the row is read as neither, so its techniques are not checked against a tactic`,
    { ...(named ? { namedId: named.id } : {}), ...(byId ? { idName: byId.name } : {}) },
  );
}

/** A v18.1 tactic name in a report checked against v19.2: read as the union of its successors, and said so. */
function reportLegacyTactic(context: RuleContext, field: MethodologyRow, legacy: LegacyTactic): void {
  const { catalog } = context;
  const same = legacy.successors.find((successor) => successor.id === legacy.tactic.id);
  const added = legacy.successors.filter((successor) => successor !== same).map((successor) => `'${successor.name}' (${successor.id})`);
  const change = same
    ? `v${catalog.version} renamed it '${same.name}'${added.length > 0 ? ` and split ${added.join(' and ')} from it` : ''}`
    : `v${catalog.version} replaced it with ${added.join(' and ')}`;
  const names = legacy.successors.map((successor) => successor.name);
  // The quick fixes rewrite `**Tactic:**` rows; a heading's bullets are moved by hand.
  const reading = field.heading
    ? `its techniques are checked against ${names.join(' or ')}`
    : field.value === '' || NOT_APPLICABLE.test(field.value)
      ? `a quick fix writes the row as ${names.join(' and ')}`
      : `its techniques are checked against ${names.join(' or ')}; a quick fix moves each under its v${catalog.version} tactic`;
  context.report(
    'attack-migration',
    field.keyRange,
    `'${field.key}' is the ATT&CK v${catalog.previousVersion} name of ${legacy.tactic.id}: ${change}; ${reading}`,
    { kind: 'legacy-tactic', successors: legacy.successors.map((successor) => successor.name) },
  );
}

/** The row's key as a tactic of another bundled ATT&CK version: renamed in the version in use, or not in it. */
function otherVersionTactic(context: RuleContext, key: string): { version: string; tactic: TacticData; renamedTo?: TacticData } | undefined {
  for (const version of BUNDLED_ATTACK_VERSIONS) {
    const other = context.otherVersion?.(version);
    const tactic = other?.findTactic(key);
    if (!other || !tactic) continue;
    const current = context.catalog.tacticById(tactic.id);
    if (!current) return { version: other.version, tactic };
    if (current.name !== tactic.name) return { version: other.version, tactic, renamedTo: current };
  }
  return undefined;
}

function checkMention(context: RuleContext, mention: TechniqueMention, line: number, row: RowTactic | undefined, hints: NameHints): void {
  const { catalog } = context;
  const range = lineRange(line, mention.start, mention.end);
  if (!mention.wellFormed) {
    context.report('attack-technique-malformed', range, `'${mention.id}' is not a valid technique ID: IDs look like T1566 or T1566.001`);
    return;
  }
  const technique = catalog.technique(mention.id);
  if (!technique) {
    const parent = mention.id.includes('.') ? catalog.technique(mention.id.split('.')[0]) : undefined;
    const elsewhere = BUNDLED_ATTACK_VERSIONS.map((other) => context.otherVersion?.(other)).find((other) => other?.technique(mention.id));
    const added = elsewhere ? `; it is ${elsewhere.technique(mention.id)?.name} in ATT&CK v${elsewhere.version}` : '';
    const message = parent
      ? `${mention.id} is not a sub-technique of ${parent.id} (${parent.name}) in ATT&CK v${catalog.version}${added}`
      : `${mention.id} is not a technique in ATT&CK v${catalog.version}${added}`;
    context.report('attack-technique-unknown', range, message);
    return;
  }
  const earlier = catalog.earlierTechnique(technique.id);
  if (technique.revoked && earlier?.revoked) {
    const replacement = catalog.replacementOf(technique.id);
    context.report(
      'attack-migration',
      range,
      `${technique.id} (${technique.name}) was valid in ATT&CK v${catalog.previousVersion} and is revoked in v${catalog.version}` +
        (replacement ? `: use ${replacement.id} (${replacement.name})` : ''),
      replacement ? { kind: 'revoked', replacement: replacement.id, replacementName: replacement.name } : { kind: 'revoked' },
    );
    return;
  }
  if (technique.revoked) {
    const replacement = catalog.replacementOf(technique.id);
    const advice = replacement ? `; use ${replacement.id} (${replacement.name}) instead` : '';
    context.report(
      'attack-technique-revoked',
      range,
      `${technique.id} (${technique.name}) was revoked in ATT&CK v${catalog.version}${advice}`,
      replacement ? { replacement: replacement.id, replacementName: replacement.name } : undefined,
    );
    return;
  }
  if (technique.deprecated) {
    context.report(
      'attack-technique-deprecated',
      range,
      `${technique.id} (${technique.name}) is deprecated in ATT&CK v${catalog.version} and should not be used`,
    );
  }
  if (row) checkTacticOf(context, technique, earlier, row, range);
  if (mention.name) checkWrittenName(context, technique, mention.name, line, hints);
}

/** Whether a technique belongs under its row's tactic: in the version in use, or (as migration) in the previous one. */
function checkTacticOf(context: RuleContext, technique: TechniqueData, earlier: LegacyTechniqueData | undefined, row: RowTactic, range: Range): void {
  const { catalog } = context;
  const { tactic, legacy } = row;
  const rowTactics = tactic ? [tactic] : (legacy?.successors ?? []);
  if (rowTactics.length === 0 || rowTactics.some((candidate) => technique.tactics.includes(candidate.id))) return;
  const belongs = catalog.tacticsOfTechnique(technique.id).map((candidate) => candidate.name);
  const rowId = tactic ? tactic.id : legacy?.tactic.id;
  // A technique the previous release had under this tactic (same meaning, or the legacy row itself) was right then.
  const wasThere = rowId !== undefined && earlier?.tactics?.includes(rowId) === true && (legacy !== undefined || !catalog.isLegacyTacticId(rowId));
  const rowName = tactic ? tactic.name : `${legacy?.tactic.name} (v${catalog.version}: ${rowTactics.map((candidate) => candidate.name).join(' or ')})`;
  if (wasThere) {
    context.report(
      'attack-migration',
      range,
      `ATT&CK v${catalog.version} moved ${technique.id} (${technique.name}) out of ${tactic ? tactic.name : legacy?.tactic.name}: it now belongs to ${belongs.join(', ') || 'no tactic'}`,
      { kind: 'moved', tactics: belongs },
    );
    return;
  }
  context.report(
    'attack-technique-tactic',
    range,
    `${technique.id} (${technique.name}) is not part of the ${rowName} tactic; it belongs to ${belongs.join(', ') || 'no tactic'}`,
    { tactics: belongs },
  );
}

function lineRange(line: number, start: number, end: number): Range {
  return { start: { line, character: start }, end: { line, character: end } };
}
