/**
 * The static register site (`increport site`, docs/register.md): the register table in every order, the
 * ATT&CK heatmap, the metrics with their charts, the shared indicators, and a page per report. Pure: pages
 * are returned as text; the CLI writes them.
 */
import type { Register } from '../register/registerTypes';
import { attackBody, type TacticColumn } from './siteAttack';
import { indexPages } from './siteIndex';
import { indicatorsBody } from './siteIndicators';
import { sitePage } from './siteLayout';
import { reportNames } from './siteLinks';
import { metricsBody } from './siteMetrics';

export { reportPage, withLineAnchors } from './siteReport';
export { reportHref, reportPageName, REPORTS_FOLDER } from './siteNames';
export { SITE_CSP, SITE_CSS_HASH } from './siteLayout';
export type { TacticColumn } from './siteAttack';

export interface SiteOptions {
  /** The ATT&CK tactics in matrix order (the catalog the reports were checked against). */
  tacticOrder: readonly TacticColumn[];
  /** The footer line: tool, version, when. */
  footer: string;
  /** The heading of every page. */
  title?: string;
}

export interface SitePage {
  /** A file name at the top of the site: [a-z0-9-.] only. */
  file: string;
  html: string;
}

/** Every page of the site but the report pages (reportPage). */
export function buildSitePages(register: Register, options: SiteOptions): SitePage[] {
  const title = options.title ?? 'Incident register';
  const names = reportNames(register);
  const page = (current: Parameters<typeof sitePage>[0]['current'], heading: string, body: string) =>
    sitePage({ title: heading === title ? title : `${title}: ${heading}`, current, body, footer: options.footer });
  return [
    ...indexPages(register).map((index) => ({ file: index.file, html: page('index.html', title, index.body) })),
    { file: 'attack.html', html: page('attack.html', 'ATT&CK heatmap', attackBody(register, options.tacticOrder, names)) },
    { file: 'metrics.html', html: page('metrics.html', 'Metrics', metricsBody(register)) },
    { file: 'indicators.html', html: page('indicators.html', 'Shared indicators', indicatorsBody(register, names)) },
  ];
}
export { registerWebviewPage, reportPageTargets, type WebviewPageOptions } from './siteWebview';
export { WEBVIEW_SECTIONS, webviewSection, type SectionInput, type WebviewSectionId } from './siteWebview';
export { MAX_TRACE_KEY, traceOf, type TraceEntry } from './siteTrace';
export { reportNames } from './siteLinks';
