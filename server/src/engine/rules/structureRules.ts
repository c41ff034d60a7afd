import type { Section } from '../model/modelTypes';
import type { SectionSpec } from '../schema/reportSpec';
import type { Rule, RuleContext } from './ruleTypes';

/** Title and section structure beyond what the schema expresses: duplicates, order, levels. */
export const structureRule: Rule = {
  meta: [
    { id: 'title-multiple', family: 'structure', defaultSeverity: 'error', summary: 'More than one level-1 heading: a report has exactly one title.' },
    { id: 'section-duplicate', family: 'structure', defaultSeverity: 'error', summary: 'The same section appears twice.' },
    { id: 'section-order', family: 'structure', defaultSeverity: 'warning', summary: 'A section is out of the order the schema defines.' },
    { id: 'section-unknown', family: 'structure', defaultSeverity: 'info', summary: 'A level-2 section that is not part of the report schema.' },
    { id: 'heading-level', family: 'structure', defaultSeverity: 'warning', summary: 'A known section written at the wrong heading level.' },
  ],
  check(context: RuleContext) {
    const { model, spec } = context;
    for (const title of model.titles.slice(1)) {
      context.report('title-multiple', title.textRange, `A report has one title (level-1 heading); '${title.text}' is a second one. Use '##' for a section.`);
    }

    const firstByKey = new Map<string, Section>();
    const ordered: { spec: SectionSpec; section: Section }[] = [];
    const unknown: Section[] = [];
    for (const section of model.sections) {
      const sectionSpec = spec.sectionOf(section);
      if (!sectionSpec) {
        unknown.push(section);
        continue;
      }
      const first = firstByKey.get(sectionSpec.key);
      if (first) {
        context.report(
          'section-duplicate',
          section.heading.textRange,
          `Section '${sectionSpec.title}' appears twice; the first is on line ${first.heading.range.start.line + 1}`,
          { firstLine: first.heading.range.start.line },
        );
        continue;
      }
      firstByKey.set(sectionSpec.key, section);
      ordered.push({ spec: sectionSpec, section });
    }
    // A heading that names no section is judged against every section the report has (firstByKey holds them all).
    for (const section of unknown) reportUnknownSection(context, section, firstByKey);
    reportOutOfOrder(context, ordered);

    // Subsections and H1s named like a section were most likely meant as sections.
    const misplaced = [
      ...model.sections
        .filter((section) => spec.sectionOf(section)?.kind !== 'timeline') // phases may be named "Impact"
        .flatMap((section) => section.subsections.map((subsection) => subsection.heading)),
      ...model.titles.slice(1),
    ];
    for (const heading of misplaced) {
      const sectionSpec = spec.findSection(heading.text);
      if (!sectionSpec || firstByKey.has(sectionSpec.key)) continue;
      context.report(
        'heading-level',
        heading.textRange,
        `'${sectionSpec.title}' is a section and should be a level-2 heading (##), not level ${heading.level}`,
        { sectionKey: sectionSpec.key, level: heading.level, headingLine: heading.range.start.line },
      );
    }
  },
};

/**
 * A heading that names no section. One that is a typo of a required section the report lacks is
 * section-missing's, at this heading; a typo of an optional one gets its did-you-mean and rename here.
 */
function reportUnknownSection(context: RuleContext, section: Section, present: ReadonlyMap<string, unknown>): void {
  const { spec } = context;
  const heading = section.heading;
  const near = spec.suggestSection(heading.text);
  const isPresent = near !== undefined && present.has(near.key);
  if (near && !isPresent && near.required) return;
  const hint = near && !isPresent ? `; did you mean '${near.title}'?` : '';
  const accepted = hint
    ? ''
    : ', so nothing in it is checked: an extra section (an appendix, references) may stay so; a template section is named as the template names it, optionally numbered or followed by a qualifier such as "(all times UTC)"';
  context.report(
    'section-unknown',
    heading.textRange,
    `Section '${heading.text}' is not part of the report template${hint}${accepted}`,
    near && !isPresent ? { suggestion: near.title, sectionKey: near.key } : undefined,
  );
}

/**
 * The sections that moved are those outside the longest run already in schema order: moving one
 * section to the top flags that one section, not every section after it.
 */
function reportOutOfOrder(context: RuleContext, sections: readonly { spec: SectionSpec; section: Section }[]): void {
  const inOrder = longestIncreasingSubsequence(sections.map((entry) => entry.spec.order));
  const kept = sections.filter((_, index) => inOrder.has(index));
  sections.forEach((entry, index) => {
    if (inOrder.has(index)) return;
    const before = kept.find((other) => other.spec.order > entry.spec.order);
    const after = [...kept].reverse().find((other) => other.spec.order < entry.spec.order);
    const message = before
      ? `Section '${entry.spec.title}' should come before '${before.spec.title}'`
      : `Section '${entry.spec.title}' should come after '${after?.spec.title ?? ''}'`;
    const data = { sectionKey: entry.spec.key, ...(before ? { before: before.spec.key } : { after: after?.spec.key }) };
    context.report('section-order', entry.section.heading.textRange, message, data);
  });
}

/** Indices of one longest strictly increasing subsequence (earliest-ending on ties), O(n²) for n ≤ a few dozen sections. */
function longestIncreasingSubsequence(values: readonly number[]): Set<number> {
  const length = values.map(() => 1);
  const previous = values.map(() => -1);
  for (let i = 0; i < values.length; i++) {
    for (let j = 0; j < i; j++) {
      if (values[j] < values[i] && length[j] + 1 > length[i]) [length[i], previous[i]] = [length[j] + 1, j];
    }
  }
  let end = length.indexOf(Math.max(0, ...length));
  const indices = new Set<number>();
  for (; end >= 0; end = previous[end]) indices.add(end);
  return indices;
}
