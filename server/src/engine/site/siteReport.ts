import { renderReportBody, renderReportDocument, renderReportTitle, type RenderInput } from '../render/renderReport';
import { siteNav } from './siteLayout';

/**
 * A report's page: the standalone document of `increport render` (its own stylesheet, hash and policy, no
 * script), with the register's navigation above the report and an anchor `L<n>` (1-based) on the first element
 * rendered from each source line, so that the register can link to a line.
 *
 * The anchors are added to the rendered HTML: every `data-line="…"` attribute there is the renderer's own
 * (report text is escaped, so a quote from a report is `&quot;` and cannot open or close an attribute).
 */
export function reportPage(input: RenderInput, fallbackTitle: string): string {
  const title = input.model.titles.length > 0 || input.model.frontMatter?.data?.title ? renderReportTitle(input) : fallbackTitle;
  const body = withLineAnchors(renderReportBody(input));
  return renderReportDocument(`${siteNav(undefined, '../')}\n${body}`, { title, target: 'standalone' });
}

export function withLineAnchors(html: string): string {
  const seen = new Set<number>();
  return html.replace(/ data-line="(\d{1,9})"/g, (attribute, digits: string) => {
    const line = Number(digits) + 1;
    if (seen.has(line)) return attribute;
    seen.add(line);
    return ` id="L${line}"${attribute}`;
  });
}
