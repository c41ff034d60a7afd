import { findTechniqueMentions } from '../attack/techniqueMentions';
import type { Block, ContentContainer, ReportModel, Section } from '../model/modelTypes';
import { methodologyRows, readTables, unreadBlocks } from '../queries/methodologyRows';
import { unreadTimelineTables } from '../queries/timelineEntries';
import type { SectionSpec } from '../schema/reportSpec';
import type { Range } from '../types';
import type { Rule, RuleContext } from './ruleTypes';

/**
 * Content of a section read as rows (Attack Methodology) that the engine could not read: a table whose
 * columns it does not know, or technique IDs written with no tactic row to check them under; and a table
 * of the timeline with no date column. Said, never skipped silently, with the forms the section accepts.
 */
export const sectionDialectRule: Rule = {
  meta: [
    {
      id: 'section-unrecognised',
      family: 'structure',
      defaultSeverity: 'warning',
      summary: 'Attack Methodology or timeline content in a form the section does not read (a table without known columns, techniques under no tactic row).',
    },
  ],
  check(context: RuleContext) {
    const { model, spec } = context;
    for (const section of model.sections) {
      const sectionSpec = spec.sectionOf(section);
      if (sectionSpec?.kind === 'attack-tactics') checkSection(context, section, sectionSpec);
      else if (sectionSpec?.kind === 'timeline') checkTimeline(context, section, sectionSpec);
    }
  },
};

function checkSection(context: RuleContext, section: Section, sectionSpec: SectionSpec): void {
  const accepted = acceptedForms(sectionSpec);
  for (const { table, recognised } of readTables(section, sectionSpec)) {
    if (recognised) continue;
    const headers = table.header.cells.map((cell) => `'${cell.text}'`).join(', ');
    const why = sectionSpec.dialects.includes('table')
      ? `none of its columns (${headers}) is a technique column the section reads`
      : `the section does not read tables`;
    context.report('section-unrecognised', table.header.range, `This table is not read as ATT&CK tactic rows: ${why}. ${accepted}`);
  }
  // A note beside rows is fine: the section's own prose when the section has a row, a subsection's when
  // that subsection has a row or a `**Key:** value` field.
  const rows = methodologyRows(section, sectionSpec);
  const withRows = subsectionsWithRows(section, rows);
  const hasRow = (container: ContentContainer) => (container === section ? rows.length > 0 : container.fields.length > 0 || withRows.has(container));
  const unread = unreadBlocks(
    section,
    sectionSpec,
    [section, ...section.subsections].filter((container) => !hasRow(container)),
  );
  for (const block of unread) {
    if (block.kind === 'table' || block.kind === 'code' || block.kind === 'html') continue; // tables are reported above
    const ids = techniqueIds(context.model, block);
    if (ids.length === 0) continue;
    const written = ids.length > 3 ? `${ids.slice(0, 3).join(', ')} and ${ids.length - 3} more` : ids.join(', ');
    context.report(
      'section-unrecognised',
      block.range,
      `${written} ${ids.length === 1 ? 'is' : 'are'} written under no tactic row, so no tactic is checked for ${ids.length === 1 ? 'it' : 'them'} and the matrix lists none. ${accepted}`,
    );
  }
}

/** The subsections a row is written in (rows and subsections are both in source order: one pass). */
function subsectionsWithRows(section: Section, rows: readonly { range: Range }[]): Set<ContentContainer> {
  const found = new Set<ContentContainer>();
  const subsections = section.subsections;
  let index = 0;
  for (const row of rows) {
    const line = row.range.start.line;
    while (index < subsections.length && subsections[index].range.end.line < line) index++;
    if (index < subsections.length && subsections[index].range.start.line <= line) found.add(subsections[index]);
  }
  return found;
}

function techniqueIds(model: ReportModel, block: Block): string[] {
  const ids = new Set<string>();
  for (let line = block.range.start.line; line <= block.range.end.line; line++) {
    if (model.verbatimLines.has(line)) continue;
    for (const mention of findTechniqueMentions(model.lines.lineText(line))) if (mention.wellFormed) ids.add(mention.id);
  }
  return [...ids];
}

/** "Attack Methodology accepts bullet rows …, a table with a Tactic and a Technique column, or …" */
function acceptedForms(sectionSpec: SectionSpec): string {
  const forms: string[] = [];
  if (sectionSpec.dialects.includes('rows')) forms.push(`bullet rows '- **Tactic:** T1234 Name'`);
  if (sectionSpec.dialects.includes('table')) {
    const tactic = sectionSpec.columns.tactic?.[0] ?? 'Tactic';
    const technique = sectionSpec.columns.technique?.[0] ?? 'Technique';
    forms.push(`a table with a '${tactic}' and a '${technique}' column`);
  }
  if (sectionSpec.dialects.includes('headings')) forms.push(`'### Tactic' headings over bullets '- T1234 Name'`);
  return `${sectionSpec.title} accepts ${oneOf(forms)}.`;
}

/** "a", "a, or b", "a, b, or c". */
function oneOf(forms: string[]): string {
  return forms.length > 1 ? `${forms.slice(0, -1).join(', ')}, or ${forms[forms.length - 1]}` : forms.join('');
}

/** A timeline table that is not read as entries: its events are neither ordered nor dated by any check. */
function checkTimeline(context: RuleContext, section: Section, sectionSpec: SectionSpec): void {
  for (const table of unreadTimelineTables(section, sectionSpec)) {
    const headers = table.header.cells.map((cell) => `'${cell.text}'`).join(', ');
    const why = sectionSpec.dialects.includes('table')
      ? `none of its columns (${headers}) is a date column the timeline reads`
      : 'the section does not read tables';
    context.report('section-unrecognised', table.header.range, `This table is not read as timeline entries: ${why}. ${timelineForms(sectionSpec)}`);
  }
}

/** "Timeline of Events accepts ### phases with a **Date/Time:** field, a table with a 'Date/Time' column, or …" */
function timelineForms(sectionSpec: SectionSpec): string {
  const forms: string[] = [];
  const dateField = sectionSpec.subsectionFields.find((field) => field.kind === 'date' || field.kind === 'datetime');
  if (sectionSpec.dialects.includes('rows')) forms.push(`### phases with a **${dateField?.title ?? 'Date/Time'}:** field`);
  if (sectionSpec.dialects.includes('table')) forms.push(`a table with a '${sectionSpec.columns.date?.[0] ?? 'Date'}' column`);
  if (sectionSpec.dialects.includes('dated-list')) forms.push('list items that start with a date');
  return `${sectionSpec.title} accepts ${forms.join(', or ')}.`;
}
