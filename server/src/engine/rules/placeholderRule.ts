import type { ReportModel } from '../model/modelTypes';
import { MAY_HAVE_PLACEHOLDER, placeholderAt, placeholderSpans, type ScanOptions } from '../placeholders/scanPlaceholders';
import { blankSpans, codeAndCommentSpans } from '../text/spans';
import type { Rule, RuleContext } from './ruleTypes';

export const placeholderRule: Rule = {
  meta: [
    {
      id: 'placeholder',
      family: 'placeholders',
      defaultSeverity: 'warning',
      summary: 'Template placeholder text (TBD, TODO, [Insert date], a name in angle brackets, {{…}}, YYYY-MM-DD, lorem ipsum) left in the report.',
    },
  ],
  check(context: RuleContext) {
    const { lines, verbatimLines, referenceLabels } = context.model;
    const options: ScanOptions = { isReferenceLabel: (label) => referenceLabels.has(label) };
    const openedByPlaceholder = htmlBlocksOpenedByPlaceholder(context.model);
    for (let line = 0; line < lines.lineCount; line++) {
      if (verbatimLines.has(line) && !openedByPlaceholder.has(line)) continue;
      const raw = lines.lineText(line);
      if (raw.length === 0 || !MAY_HAVE_PLACEHOLDER.test(raw)) continue;
      const spans = placeholderSpans(reportText(raw), options);
      for (let index = 0; index < spans.length; index += 2) {
        const placeholder = raw.slice(spans[index], spans[index + 1]);
        const range = { start: { line, character: spans[index] }, end: { line, character: spans[index + 1] } };
        context.report('placeholder', range, `Placeholder '${placeholder}' left in the report: replace it with the real content`, { placeholder });
      }
    }
    reportFrontMatterHoles(context);
  },
};

/** The template's own hole, `[TODO: …]`, as a whole value: what an added front matter field holds until it is filled in. */
const TEMPLATE_HOLE = /^\[TODO: [^[\]\n]*\]$/;

/**
 * The front matter is not scanned for placeholders (its values are data, often quoted), except for a value
 * that is the template's hole and nothing else (`status: "[TODO: status]"`, written by the fix that adds a
 * required key): template text is always reported.
 */
function reportFrontMatterHoles(context: RuleContext): void {
  const frontMatter = context.model.frontMatter;
  for (const entry of frontMatter?.entries ?? []) {
    const value = frontMatter?.data?.[entry.key];
    if (typeof value !== 'string' || !TEMPLATE_HOLE.test(value)) continue;
    context.report('placeholder', entry.valueRange, `Placeholder '${value}' left in the report: replace it with the real content`, { placeholder: value });
  }
}

/** The line with its inline code spans and HTML comments blanked (they are not report text), columns kept. */
function reportText(raw: string): string {
  return raw.includes('`') || raw.includes('<!--') ? blankSpans(raw, codeAndCommentSpans(raw, true)) : raw;
}

/**
 * The lines of HTML blocks that open with a placeholder: Markdown takes a line such as `<Brief summary of
 * the incident>` after a heading for an HTML tag (of an unknown element `brief`) and the paragraph it starts
 * for HTML, which a preview does not show. Such a block is report text; blocks of real HTML are not read.
 */
function htmlBlocksOpenedByPlaceholder(model: ReportModel): Set<number> {
  const lines = new Set<number>();
  for (const { startLine, endLine } of model.htmlBlocks) {
    const raw = model.lines.lineText(startLine);
    if (!MAY_HAVE_PLACEHOLDER.test(raw)) continue;
    const first = reportText(raw);
    if (!placeholderAt(first, first.length - first.trimStart().length)) continue;
    for (let line = startLine; line < endLine; line++) lines.add(line);
  }
  return lines;
}
