import type { AnalysedReport } from '../analysedReport';
import type { FeatureContext } from '../features/featureTypes';
import { escapeHtml } from './escape';
import { PREVIEW_CSS } from './previewStyles';
import { RenderState } from './renderContext';
import { renderFindings, renderHeader, reportTitle } from './renderHeader';
import { renderSections } from './renderSections';
import { sha256, toBase64, utf8Bytes } from '../text/sha';

export { PREVIEW_CSS };

/** What the preview reads of an AnalysedReport: the features' view plus the findings. */
export type RenderInput = FeatureContext & Pick<AnalysedReport, 'findings'>;

/**
 * The report's HTML body, rendered from its model: header card, validation summary, then the sections
 * in the order written (timeline lane, ATT&CK matrix, IOC table, field lists, prose). No <html>/<head>,
 * no scripts, no styles, no event handlers, no images, nothing that loads; every report string escaped.
 * Every element that maps to the source has `data-line` (zero-based line).
 */
export function renderReportBody(input: RenderInput): string {
  const state = new RenderState(input);
  const generated = Number.isNaN(input.now.getTime()) ? '' : ` · rendered ${input.now.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  return `<main class="report">
${renderHeader(state)}${renderFindings(input.findings)}${renderSections(state)}<footer class="report-footer">Incident Report Studio preview${escapeHtml(generated)}</footer>
</main>
`;
}

/** The plain-text title of the report (for a document title), from the same model. */
export function renderReportTitle(context: FeatureContext): string {
  return reportTitle(new RenderState(context));
}

export type DocumentOptions =
  { title: string; target: 'standalone' } | { title: string; target: 'webview'; cspSource: string; nonce: string; scriptUri: string; styleUri: string };

/**
 * `sha256-…` of the stylesheet. The standalone file allows exactly this one inline <style> block by hash:
 * no 'unsafe-inline' (an injected <style> or style="" would not apply), and no nonce, which would be a
 * constant in a static file and so protect nothing.
 */
export const PREVIEW_CSS_HASH = `sha256-${toBase64(sha256(utf8Bytes(PREVIEW_CSS)))}`;

const NONCE = /^[A-Za-z0-9+/_=-]{8,}$/;
/** One or more CSP source expressions: no ';' or ',' (which would start a new directive or policy), no quotes but '…' keywords. */
const CSP_SOURCE = /^(?:'[a-z-]+'|[A-Za-z0-9+.*:/_\-[\]%]+)(?: (?:'[a-z-]+'|[A-Za-z0-9+.*:/_\-[\]%]+))*$/;

/**
 * A whole HTML document around a body from `renderReportBody`.
 * - standalone: the stylesheet inline, allowed by its hash; no script at all (copy buttons hidden).
 *   CSP `default-src 'none'; style-src 'sha256-…'; base-uri 'none'; form-action 'none'`.
 * - webview: the stylesheet and media/preview.js from the extension, CSP
 *   `default-src 'none'; script-src 'nonce-…'; style-src <cspSource> 'nonce-…'; img-src <cspSource> data:; font-src <cspSource>`.
 * Both: no referrer, no DNS prefetching of link hosts.
 */
export function renderReportDocument(body: string, options: DocumentOptions): string {
  const common =
    '<meta name="referrer" content="no-referrer">\n<meta http-equiv="x-dns-prefetch-control" content="off">\n<meta name="viewport" content="width=device-width, initial-scale=1">';
  if (options.target === 'standalone') {
    const csp = `default-src 'none'; style-src '${PREVIEW_CSS_HASH}'; base-uri 'none'; form-action 'none'`;
    return `<!DOCTYPE html>
<html lang="en" data-target="standalone">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
${common}
<meta name="color-scheme" content="light dark">
<title>${escapeHtml(options.title)}</title>
<style>${PREVIEW_CSS}</style>
</head>
<body>
${body}</body>
</html>
`;
  }
  if (!NONCE.test(options.nonce)) throw new Error('renderReportDocument: the nonce must be 8 or more base64 characters');
  if (!CSP_SOURCE.test(options.cspSource)) throw new Error(`renderReportDocument: not a CSP source expression: ${options.cspSource}`);
  // Both validated above: neither can contain a quote, '&', '<' or '>'.
  const nonce = options.nonce;
  const source = options.cspSource;
  const csp = `default-src 'none'; script-src 'nonce-${nonce}'; style-src ${source} 'nonce-${nonce}'; img-src ${source} data:; font-src ${source}; base-uri 'none'; form-action 'none'`;
  return `<!DOCTYPE html>
<html lang="en" data-target="webview">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
${common}
<title>${escapeHtml(options.title)}</title>
<link rel="stylesheet" href="${escapeHtml(options.styleUri)}" nonce="${nonce}">
<script nonce="${nonce}" src="${escapeHtml(options.scriptUri)}" defer></script>
</head>
<body>
${body}</body>
</html>
`;
}
