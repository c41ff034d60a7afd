import { escapeHtml } from '../render/escape';
import { sha256, toBase64, utf8Bytes } from '../text/sha';

/**
 * The shell of every register page (not the report pages, which are the standalone render's own
 * documents): one inline stylesheet allowed by its hash, and the same policy as `increport render`:
 * `default-src 'none'` (no script, image, font, frame or fetch of any kind), no base, no form target, no
 * referrer. Report text reaches a page only through escapeHtml; links are only the site's own file names.
 */

export const SITE_CSS = `
:root { color-scheme: light dark; --fg: #1f2328; --bg: #ffffff; --muted: #59636e; --line: #d1d9e0; --head: #f6f8fa; --link: #0969da;
  --sev-critical: #8b0000; --sev-high: #d1242f; --sev-medium: #bf8700; --sev-low: #1a7f37; --sev-other: #6e7781;
  --heat-0: #ffffff; --heat-1: #fff4d6; --heat-2: #ffe08a; --heat-3: #ffb35c; --heat-4: #f0703a; --heat-5: #c4231b; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e6edf3; --bg: #0d1117; --muted: #9198a1; --line: #3d444d; --head: #151b23; --link: #4493f8; --heat-0: #0d1117; }
}
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg); }
header.site { padding: 12px 24px; border-bottom: 1px solid var(--line); background: var(--head); }
header.site h1 { margin: 0 0 6px; font-size: 20px; }
nav.site a { margin-right: 16px; }
nav.site a[aria-current="page"] { font-weight: 600; color: var(--fg); text-decoration: none; }
main { padding: 16px 24px 32px; }
a { color: var(--link); }
h2 { font-size: 17px; margin: 24px 0 8px; }
p.note, .muted { color: var(--muted); }
table { border-collapse: collapse; margin: 8px 0 16px; }
th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
thead th { background: var(--head); position: sticky; top: 0; }
th a { color: inherit; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
code { font: 12px ui-monospace, SFMono-Regular, Consolas, monospace; overflow-wrap: anywhere; }
.badge { display: inline-block; padding: 0 6px; border-radius: 9px; font-size: 12px; border: 1px solid var(--line); }
.sev-critical { color: #ffffff; background: var(--sev-critical); }
.sev-high { color: #ffffff; background: var(--sev-high); }
.sev-medium { color: #1f2328; background: #f2cc60; }
.sev-low { color: #ffffff; background: var(--sev-low); }
.sev-other { color: #ffffff; background: var(--sev-other); }
.errors { color: var(--sev-high); font-weight: 600; }
.scroll { overflow-x: auto; }
table.heatmap td { padding: 0; min-width: 140px; }
table.heatmap td a { display: block; padding: 4px 6px; color: #1f2328; text-decoration: none; }
table.heatmap td a:hover, table.heatmap td a:focus { outline: 2px solid var(--link); }
table.heatmap .count { float: right; font-weight: 700; margin-left: 6px; }
.heat-0 { background: var(--heat-0); } .heat-1 { background: var(--heat-1); } .heat-2 { background: var(--heat-2); }
.heat-3 { background: var(--heat-3); } .heat-4 { background: var(--heat-4); } .heat-5 { background: var(--heat-5); }
table.heatmap .heat-4 a, table.heatmap .heat-5 a { color: #ffffff; }
.legend span { display: inline-block; margin-right: 10px; }
.swatch { display: inline-block; width: 12px; height: 12px; border: 1px solid var(--line); vertical-align: -2px; margin-right: 4px; }
figure { margin: 8px 0 16px; }
figcaption { color: var(--muted); }
svg.chart { max-width: 100%; height: auto; font: 11px system-ui, sans-serif; }
svg.chart text { fill: var(--fg); }
svg.chart .axis { stroke: var(--muted); }
svg.chart .bar-critical { fill: var(--sev-critical); } svg.chart .bar-high { fill: var(--sev-high); }
svg.chart .bar-medium { fill: #e3b341; } svg.chart .bar-low { fill: var(--sev-low); } svg.chart .bar-other { fill: var(--sev-other); }
svg.chart .bar { fill: var(--link); }
details { margin: 8px 0 16px; }
footer.site { padding: 8px 24px; color: var(--muted); border-top: 1px solid var(--line); }
`;

export const SITE_CSS_HASH = `sha256-${toBase64(sha256(utf8Bytes(SITE_CSS)))}`;

/** The policy of every register page, as a meta element can carry it. */
export const SITE_CSP = `default-src 'none'; style-src '${SITE_CSS_HASH}'; base-uri 'none'; form-action 'none'`;

/** The register's pages, as the navigation lists them. */
export const SITE_PAGES = [
  { file: 'index.html', label: 'Register' },
  { file: 'attack.html', label: 'ATT&CK heatmap' },
  { file: 'metrics.html', label: 'Metrics' },
  { file: 'indicators.html', label: 'Shared indicators' },
] as const;

export type SitePageFile = (typeof SITE_PAGES)[number]['file'];

export interface PageOptions {
  /** Plain text; escaped here. */
  title: string;
  /** The navigation entry to mark as the current page. */
  current: SitePageFile;
  /** Already-escaped HTML of the page's main content. */
  body: string;
  /** Plain text for the footer (tool and version, generation time). */
  footer: string;
  /** Prefix of links to the other pages ('' at the top, '../' from a report page). */
  root?: string;
}

/** The navigation bar, also put on report pages (`root` '../'). */
export function siteNav(current: SitePageFile | undefined, root = ''): string {
  const links = SITE_PAGES.map(
    (page) => `<a href="${root}${page.file}"${page.file === current ? ' aria-current="page"' : ''}>${escapeHtml(page.label)}</a>`,
  ).join('\n');
  return `<nav class="site" aria-label="Incident register">\n${links}\n</nav>`;
}

/**
 * The start of every register document, up to `</head>`: the static site's pages (SITE_CSP) and the editor's
 * register webview (its own policy, which adds the nonce of its one script and the hash of its extra
 * stylesheet). `extraCss` goes in a second style element, which the policy must allow by its own hash.
 */
export function pageHead(title: string, csp: string, extraCss?: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="referrer" content="no-referrer">
<meta http-equiv="x-dns-prefetch-control" content="off">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${escapeHtml(title)}</title>
<style>${SITE_CSS}</style>
${extraCss === undefined ? '' : `<style>${extraCss}</style>\n`}</head>
`;
}

/** A whole register page. */
export function sitePage(options: PageOptions): string {
  return `${pageHead(options.title, SITE_CSP)}<body>
<header class="site">
<h1>${escapeHtml(options.title)}</h1>
${siteNav(options.current, options.root ?? '')}
</header>
<main>
${options.body}</main>
<footer class="site">${escapeHtml(options.footer)}</footer>
</body>
</html>
`;
}

/** A number of hours as text: one decimal below 100, whole above. */
export function formatHours(hours: number | null | undefined): string {
  if (hours === null || hours === undefined || !Number.isFinite(hours)) return '–';
  return Math.abs(hours) < 100 ? String(Math.round(hours * 10) / 10) : String(Math.round(hours));
}

/** The severity badge class for a severity as written (a fixed list; anything else gets none). */
export function severityClass(severity: string): string {
  const key = severity.trim().toLowerCase();
  return ['critical', 'high', 'medium', 'low'].includes(key) ? `sev-${key}` : '';
}
