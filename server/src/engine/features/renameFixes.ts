import { numberingLength, splitQualifier } from '../schema/headingNames';
import type { Finding, Range } from '../types';
import type { QuickFix } from './featureTypes';
import { quickFix, replaceRange, sameRange, textAt, type FixEnv } from './fixEdits';

function suggestionOf(finding: Finding): string | undefined {
  const value = finding.data?.suggestion;
  return typeof value === 'string' ? value : undefined;
}

/**
 * "Rename to 'Lessons Learned'" for a heading that is a typo of a section's name: only the name changes,
 * its numbering and qualifier ("3. … (all times UTC)") stay.
 */
export function renameHeading(env: FixEnv, finding: Finding): QuickFix[] {
  const suggestion = suggestionOf(finding);
  const heading = env.model.sections.find((section) => sameRange(section.heading.textRange, finding.range))?.heading;
  if (!suggestion || !heading || textAt(env.model, heading.textRange) !== heading.text) return [];
  const numbering = numberingLength(heading.text); // "3. ", "III) ": kept
  const nameEnd = splitQualifier(heading.text)?.name.length ?? heading.text.length;
  if (nameEnd <= numbering) return [];
  const { line, character } = heading.textRange.start;
  const range: Range = { start: { line, character: character + numbering }, end: { line, character: character + nameEnd } };
  return [quickFix(`Rename the heading to '${suggestion}'`, [replaceRange(range, suggestion)], [finding], true)];
}

/** "Rename to 'Discovery Date'" for a field key that is a typo of a field's name (the finding is at the key). */
export function renameKey(env: FixEnv, finding: Finding): QuickFix[] {
  const suggestion = suggestionOf(finding);
  const field = env.model.sections
    .flatMap((section) => [section, ...section.subsections])
    .flatMap((container) => container.fields)
    .find((candidate) => sameRange(candidate.keyRange, finding.range));
  if (!suggestion || !field || textAt(env.model, field.keyRange) !== field.key) return [];
  return [quickFix(`Rename the key to '${suggestion}'`, [replaceRange(field.keyRange, suggestion)], [finding], true)];
}

/**
 * "Initial Access (TA0002)": "Change the ID to TA0001" (the name is right) and "Change the name to
 * 'Execution'" (the ID is right). Neither is preferred: only the writer knows which half is wrong.
 */
export function fixTacticId(env: FixEnv, finding: Finding): QuickFix[] {
  const written = textAt(env.model, finding.range);
  const conflict = finding.range.start.line === finding.range.end.line ? env.catalog.tacticIdConflict(written) : undefined;
  if (!conflict) return [];
  const { parts, named, byId } = conflict;
  const { line, character } = finding.range.start;
  const at = (start: number, length: number): Range => ({
    start: { line, character: character + start },
    end: { line, character: character + start + length },
  });
  const fixes: QuickFix[] = [];
  if (named) fixes.push(quickFix(`Change the ID to ${named.id} ('${parts.name}')`, [replaceRange(at(parts.idStart, parts.id.length), named.id)], [finding]));
  if (byId)
    fixes.push(quickFix(`Change the name to '${byId.name}' (${byId.id})`, [replaceRange(at(parts.nameStart, parts.name.length), byId.name)], [finding]));
  return fixes;
}
