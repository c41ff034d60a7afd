/**
 * The preview's stylesheet, shared by the standalone file (inline, allowed by its CSP hash) and the VS Code
 * webview (media/preview.css, written from this by scripts/bundle.mjs at build time). Colours come from VS Code's theme
 * variables, with fallbacks that make the standalone file look right in a browser, light or dark; the
 * `vscode-light`/`vscode-dark`/`vscode-high-contrast` body classes adjust the level palette and borders.
 * No report content ever reaches this text.
 */
export const PREVIEW_CSS = `:root {
  --irs-font: var(--vscode-font-family, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", sans-serif);
  --irs-mono: var(--vscode-editor-font-family, ui-monospace, SFMono-Regular, Menlo, Consolas, monospace);
  --irs-size: var(--vscode-font-size, 15px);
  --irs-fg: var(--vscode-editor-foreground, #1f2328);
  --irs-bg: var(--vscode-editor-background, #ffffff);
  --irs-muted: var(--vscode-descriptionForeground, #59636e);
  --irs-border: var(--vscode-panel-border, #d1d9e0);
  --irs-card: var(--vscode-editorWidget-background, #f6f8fa);
  --irs-link: var(--vscode-textLink-foreground, #0969da);
  --irs-error: var(--vscode-errorForeground, #cf222e);
  --irs-warning: var(--vscode-editorWarning-foreground, #9a6700);
  --irs-info: var(--vscode-editorInfo-foreground, #0969da);
  --irs-badge-bg: var(--vscode-badge-background, #e6eaef);
  --irs-badge-fg: var(--vscode-badge-foreground, #1f2328);
  --irs-accent: var(--vscode-button-background, #0969da);
  --irs-accent-fg: var(--vscode-button-foreground, #ffffff);
  --irs-code: var(--vscode-textCodeBlock-background, #eff2f5);
  --irs-hover: var(--vscode-list-hoverBackground, #eaeef2);
  --irs-focus: var(--vscode-focusBorder, #0969da);
  --irs-hc: transparent;
  --irs-lvl-none: #6e7781; --irs-lvl-low: #1a7f37; --irs-lvl-medium: #9a6700; --irs-lvl-high: #bc4c00; --irs-lvl-critical: #cf222e; --irs-lvl-unknown: #8250df;
}
@media (prefers-color-scheme: dark) {
  html[data-target="standalone"] {
    --irs-fg: #e6edf3; --irs-bg: #0d1117; --irs-muted: #9198a1; --irs-border: #3d444d; --irs-card: #151b23; --irs-link: #4493f8;
    --irs-error: #f85149; --irs-warning: #d29922; --irs-info: #4493f8; --irs-badge-bg: #2a313c; --irs-badge-fg: #e6edf3;
    --irs-accent: #1f6feb; --irs-accent-fg: #ffffff; --irs-code: #1f2630; --irs-hover: #1f2630; --irs-focus: #4493f8;
    --irs-lvl-none: #9198a1; --irs-lvl-low: #3fb950; --irs-lvl-medium: #d29922; --irs-lvl-high: #f0883e; --irs-lvl-critical: #f85149; --irs-lvl-unknown: #ab7df8;
  }
}
body.vscode-dark { --irs-info: var(--vscode-editorInfo-foreground, #3794ff); --irs-lvl-none: #9198a1; --irs-lvl-low: #3fb950; --irs-lvl-medium: #d29922; --irs-lvl-high: #f0883e; --irs-lvl-critical: #f85149; --irs-lvl-unknown: #ab7df8; }
body.vscode-light { --irs-lvl-medium: #9a6700; --irs-lvl-high: #bc4c00; }
body.vscode-high-contrast {
  --irs-hc: var(--vscode-contrastBorder, #6fc3df); --irs-border: var(--vscode-contrastBorder, #6fc3df);
  --irs-lvl-none: #ffffff; --irs-lvl-low: #89d185; --irs-lvl-medium: #ffd700; --irs-lvl-high: #ff9f40; --irs-lvl-critical: #ff6b6b; --irs-lvl-unknown: #d6a8ff;
}
html { color-scheme: light dark; }
body { margin: 0; padding: 0 1.25rem 2rem; color: var(--irs-fg); background: var(--irs-bg); font-family: var(--irs-font); font-size: var(--irs-size); line-height: 1.5; }
main.report { max-width: 78rem; margin: 0 auto; }
a { color: var(--irs-link); }
a:focus-visible, button:focus-visible, .table-scroll:focus-visible { outline: 2px solid var(--irs-focus); outline-offset: 2px; }
code, pre, .tid, .ioc { font-family: var(--irs-mono); font-size: 0.9em; }
code { background: var(--irs-code); padding: 0.05em 0.3em; border-radius: 3px; overflow-wrap: anywhere; }
pre { background: var(--irs-code); padding: 0.6rem 0.8rem; border-radius: 6px; overflow-x: auto; }
pre code { background: none; padding: 0; }
blockquote { margin: 0.5rem 0; padding: 0 0.9rem; border-left: 3px solid var(--irs-border); color: var(--irs-muted); }
table { border-collapse: collapse; }
th, td { border: 1px solid var(--irs-border); padding: 0.3rem 0.55rem; text-align: left; vertical-align: top; }
.align-center { text-align: center; } .align-right { text-align: right; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.card { background: var(--irs-card); border: 1px solid var(--irs-border); border-radius: 8px; padding: 1rem 1.25rem; margin: 1rem 0; }
.empty, .note, .date-unknown, .report-footer, .more { color: var(--irs-muted); }
.link-blocked { text-decoration: underline dotted; }
.image-ref { color: var(--irs-muted); font-style: italic; }
.preview-message { margin: 2rem auto; max-width: 40rem; padding: 1rem 1.25rem; border: 1px solid var(--irs-border); border-radius: 8px; background: var(--irs-card); }

/* Header card */
.report-header { margin-top: 1.25rem; }
.report-header h1 { font-size: 1.65em; line-height: 1.25; margin: 0.35rem 0 0.9rem; }
.badges { display: flex; flex-wrap: wrap; gap: 0.4rem; }
.badge { display: inline-block; padding: 0.1rem 0.55rem; border-radius: 999px; font-size: 0.78em; font-weight: 600; line-height: 1.5; letter-spacing: 0.02em; background: var(--irs-badge-bg); color: var(--irs-badge-fg); border: 1px solid var(--irs-hc); white-space: nowrap; }
.badge.tlp { background: #000; border: 1px solid #000; font-family: var(--irs-mono); }
.tlp-clear { color: #fff; } .tlp-green { color: #33ff00; } .tlp-amber, .tlp-amber-strict { color: #ffc000; } .tlp-red { color: #ff2b2b; } .tlp-unknown { color: #fff; }
.tlp-amber-strict { box-shadow: inset 0 0 0 1px #ffc000; }
body.vscode-dark .badge.tlp, body.vscode-high-contrast .badge.tlp { border-color: currentColor; }
@media (prefers-color-scheme: dark) { html[data-target="standalone"] .badge.tlp { border-color: currentColor; } }
.badge.severity, .badge.level { color: var(--irs-fg); background: color-mix(in srgb, var(--lvl, var(--irs-lvl-none)) 18%, transparent); border-color: var(--lvl, var(--irs-lvl-none)); }
.sev-informational, .level-none { --lvl: var(--irs-lvl-none); } .sev-low, .level-low { --lvl: var(--irs-lvl-low); }
.sev-medium, .level-medium { --lvl: var(--irs-lvl-medium); } .sev-high, .level-high { --lvl: var(--irs-lvl-high); }
.sev-critical, .level-critical { --lvl: var(--irs-lvl-critical); } .sev-unknown, .level-unknown { --lvl: var(--irs-lvl-unknown); }
.badge.status { text-transform: uppercase; font-size: 0.72em; }
.badge.report-id { font-family: var(--irs-mono); font-weight: 500; }
.facts { display: grid; grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr)); gap: 0.6rem 1.5rem; margin: 0; }
.fact dt { font-size: 0.75em; text-transform: uppercase; letter-spacing: 0.05em; color: var(--irs-muted); }
.fact dd { margin: 0.1rem 0 0; }
.dwell { margin: 0.9rem 0 0; color: var(--irs-muted); font-size: 0.9em; }

/* Validation summary */
.validation h2 { font-size: 1em; margin: 0 0 0.4rem; text-transform: uppercase; letter-spacing: 0.05em; color: var(--irs-muted); }
.counts { display: flex; gap: 0.75rem; margin: 0 0 0.5rem; font-weight: 600; }
.count.sev-error, .finding.sev-error .sev { color: var(--irs-error); }
.count.sev-warning, .finding.sev-warning .sev { color: var(--irs-warning); }
.count.sev-info, .finding.sev-info .sev { color: var(--irs-info); }
/* A zero count is quieter by weight and colour, not by opacity (which failed 4.5:1 contrast). */
.count.zero { color: var(--irs-muted); font-weight: 400; }
.clean-note { margin: 0; color: var(--irs-lvl-low); }
ol.findings { list-style: none; margin: 0; padding: 0; max-height: 22rem; overflow-y: auto; }
.finding { display: flex; flex-wrap: wrap; align-items: baseline; gap: 0 0.6rem; width: 100%; text-align: left; font: inherit; color: inherit; background: none; border: 0; border-radius: 4px; padding: 0.25rem 0.4rem; cursor: pointer; }
.finding:hover { background: var(--irs-hover); }
.finding .sev { font-size: 0.72em; font-weight: 700; text-transform: uppercase; min-width: 4.2rem; }
.finding .loc { color: var(--irs-muted); font-variant-numeric: tabular-nums; min-width: 3.5rem; font-size: 0.9em; }
.finding .msg { flex: 1 1 12rem; min-width: 0; overflow-wrap: anywhere; }
.finding .rule { background: none; color: var(--irs-muted); font-size: 0.8em; overflow-wrap: anywhere; }
html[data-target="standalone"] .finding { cursor: default; }
html[data-target="standalone"] .finding:hover { background: none; }

/* Sections */
.report-section { margin: 2.25rem 0; }
.report-section > h2 { font-size: 1.3em; margin: 0 0 0.75rem; padding-bottom: 0.3rem; border-bottom: 1px solid var(--irs-border); }
.report-section h3 { font-size: 1.05em; margin: 1rem 0 0.4rem; }
dl.fields { margin: 0.25rem 0 0.75rem; }
.field { display: grid; grid-template-columns: minmax(8rem, 14rem) minmax(0, 1fr); gap: 0.25rem 1.25rem; padding: 0.4rem 0; border-bottom: 1px solid color-mix(in srgb, var(--irs-border) 60%, transparent); }
.field dt { font-weight: 600; }
.field dd { margin: 0; min-width: 0; }
.field dd > :first-child, .phase-body dd > p:first-child { margin-top: 0; }
.field dd > :last-child { margin-bottom: 0; }
.field dd ul, .field dd ol { padding-left: 1.2rem; margin: 0.2rem 0; }
.badge.level { vertical-align: 0.08em; }

/* Timeline lane */
ol.timeline { list-style: none; margin: 0.75rem 0 0; padding: 0; }
.timeline > li { display: grid; grid-template-columns: minmax(8rem, 12rem) minmax(0, 1fr); column-gap: 1.4rem; }
.timeline .when { text-align: right; padding-top: 0.1rem; font-size: 0.88em; font-variant-numeric: tabular-nums; color: var(--irs-muted); overflow-wrap: anywhere; }
.timeline .dated .when { color: var(--irs-fg); font-weight: 600; }
.timeline .date-invalid { color: var(--irs-error); text-decoration: underline wavy; }
.timeline .phase-body { position: relative; border-left: 2px solid var(--irs-accent); padding: 0 0 0.9rem 1.4rem; min-width: 0; }
.timeline .phase-body::before { content: ""; position: absolute; left: -8px; top: 0.3rem; width: 10px; height: 10px; border-radius: 50%; background: var(--irs-accent); border: 2px solid var(--irs-bg); box-shadow: 0 0 0 1px var(--irs-accent); }
.timeline .undated .phase-body::before { background: var(--irs-bg); box-shadow: 0 0 0 1px var(--irs-muted); }
.timeline .group .phase-body::before { display: none; }
.timeline .phase-body h3 { margin: 0 0 0.3rem; }
.timeline .phase-body .field { grid-template-columns: minmax(5rem, 8rem) minmax(0, 1fr); padding: 0.2rem 0; border: 0; }
.timeline .gap > span { grid-column: 2; justify-self: start; margin: -0.35rem 0 0.5rem -0.85rem; padding: 0.05rem 0.55rem; font-size: 0.78em; border-radius: 999px; background: var(--irs-badge-bg); color: var(--irs-badge-fg); border: 1px solid var(--irs-border); position: relative; }
.timeline .gap.backwards > span { color: var(--irs-error); border-color: var(--irs-error); background: var(--irs-bg); }
@media (max-width: 40rem) {
  .timeline > li { grid-template-columns: minmax(0, 1fr); }
  .timeline .when { text-align: left; padding-left: 1.4rem; border-left: 2px solid var(--irs-accent); }
  .timeline .gap > span { grid-column: 1; margin-left: 0.6rem; }
  .field, .timeline .phase-body .field { grid-template-columns: minmax(0, 1fr); }
  .field dd { overflow-wrap: anywhere; }
}

/* ATT&CK matrix: tactics in matrix order, left to right, in bands of 7 (4 or 2 when narrow): 14 columns
   in a readable width would not fit the page, and a scrolled matrix hides half the tactics. */
.attack-matrix { margin: 0.75rem 0; container-type: inline-size; }
.table-scroll { overflow-x: auto; position: relative; max-width: 100%; }
.table-scroll > table { margin: 0; }
.matrix { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 4px; }
@container (min-width: 30rem) { .matrix { grid-template-columns: repeat(4, minmax(0, 1fr)); } }
@container (min-width: 56rem) { .matrix { grid-template-columns: repeat(7, minmax(0, 1fr)); } }
.matrix .tactic { position: relative; display: grid; grid-row: span 2; grid-template-rows: subgrid; row-gap: 0; background: var(--irs-card); border: 1px solid var(--irs-hc); border-top: 3px solid var(--irs-border); border-radius: 4px; min-width: 0; }
.matrix .tactic.listed { border-top-color: var(--irs-accent); }
.matrix .tactic.unlisted .tactic-name { color: var(--irs-muted); font-weight: 600; }
.tactic-name { align-self: end; min-width: 0; padding: 0.35rem 0.45rem 0.3rem; font-size: 0.78em; line-height: 1.25; font-weight: 700; overflow-wrap: break-word; }
.tactic-name .count { display: inline-block; min-width: 1.3em; margin-left: 0.15rem; padding: 0 0.3rem; border-radius: 999px; text-align: center; background: var(--irs-accent); color: var(--irs-accent-fg); font-size: 0.9em; }
.tactic-body { padding: 0 0.35rem 0.4rem; min-height: 3rem; }
.matrix .tactic.na .tactic-name { color: var(--irs-muted); }
.matrix .tactic.na { background: repeating-linear-gradient(135deg, transparent 0 6px, color-mix(in srgb, var(--irs-border) 45%, transparent) 6px 7px), var(--irs-card); }
ul.techniques { list-style: none; margin: 0; padding: 0; display: grid; gap: 3px; }
.technique { padding: 0.2rem 0.4rem; border-radius: 4px; font-size: 0.76em; line-height: 1.25; background: var(--irs-accent); color: var(--irs-accent-fg); border: 1px solid var(--irs-hc); cursor: default; overflow-wrap: anywhere; }
.technique .tid { display: block; font-weight: 700; font-size: 1em; }
.technique .tname { display: block; }
.technique.mentioned { background: transparent; color: var(--irs-fg); border: 1px dashed var(--irs-accent); }
.technique.unknown { background: transparent; color: var(--irs-error); border: 1px solid var(--irs-error); }
.technique.off-tactic { box-shadow: inset 3px 0 0 var(--irs-warning); }
.technique.retired .tid { text-decoration: line-through; }
.technique .replaced { display: block; margin-top: 0.1rem; font-style: italic; }
.cell-note { margin: 0.2rem 0 0; font-size: 0.76em; line-height: 1.3; color: var(--irs-muted); overflow-wrap: anywhere; }
.cell-note.legacy-row { font-style: italic; border-left: 2px solid var(--irs-warning); padding-left: 0.3rem; }
.attack-matrix figcaption { margin-top: 0.35rem; font-size: 0.8em; color: var(--irs-muted); }
.attack-version { font-weight: 600; color: var(--irs-fg); }
body.vscode-high-contrast .technique.listed { background: transparent; color: var(--irs-fg); border: 2px solid var(--vscode-contrastActiveBorder, #f38518); }

/* Indicators */
table.iocs { width: 100%; font-size: 0.92em; }
.iocs thead th { font-size: 0.8em; text-transform: uppercase; letter-spacing: 0.04em; color: var(--irs-muted); background: var(--irs-card); }
.iocs tr.group th { background: var(--irs-card); font-weight: 700; }
.iocs .count { color: var(--irs-muted); font-weight: 400; }
.iocs td.value { width: 45%; }
.iocs code.ioc { overflow-wrap: anywhere; word-break: break-all; }
.iocs .live { font-size: 0.75em; color: var(--irs-warning); margin-left: 0.3rem; white-space: nowrap; }
.iocs .problem { color: var(--irs-warning); cursor: help; }
.iocs .badge { font-size: 0.75em; margin-left: 0.3rem; padding: 0 0.3em; border: 1px solid currentColor; border-radius: 3px; white-space: nowrap; opacity: 0.85; }
.iocs .repeat { font-size: 0.75em; margin-left: 0.3rem; opacity: 0.7; cursor: help; }
.iocs td.copy-col, .iocs th.copy-col { width: 4.5rem; text-align: center; }
button.copy { font: inherit; font-size: 0.8em; padding: 0.1rem 0.5rem; border-radius: 4px; cursor: pointer; color: var(--vscode-button-secondaryForeground, var(--irs-badge-fg)); background: var(--vscode-button-secondaryBackground, var(--irs-badge-bg)); border: 1px solid var(--irs-border); }
button.copy:hover { background: var(--vscode-button-secondaryHoverBackground, var(--irs-hover)); }
button.copy.copied { color: var(--irs-lvl-low); }
html[data-target="standalone"] .copy, html[data-target="standalone"] .copy-col { display: none; }
.report-footer { margin: 3rem 0 1rem; font-size: 0.8em; border-top: 1px solid var(--irs-border); padding-top: 0.5rem; }

@media (prefers-reduced-motion: reduce) {
  *, *::before, *::after { animation: none !important; transition: none !important; scroll-behavior: auto !important; }
}
/* Forced colours (Windows High Contrast): backgrounds are dropped, so what a colour said is said by a border. */
@media (forced-colors: active) {
  .badge, .technique, .matrix .tactic, .count, .timeline .gap > span { border: 1px solid CanvasText; }
  .technique.mentioned { border-style: dashed; }
  .badge.tlp { forced-color-adjust: none; } /* FIRST's TLP colours on black, each over 4.5:1, are the label's meaning */
  .technique.unknown { border-style: double; border-width: 3px; }
  .technique.off-tactic { border-left-width: 4px; }
  .matrix .tactic.listed { border-top: 3px solid Highlight; }
  .matrix .tactic.na { background: Canvas; border-style: dotted; }
  .timeline .phase-body { border-left-color: CanvasText; }
  .timeline .phase-body::before { forced-color-adjust: none; background: CanvasText; border-color: Canvas; box-shadow: 0 0 0 1px CanvasText; }
  .timeline .undated .phase-body::before { background: Canvas; }
  th, td { border-color: CanvasText; }
  a:focus-visible, button:focus-visible, .table-scroll:focus-visible { outline-color: Highlight; }
}

@media print {
  :root, html[data-target] { --irs-fg: #000; --irs-bg: #fff; --irs-muted: #333; --irs-border: #888; --irs-card: #fff; --irs-link: #000; --irs-accent: #000; --irs-accent-fg: #fff; --irs-code: #f1f1f1; --irs-badge-bg: #fff; --irs-badge-fg: #000; --irs-hover: transparent; }
  body { color: #000; background: #fff; padding: 0; font-size: 10.5pt; }
  button.copy, .copy-col { display: none !important; }
  .finding { cursor: auto; padding: 0.1rem 0; }
  ol.findings { max-height: none; overflow: visible; }
  .report-section { break-before: page; }
  .card, .field, .timeline > li, tr, .technique, .matrix .tactic { break-inside: avoid; }
  .table-scroll { overflow: visible; }
  .matrix { grid-template-columns: repeat(7, minmax(0, 1fr)) !important; font-size: 8pt; }
  .badge, .technique, .matrix .tactic.na { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  a { color: #000; }
  a[href^="http"]::after { content: " <" attr(href) ">"; font-size: 0.85em; overflow-wrap: anywhere; }
}
`;
