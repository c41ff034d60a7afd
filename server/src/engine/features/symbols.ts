import type { ContentContainer, FrontMatter, Heading, ReportModel, Section } from '../model/modelTypes';
import { phaseDateField } from '../queries/timelineEntries';
import type { ReportSpec, SectionSpec } from '../schema/reportSpec';
import { comparePositions } from '../types';
import { NOT_CANCELLED, type Cancellation, type FeatureContext, type Range, type SymbolNode } from './featureTypes';
import { fieldLeaf, leaf, oneLine, rowLeaves, truncate, within } from './outlineLeaves';

/**
 * The outline: the front matter (with its keys), then each H1 title holding the H2 sections that follow
 * it; each section holds its fields and H3 subsections, each subsection its fields. Sections before any
 * H1 are top level. Key/value table rows are fields; the rows a section reads from its other dialects are
 * leaves beside them, under the heading they are written beneath (outlineLeaves.ts): Attack Methodology
 * table rows, Timeline of Events entries (table rows, dated bullets; a dated `###` phase has its date as
 * detail) and Indicators of Compromise table rows. `range` is the whole element, `selectionRange` the
 * heading text, key, date or indicator (always inside `range`). Empty when cancelled.
 */
export function documentSymbols(context: FeatureContext, token: Cancellation = NOT_CANCELLED): SymbolNode[] {
  const { model, spec } = context;
  if (token.isCancellationRequested) return [];
  const top: SymbolNode[] = [];
  if (model.frontMatter) top.push(frontMatterSymbol(model, spec, model.frontMatter));
  const titles = model.titles.map((heading) => ({ heading, node: headingSymbol(heading, 'title', undefined, heading.range) }));
  for (const section of model.sections) {
    if (token.isCancellationRequested) return [];
    const node = sectionSymbol(model, spec, section);
    const owner = [...titles].reverse().find((title) => comparePositions(title.heading.range.start, section.range.start) < 0);
    if (!owner) {
      top.push(node);
      continue;
    }
    owner.node.children.push(node);
    if (comparePositions(node.range.end, owner.node.range.end) > 0) owner.node.range = { start: owner.node.range.start, end: node.range.end };
  }
  top.push(...titles.map((title) => title.node));
  return top.sort((a, b) => comparePositions(a.range.start, b.range.start));
}

function sectionSymbol(model: ReportModel, spec: ReportSpec, section: Section): SymbolNode {
  const sectionSpec = spec.sectionOf(section);
  const detail = sectionSpec ? (sectionSpec.title === section.heading.text.trim() ? undefined : sectionSpec.title) : 'not in template';
  const node = headingSymbol(section.heading, 'section', detail, section.range);
  // Rows read from tables and dated bullets go under the heading they are written beneath, among its fields.
  const { leaves, replacedFieldLines } = sectionSpec ? rowLeaves(model.lines, section, sectionSpec) : { leaves: [], replacedFieldLines: new Set<number>() };
  const rowsUnder = rowsByHeading(section, leaves);
  const childrenOf = (container: ContentContainer) =>
    [...container.fields.filter((field) => !replacedFieldLines.has(field.range.start.line)).map(fieldLeaf), ...(rowsUnder.get(container) ?? [])].sort((a, b) =>
      comparePositions(a.range.start, b.range.start),
    );
  const subsections = section.subsections.map((subsection) => {
    const child = headingSymbol(subsection.heading, 'subsection', phaseDate(sectionSpec, subsection), subsection.range);
    child.children = childrenOf(subsection);
    return child;
  });
  node.children = [...childrenOf(section), ...subsections].sort((a, b) => comparePositions(a.range.start, b.range.start));
  return node;
}

/** Each row under the last H3 that starts before it, else under the section: one pass over both, in line order. */
function rowsByHeading(section: Section, rows: readonly SymbolNode[]): Map<ContentContainer, SymbolNode[]> {
  const byHeading = new Map<ContentContainer, SymbolNode[]>();
  let current = -1;
  for (const row of [...rows].sort((a, b) => comparePositions(a.range.start, b.range.start))) {
    while (current + 1 < section.subsections.length && section.subsections[current + 1].range.start.line <= row.range.start.line) current++;
    const container = current < 0 ? section : section.subsections[current];
    const under = byHeading.get(container);
    if (under) under.push(row);
    else byHeading.set(container, [row]);
  }
  return byHeading;
}

/** A dated timeline phase's date as its detail ("Initial Access", "October 6, 2026, 14:12 UTC"). */
function phaseDate(sectionSpec: SectionSpec | undefined, subsection: ContentContainer): string | undefined {
  const field = sectionSpec?.kind === 'timeline' ? phaseDateField(subsection, sectionSpec) : undefined;
  const date = field ? truncate(oneLine(field.value)) : '';
  return date === '' ? undefined : date;
}

function headingSymbol(heading: Heading, kind: SymbolNode['kind'], detail: string | undefined, range: Range): SymbolNode {
  const name = heading.text.trim() || '(untitled)';
  return { name, ...(detail === undefined ? {} : { detail }), kind, range, selectionRange: within(heading.textRange, range), children: [] };
}

function frontMatterSymbol(model: ReportModel, spec: ReportSpec, frontMatter: FrontMatter): SymbolNode {
  const fence = {
    start: frontMatter.range.start,
    end: { line: frontMatter.range.start.line, character: model.lines.lineText(frontMatter.range.start.line).length },
  };
  const children = frontMatter.entries.map((entry) => {
    const end = comparePositions(entry.valueRange.end, entry.keyRange.end) > 0 ? entry.valueRange.end : entry.keyRange.end;
    const written = sliceOf(model, entry.valueRange)
      .split(/\r\n|\r|\n/)
      .map((line) => line.trim().replace(/^-\s+/, ''))
      .filter(Boolean)
      .join(', ');
    return leaf(entry.key, written, { start: entry.keyRange.start, end }, entry.keyRange);
  });
  const name = spec.schema.properties?.frontMatter?.title ?? 'Front matter';
  return { name, kind: 'frontMatter', range: frontMatter.range, selectionRange: within(fence, frontMatter.range), children };
}

function sliceOf(model: ReportModel, range: Range): string {
  return model.lines.text.slice(model.lines.offsetAt(range.start), model.lines.offsetAt(range.end));
}
