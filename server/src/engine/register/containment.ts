import { headingZone } from '../dates/headingZone';
import { findDates } from '../dates/parseDate';
import type { ContentContainer, ReportModel } from '../model/modelTypes';
import { sectionFields } from '../queries/sectionFields';
import { phaseDateField, timelineEntries } from '../queries/timelineEntries';
import type { ReportSpec } from '../schema/reportSpec';
import { instantOf, readRegisterDate } from './registerDate';
import type { ContainmentSource, RegisterDate } from './registerTypes';

/*
 * The first containment action of a report (docs/register.md, "Containment"). A containment action is:
 *
 * - a timeline entry (a table row or a dated bullet, timelineEntries.ts) or a dated `###` phase of the
 *   timeline whose title or phase heading names containment (contain, contained, containment, isolate,
 *   block, disable, quarantine, sinkhole and their forms), or whose details do (the same words but the
 *   verb "contain", which details use for "the e-mail contained a link"); its date is the entry's date;
 * - an item (a `**Key:** value` field or a bullet) of the section the schema keys `responseActions` that
 *   names containment in its key or text and writes a date; its date is the first date in it.
 *
 * A word after "not", "no", "never", "without" or "failed to" does not count ("not isolated"). The first
 * action is the earliest readable one at or after the discovery date (an earlier "disabled" is the
 * attacker's: Defense Impairment), or the earliest one when there is no readable discovery date. When
 * actions are found but none has a readable date, the first of them is returned unreadable.
 */

const TITLE_WORDS =
  /\b(?:contain(?:s|ed|ing|ment)?|isolat(?:e|es|ed|ing|ion)|block(?:s|ed|ing)?|disabl(?:e|es|ed|ing)|quarantin(?:e|es|ed|ing)|sinkhol(?:e|es|ed|ing))\b/gi;
const DETAIL_WORDS = /\b(?:containment|isolat(?:e|es|ed|ing|ion)|block(?:s|ed|ing)?|disabl(?:e|es|ed|ing)|quarantin(?:e|es|ed|ing)|sinkhol(?:e|es|ed|ing))\b/gi;
const NEGATION = /(?:\bnot|n't|\bno|\bnever|\bwithout|\bfailed to|\bunable to)\s+(?:\w+\s+)?$/i;
/** How far before a word a negation is looked for: two words. */
const NEGATION_WINDOW = 40;

export type ContainmentDate = RegisterDate & { source: ContainmentSource };

interface Candidate {
  date: RegisterDate;
  source: ContainmentSource;
}

/** Whether the text names a containment action (not negated). Linear: one global scan, a bounded look-behind per match. */
export function namesContainment(text: string, inTitle: boolean): boolean {
  const words = inTitle ? TITLE_WORDS : DETAIL_WORDS;
  words.lastIndex = 0;
  for (let match = words.exec(text); match; match = words.exec(text)) {
    const before = text.slice(Math.max(0, match.index - NEGATION_WINDOW), match.index);
    if (!NEGATION.test(before)) return true;
  }
  return false;
}

export function firstContainment(model: ReportModel, spec: ReportSpec, discovery: RegisterDate | null, dayFirst: boolean): ContainmentDate | null {
  const candidates = [...timelineCandidates(model, spec, dayFirst), ...responseCandidates(model, spec, dayFirst)];
  if (candidates.length === 0) return null;
  const after = instantOf(discovery);
  let best: Candidate | undefined;
  let bestInstant = Infinity;
  for (const candidate of candidates) {
    const instant = instantOf(candidate.date);
    if (instant === undefined || (after !== undefined && instant < after)) continue;
    if (instant < bestInstant) [best, bestInstant] = [candidate, instant];
  }
  best ??= candidates.filter((candidate) => instantOf(candidate.date) === undefined).sort((a, b) => a.date.line - b.date.line)[0];
  return best ? { ...best.date, source: best.source } : null;
}

function timelineCandidates(model: ReportModel, spec: ReportSpec, dayFirst: boolean): Candidate[] {
  const found: Candidate[] = [];
  for (const section of model.sections) {
    const sectionSpec = spec.sectionOf(section);
    if (sectionSpec?.kind !== 'timeline') continue;
    const zone = headingZone(section.heading.text);
    for (const entry of timelineEntries(model.lines, section, sectionSpec)) {
      if (!namesContainment(entry.title, true) && !namesContainment(entry.details, false)) continue;
      const date = readRegisterDate(entry.dateText, entry.range.start.line + 1, entry.zone, entry.dayFirst ?? dayFirst);
      found.push({ date, source: { from: 'timeline', action: entry.title || entry.details } });
    }
    for (const phase of section.subsections) {
      const dateField = phaseDateField(phase, sectionSpec);
      if (!dateField) continue;
      const details = phase.fields.filter((field) => field !== dateField).map((field) => field.value);
      if (!namesContainment(phase.heading.text, true) && !details.some((text) => namesContainment(text, false))) continue;
      const date = readRegisterDate(dateField.value, dateField.range.start.line + 1, zone, dayFirst);
      found.push({ date, source: { from: 'timeline', action: phase.heading.text } });
    }
  }
  return found;
}

function responseCandidates(model: ReportModel, spec: ReportSpec, dayFirst: boolean): Candidate[] {
  const found: Candidate[] = [];
  const responseSpec = spec.sectionByKey('responseActions');
  if (!responseSpec) return found;
  for (const section of model.sections) {
    if (spec.sectionOf(section) !== responseSpec) continue;
    const seenLines = new Set<number>();
    for (const field of sectionFields(section, responseSpec)) {
      seenLines.add(field.range.start.line);
      addDatedItem(found, `${field.key}: ${field.value}`, field.key, field.range.start.line, dayFirst);
    }
    for (const container of [section, ...section.subsections] as ContentContainer[]) {
      for (const item of container.items) {
        if (item.isField || seenLines.has(item.range.start.line)) continue;
        addDatedItem(found, item.text, item.text, item.range.start.line, dayFirst);
      }
    }
  }
  return found;
}

/** An item that names containment and writes a readable date (an undated one says nothing about when). */
function addDatedItem(found: Candidate[], text: string, action: string, line: number, dayFirst: boolean): void {
  if (!namesContainment(text, true)) return;
  const first = findDates(text).find((result) => result.kind === 'date');
  if (!first || first.kind !== 'date') return;
  const written = text.slice(first.date.start, first.date.end);
  found.push({ date: readRegisterDate(written, line + 1, undefined, dayFirst), source: { from: 'response-actions', action: action.slice(0, 120) } });
}
