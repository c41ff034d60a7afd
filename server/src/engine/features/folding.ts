import type { Block, ContentContainer, ReportModel } from '../model/modelTypes';
import type { Range } from '../types';
import { NOT_CANCELLED, type Cancellation, type FeatureContext, type FoldingEntry } from './featureTypes';

/**
 * Folding ranges: the front matter, each H2 section and H3 subsection (heading line to last content
 * line), each field whose value spans several lines, fenced or indented code blocks of two lines or
 * more, GFM tables (header row to last row: folded, the header stays in view; whichever dialect reads
 * them), and HTML comment blocks (kind 'comment'). Only blocks the model places in a section are seen:
 * a comment between the H1 and the first H2 does not fold. `startLine < endLine` always, no two
 * entries share both lines, sorted by start line then outermost first. Empty when cancelled.
 */
export function foldingRanges(context: FeatureContext, token: Cancellation = NOT_CANCELLED): FoldingEntry[] {
  const { model } = context;
  if (token.isCancellationRequested) return [];
  const entries = new Map<string, FoldingEntry>();
  const add = (range: Range, kind?: FoldingEntry['kind']) => {
    const startLine = range.start.line;
    const endLine = Math.min(range.end.line, model.lines.lineCount - 1);
    const key = `${startLine}:${endLine}`;
    if (startLine < endLine && !entries.has(key)) entries.set(key, kind ? { startLine, endLine, kind } : { startLine, endLine });
  };
  if (model.frontMatter) add(model.frontMatter.range);
  for (const section of model.sections) {
    if (token.isCancellationRequested) return [];
    for (const container of [section, ...section.subsections]) addContainer(model, container, add);
  }
  return [...entries.values()].sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
}

function addContainer(model: ReportModel, container: ContentContainer, add: (range: Range, kind?: FoldingEntry['kind']) => void): void {
  add(container.range);
  for (const field of container.fields) add(field.range);
  for (const block of container.blocks) {
    if (block.kind === 'code' || block.kind === 'table') add(block.range);
    else if (block.kind === 'html' && isComment(model, block)) add(block.range, 'comment');
  }
}

function isComment(model: ReportModel, block: Block): boolean {
  return model.lines.lineText(block.range.start.line).trimStart().startsWith('<!--');
}
