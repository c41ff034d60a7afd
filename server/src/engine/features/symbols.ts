import { isTableRow, methodologyRows } from '../queries/methodologyRows';
import type { ContentContainer, Field, FrontMatter, Heading, ReportModel, Section } from '../model/modelTypes';
import type { ReportSpec } from '../schema/reportSpec';
import { comparePositions } from '../types';
import { NOT_CANCELLED, type Cancellation, type FeatureContext, type Range, type SymbolNode } from './featureTypes';

const MAX_DETAIL = 60;

/**
 * The outline: the front matter (with its keys), then each H1 title holding the H2 sections that follow
 * it; each section holds its fields and H3 subsections, each subsection its fields. Sections before any
 * H1 are top level. `range` is the whole element, `selectionRange` the heading text or key (always
 * inside `range`). Empty when cancelled.
 */
export function documentSymbols(context: FeatureContext, token: Cancellation = NOT_CANCELLED): SymbolNode[] {
  const { model, spec } = context;
  if (token.isCancellationRequested) return [];
  const top: SymbolNode[] = [];
  if (model.frontMatter) top.push(frontMatterSymbol(model, spec, model.frontMatter));
  const titles = model.titles.map((heading) => ({ heading, node: headingSymbol(heading, 'title', undefined, heading.range) }));
  for (const section of model.sections) {
    if (token.isCancellationRequested) return [];
    const node = sectionSymbol(spec, section);
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

function sectionSymbol(spec: ReportSpec, section: Section): SymbolNode {
  const sectionSpec = spec.findSection(section.heading.text);
  const detail = sectionSpec ? (sectionSpec.title === section.heading.text.trim() ? undefined : sectionSpec.title) : 'not in template';
  const node = headingSymbol(section.heading, 'section', detail, section.range);
  // Attack Methodology: table rows are rows like `**Tactic:**` items, each under the heading it is written beneath.
  const rows = sectionSpec?.kind === 'attack-tactics' ? methodologyRows(section, sectionSpec) : undefined;
  const tableRowsIn = (container: ContentContainer) =>
    (rows ?? []).filter((row) => row.table && container.range.start.line <= row.range.start.line && row.range.end.line <= container.range.end.line);
  const inSubsection = (field: Field) => section.subsections.some((subsection) => subsection.range.start.line <= field.range.start.line);
  const own = rows ? rows.filter((row) => !row.table || !inSubsection(row)) : section.fields;
  node.children = [
    ...own.map(fieldLeaf),
    ...section.subsections.map((subsection) => {
      const child = subsectionSymbol(subsection);
      if (rows) child.children = [...child.children, ...tableRowsIn(subsection).map(fieldLeaf)].sort((a, b) => comparePositions(a.range.start, b.range.start));
      return child;
    }),
  ];
  node.children.sort((a, b) => comparePositions(a.range.start, b.range.start));
  return node;
}

function subsectionSymbol(subsection: ContentContainer): SymbolNode {
  const node = headingSymbol(subsection.heading, 'subsection', undefined, subsection.range);
  node.children = fieldSymbols(subsection);
  return node;
}

function headingSymbol(heading: Heading, kind: SymbolNode['kind'], detail: string | undefined, range: Range): SymbolNode {
  const name = heading.text.trim() || '(untitled)';
  return { name, ...(detail === undefined ? {} : { detail }), kind, range, selectionRange: within(heading.textRange, range), children: [] };
}

function fieldSymbols(container: ContentContainer): SymbolNode[] {
  return container.fields.map(fieldLeaf);
}

/** A row of a table without a tactic column has no key: it is named by its techniques; a row continuing the tactic above selects its own cells. */
function fieldLeaf(field: Field): SymbolNode {
  if (!field.key) return leaf(field.value, '', field.range, field.range);
  return leaf(field.key, field.value, field.range, isTableRow(field) && field.table.continued ? field.valueRange : field.keyRange);
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

function leaf(key: string, value: string, range: Range, keyRange: Range): SymbolNode {
  const detail = truncate(value.replace(/\s+/g, ' ').trim());
  return { name: key || '(untitled)', ...(detail ? { detail } : {}), kind: 'field', range, selectionRange: within(keyRange, range), children: [] };
}

function truncate(text: string): string {
  if (text.length <= MAX_DETAIL) return text;
  const cut = /[\uD800-\uDBFF]/.test(text.charAt(MAX_DETAIL - 2)) ? MAX_DETAIL - 2 : MAX_DETAIL - 1;
  return `${text.slice(0, cut).trimEnd()}…`;
}

function sliceOf(model: ReportModel, range: Range): string {
  return model.lines.text.slice(model.lines.offsetAt(range.start), model.lines.offsetAt(range.end));
}

/** `inner` clipped to `outer`: LSP clients reject a selection range outside its symbol's range. */
function within(inner: Range, outer: Range): Range {
  const clip = (position: Range['start']) =>
    comparePositions(position, outer.start) < 0 ? outer.start : comparePositions(position, outer.end) > 0 ? outer.end : position;
  return { start: clip(inner.start), end: clip(inner.end) };
}
