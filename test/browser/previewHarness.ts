import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { renderReportBody, type DocumentOptions } from '../../server/src/engine/render/renderReport';
import { engine, projectRoot, TEST_NOW } from '../helpers';

/** What the preview tests in Chromium (preview.test.ts) load, audit and render: pages, scripts and XSS inputs. */
export const ROOT = projectRoot();
export const ARTIFACTS = join(ROOT, 'test-artifacts', 'preview');
export const ORIGIN = 'https://preview.test';
export const DOC_URL = `${ORIGIN}/report.html`;
export const SCRIPT_URL = `${ORIGIN}/media/preview.js`;
export const STYLE_URL = `${ORIGIN}/media/preview.css`;
export const NONCE = 'dGVzdC1ub25jZS0xMjM0NTY3OA==';
export const WEBVIEW: DocumentOptions = { title: 'Preview', target: 'webview', cspSource: ORIGIN, nonce: NONCE, scriptUri: SCRIPT_URL, styleUri: STYLE_URL };

export function renderText(text: string): string {
  const result = engine().check(text);
  return renderReportBody({ model: result.model, spec: engine().schema.spec, catalog: engine().catalog, now: TEST_NOW, findings: result.findings });
}

/** Counters the page keeps from before any of its own code runs; every vector tries to reach one. */
export const INIT_SCRIPT = `
  window.__xssCount = 0;
  window.__xss = function () { window.__xssCount++; };
  window.alert = window.confirm = window.prompt = window.print = function () { window.__xss(); };
  window.__csp = [];
  document.addEventListener('securitypolicyviolation', function (e) { window.__csp.push(e.violatedDirective + ' ' + e.blockedURI); });
  window.__messages = [];
  window.acquireVsCodeApi = function () {
    return { postMessage: function (m) { window.__messages.push(JSON.parse(JSON.stringify(m))); }, getState: function () {}, setState: function () {} };
  };`;

export interface Loaded {
  requests: string[];
}

export class PreviewPage {
  html = '';
  readonly requests: string[] = [];
  dialogs = 0;
  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
  ) {}

  static async open(browser: Browser, extraInit = ''): Promise<PreviewPage> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: ORIGIN });
    const page = await context.newPage();
    const preview = new PreviewPage(context, page);
    await page.addInitScript(INIT_SCRIPT + extraInit);
    page.on('request', (request) => preview.requests.push(request.url()));
    page.on('dialog', (dialog) => {
      preview.dialogs++;
      void dialog.dismiss();
    });
    await context.route('**/*', async (route) => {
      const url = route.request().url();
      if (url === DOC_URL) return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: preview.html });
      if (url === SCRIPT_URL) return route.fulfill({ status: 200, contentType: 'text/javascript', body: readFileSync(join(ROOT, 'media', 'preview.js')) });
      if (url === STYLE_URL) return route.fulfill({ status: 200, contentType: 'text/css', body: readFileSync(join(ROOT, 'media', 'preview.css')) });
      return route.abort();
    });
    return preview;
  }

  async load(html: string): Promise<Loaded> {
    this.html = html;
    this.requests.length = 0;
    await this.page.goto(DOC_URL, { waitUntil: 'load' });
    // Give autofocus, animations, meta refresh and deferred work a moment to try.
    await this.page.waitForTimeout(25);
    return { requests: [...this.requests] };
  }

  eval<T>(expression: string): Promise<T> {
    return this.page.evaluate(expression) as Promise<T>;
  }
}

/** Everything in the page that could run, load or navigate, as a list of problems (empty = clean). */
export const DOM_AUDIT = `(() => {
  const problems = [];
  const allowedTags = new Set(['HTML','HEAD','META','TITLE','STYLE','LINK','SCRIPT','BODY','MAIN','HEADER','FOOTER','SECTION','DIV','SPAN','P','H1','H2','H3','H4','H5','H6',
    'DL','DT','DD','OL','UL','LI','TABLE','THEAD','TBODY','TR','TH','TD','CODE','PRE','EM','STRONG','S','A','BR','HR','BLOCKQUOTE','TIME','FIGURE','FIGCAPTION','BUTTON']);
  for (const el of document.querySelectorAll('*')) {
    if (!allowedTags.has(el.tagName)) problems.push('element <' + el.tagName.toLowerCase() + '>');
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      const value = attr.value.replace(/[\\u0000-\\u0020]/g, '').toLowerCase();
      if (name.startsWith('on')) problems.push('event handler ' + name + ' on <' + el.tagName.toLowerCase() + '>');
      if (name === 'style') problems.push('style attribute on <' + el.tagName.toLowerCase() + '>');
      if (/^(javascript|vbscript|data):/.test(value)) problems.push(name + '=' + attr.value.slice(0, 40));
      if ((name === 'src' && el.tagName !== 'SCRIPT') || name === 'srcdoc' || name === 'action' || name === 'formaction' || name === 'xlink:href') problems.push('attribute ' + name);
      if (name === 'href' && el.tagName !== 'LINK' && !/^(https?:|mailto:)/.test(value)) problems.push('href ' + attr.value.slice(0, 40));
    }
  }
  const scripts = [...document.querySelectorAll('script')].map((s) => ({ src: s.getAttribute('src'), nonce: s.nonce || s.getAttribute('nonce') }));
  const links = [...document.querySelectorAll('link')].map((l) => l.getAttribute('href'));
  return { problems, scripts, links, xss: window.__xssCount, csp: window.__csp };
})()`;

export interface Audit {
  problems: string[];
  scripts: { src: string | null; nonce: string | null }[];
  links: (string | null)[];
  xss: number;
  csp: string[];
}

/** The front matter keys the preview and the register show, each holding `y` (a vector, JSON-quoted), one per line. */
export function hostileFrontMatterKeys(y: string): string {
  return [`type: incident-report`, ...['id', 'title', 'status', 'severity', 'tlp'].map((key) => `${key}: ${y}`)].join('\n');
}

export function reportWith(v: string): string {
  const y = JSON.stringify(v);
  return `---
${hostileFrontMatterKeys(y)}
authors:
  - ${y}
${y}: ${y}
created: ${y}
---
# Incident Report: ${v}
${v}

## Executive Summary
${v}

Paragraph with **${v}** and *${v}* and \`${v}\` and [link ${v}](${v}) and ![img ${v}](${v}) and [ref][xss-ref].

> ${v}

| Col ${v} | Col 2 |
|---|---|
| ${v} | cell |

\`\`\`${v}
${v}
\`\`\`

    ${v}

1. ${v}

- ${v}

#### ${v}

## Incident Details
- **Discovery Date:** ${v}
- **Incident Date:** 2026-06-01 ${v}
- **Affected Organization:** ${v}
- **Sector:** ${v}
- **Geography:** ${v}
- **${v}:** ${v}

## Timeline of Events
${v}
### ${v}
- **Date/Time:** ${v}
- **Vector:** ${v}
- **Details:** ${v}
### Phase two ${v}
- **Date/Time:** 2026-06-01 05:00 UTC
- **${v}:** ${v}

## Attack Methodology
${v}
- **Initial Access:** T1566.001 ${v}
- **Execution:** ${v}
- **Persistence:** T9999 ${v}
- **${v}:** T1059 ${v}
- **Impact:** N/A ${v}

## Impact Assessment
- **Operational:** High; ${v}
- **Financial:** ${v}

## Indicators of Compromise
- **Network indicators:** hxxp[://]evil[.]example/a ${v}
- **File indicators:** ${v}
- **${v}:** ${v}
- http://live.example/${v}

## ${v}
${v}

## Response Actions
- **Containment measures:** ${v}

## Lessons Learned
${v}

## Recommendations
- ${v}

[xss-ref]: javascript:__xss()
`;
}

export const VECTORS = readFileSync(join(ROOT, 'test', 'fixtures', 'xss-vectors.txt'), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '');
