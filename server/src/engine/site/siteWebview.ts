import type { Register } from '../register/registerTypes';
import { escapeHtml } from '../render/escape';
import { attackBody, type TacticColumn } from './siteAttack';
import { SITE_CSS, SITE_CSS_HASH } from './siteLayout';
import { reportNames } from './siteLinks';
import { metricsBody } from './siteMetrics';
import { indicatorsBody } from './siteIndicators';
import { reportPageName } from './siteNames';

/**
 * The register's metrics, ATT&CK heatmap and shared indicators as one page for an editor webview: the site's
 * own page bodies (same escaping, same inline SVG charts, same stylesheet allowed by its hash), and the only
 * script a nonce'd click handler that turns a link to a report page (`reports/<name>.html#L<n>`) into a
 * message, so the editor opens the report at that line. In-page links (a technique's entry) work as they are.
 */

export interface WebviewPageOptions {
  tacticOrder: readonly TacticColumn[];
  /** A fresh random value per page: the only script allowed is the one carrying it. */
  nonce: string;
  title?: string;
  footer: string;
}

/** The click handler: report links become `{ type: 'open', href }` messages; nothing else is sent. */
const CLICK_SCRIPT = `const vscode = acquireVsCodeApi();
document.addEventListener('click', (event) => {
  const link = event.target instanceof Element ? event.target.closest('a[href]') : null;
  const href = link ? link.getAttribute('href') : null;
  if (!href || href.startsWith('#')) return;
  event.preventDefault();
  if (href.startsWith('reports/')) vscode.postMessage({ type: 'open', href });
});`;

const NONCE = /^[A-Za-z0-9+/=_-]{16,}$/;

export function registerWebviewPage(register: Register, options: WebviewPageOptions): string {
  if (!NONCE.test(options.nonce)) throw new Error('registerWebviewPage: the nonce must be 16 or more base64 characters');
  const title = options.title ?? 'Incident register';
  const names = reportNames(register);
  const csp = `default-src 'none'; style-src '${SITE_CSS_HASH}'; script-src 'nonce-${options.nonce}'; base-uri 'none'; form-action 'none'`;
  const counts = `${register.totals.reports} report${register.totals.reports === 1 ? '' : 's'}, ${register.totals.withErrors} with errors`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${SITE_CSS}</style>
</head>
<body>
<header class="site">
<h1>${escapeHtml(title)}</h1>
<nav class="site" aria-label="Incident register">
<a href="#metrics">Metrics</a>
<a href="#attack">ATT&amp;CK heatmap</a>
<a href="#indicators">Shared indicators</a>
</nav>
<p class="note">${escapeHtml(counts)}</p>
</header>
<main>
<section id="metrics" aria-labelledby="metrics-heading"><h2 id="metrics-heading">Metrics</h2>
${metricsBody(register)}</section>
<section id="attack" aria-labelledby="attack-heading"><h2 id="attack-heading">ATT&amp;CK heatmap</h2>
${attackBody(register, options.tacticOrder, names)}</section>
<section id="indicators" aria-labelledby="indicators-heading"><h2 id="indicators-heading">Shared indicators</h2>
${indicatorsBody(register, names)}</section>
</main>
<footer class="site">${escapeHtml(options.footer)}</footer>
<script nonce="${options.nonce}">${CLICK_SCRIPT}</script>
</body>
</html>
`;
}

/** Report page name (`<slug>-<hash>.html`) → the report's path, to resolve a link the page sends back. */
export function reportPageTargets(register: Register): Record<string, string> {
  return Object.fromEntries(register.reports.map((row) => [reportPageName(row.path), row.path]));
}
