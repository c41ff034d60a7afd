import type { Register } from '../register/registerTypes';
import { escapeHtml } from '../render/escape';
import { sha256, toBase64, utf8Bytes } from '../text/sha';
import { attackBody, type TacticColumn } from './siteAttack';
import { pageHead, SITE_CSS_HASH } from './siteLayout';
import { reportNames, TRACE_MARKS, type ReportNames } from './siteLinks';
import { metricsBody } from './siteMetrics';
import { indicatorsBody } from './siteIndicators';
import { reportPageName } from './siteNames';

/**
 * The register's metrics, ATT&CK heatmap and shared indicators as one page for an editor webview: the site's
 * own page bodies (same escaping, same inline SVG charts, same stylesheet allowed by its hash), with every
 * number a button carrying its trace key (siteTrace.ts). The only script is a nonce'd handler: a number
 * becomes a `{ type: 'trace', key }` message (the editor lists the reports and lines behind it), a link to a
 * report page (`reports/<name>.html#L<n>`) an `{ type: 'open', href }` message; in-page links work as they
 * are. The page is made of sections (WEBVIEW_SECTIONS) that an `{ type: 'update', sections }` message from
 * the editor replaces one by one, so a change redraws only the parts it changed.
 */

export interface WebviewPageOptions {
  tacticOrder: readonly TacticColumn[];
  /** A fresh random value per page: the only script allowed is the one carrying it. */
  nonce: string;
  title?: string;
  footer: string;
}

/** The parts of the page the editor can replace alone, in page order. */
export const WEBVIEW_SECTIONS = ['summary', 'metrics', 'attack', 'indicators', 'footer'] as const;
export type WebviewSectionId = (typeof WEBVIEW_SECTIONS)[number];

/** The page's one script: numbers and report links become messages; section updates come in. */
const SCRIPT = `const vscode = acquireVsCodeApi();
document.addEventListener('click', (event) => {
  const target = event.target instanceof Element ? event.target : null;
  const traced = target ? target.closest('[data-trace]') : null;
  if (traced) {
    event.preventDefault();
    vscode.postMessage({ type: 'trace', key: traced.getAttribute('data-trace') });
    return;
  }
  const link = target ? target.closest('a[href]') : null;
  const href = link ? link.getAttribute('href') : null;
  if (!href || href.startsWith('#')) return;
  event.preventDefault();
  if (href.startsWith('reports/')) vscode.postMessage({ type: 'open', href });
});
window.addEventListener('message', (event) => {
  const message = event.data;
  if (!message || message.type !== 'update' || !Array.isArray(message.sections)) return;
  for (const section of message.sections) {
    const element = section && typeof section.id === 'string' ? document.getElementById('section-' + section.id) : null;
    if (element && typeof section.html === 'string') element.innerHTML = section.html;
  }
});`;

/** The numbers as controls: they look like links and show the keyboard focus. */
export const WEBVIEW_CSS = `
button.trace { font: inherit; color: var(--link); background: none; border: 0; padding: 0; margin: 0; cursor: pointer; text-decoration: underline dotted; }
button.trace:hover, button.trace:focus-visible { text-decoration: underline; outline: 2px solid var(--link); outline-offset: 1px; }
table.heatmap td a[data-trace] { cursor: pointer; }
`;
const WEBVIEW_CSS_HASH = `sha256-${toBase64(sha256(utf8Bytes(WEBVIEW_CSS)))}`;

const NONCE = /^[A-Za-z0-9+/=_-]{16,}$/;

/** What a section is drawn from: the register, and (computed once per page) the reports' names. */
export interface SectionInput {
  register: Register;
  names: ReportNames;
  options: Omit<WebviewPageOptions, 'nonce'>;
}

/** One section's inner HTML. */
export function webviewSection(id: WebviewSectionId, { register, names, options }: SectionInput): string {
  switch (id) {
    case 'summary': {
      const { reports, withErrors } = register.totals;
      return `${TRACE_MARKS.value('reports', reports)} report${reports === 1 ? '' : 's'}, ${TRACE_MARKS.value('errors', withErrors)} with errors`;
    }
    case 'metrics':
      return metricsBody(register, TRACE_MARKS);
    case 'attack':
      return attackBody(register, options.tacticOrder, names, TRACE_MARKS);
    case 'indicators':
      return indicatorsBody(register, names, TRACE_MARKS);
    case 'footer':
      return escapeHtml(options.footer);
  }
}

/** The whole page; `drawn` holds sections already drawn for this register (the server's cache). */
export function registerWebviewPage(register: Register, options: WebviewPageOptions, drawn: Partial<Record<WebviewSectionId, string>> = {}): string {
  if (!NONCE.test(options.nonce)) throw new Error('registerWebviewPage: the nonce must be 16 or more base64 characters');
  const title = options.title ?? 'Incident register';
  let names: ReportNames | undefined;
  const section = (id: WebviewSectionId) => drawn[id] ?? webviewSection(id, { register, names: (names ??= reportNames(register)), options });
  const csp = `default-src 'none'; style-src '${SITE_CSS_HASH}' '${WEBVIEW_CSS_HASH}'; script-src 'nonce-${options.nonce}'; base-uri 'none'; form-action 'none'`;
  return `${pageHead(title, csp, WEBVIEW_CSS)}<body>
<header class="site">
<h1>${escapeHtml(title)}</h1>
<nav class="site" aria-label="Incident register">
<a href="#metrics">Metrics</a>
<a href="#attack">ATT&amp;CK heatmap</a>
<a href="#indicators">Shared indicators</a>
</nav>
<p class="note" id="section-summary">${section('summary')}</p>
</header>
<main>
<section id="metrics" aria-labelledby="metrics-heading"><h2 id="metrics-heading">Metrics</h2>
<div id="section-metrics">${section('metrics')}</div></section>
<section id="attack" aria-labelledby="attack-heading"><h2 id="attack-heading">ATT&amp;CK heatmap</h2>
<div id="section-attack">${section('attack')}</div></section>
<section id="indicators" aria-labelledby="indicators-heading"><h2 id="indicators-heading">Shared indicators</h2>
<div id="section-indicators">${section('indicators')}</div></section>
</main>
<footer class="site" id="section-footer">${section('footer')}</footer>
<script nonce="${options.nonce}">${SCRIPT}</script>
</body>
</html>
`;
}

/** Report page name (`<slug>-<hash>.html`) → the report's path, to resolve a link the page sends back. */
export function reportPageTargets(register: Register): Record<string, string> {
  return Object.fromEntries(register.reports.map((row) => [reportPageName(row.path), row.path]));
}
