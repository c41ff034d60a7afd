import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { indicatorsOf } from '../../server/src/engine/queries/iocQueries';
import { renderReportBody, renderReportDocument, type DocumentOptions } from '../../server/src/engine/render/renderReport';
import { launchChromium } from '../editor/codeServer';
import { engine, projectRoot, TEST_NOW } from '../helpers';
import { VSCODE_DARK } from './webviewThemes';

/**
 * The preview in real Chromium: screenshots of the examples (light and dark) for a person to look at, the
 * webview script's message protocol, and an XSS corpus placed in every kind of field of a report, rendered
 * as the standalone file and as the webview, with execution, network, DOM and CSP checked from the page.
 */

const ROOT = projectRoot();
const ARTIFACTS = join(ROOT, 'test-artifacts', 'preview');
const ORIGIN = 'https://preview.test';
const DOC_URL = `${ORIGIN}/report.html`;
const SCRIPT_URL = `${ORIGIN}/media/preview.js`;
const STYLE_URL = `${ORIGIN}/media/preview.css`;
const NONCE = 'dGVzdC1ub25jZS0xMjM0NTY3OA==';
const WEBVIEW: DocumentOptions = { title: 'Preview', target: 'webview', cspSource: ORIGIN, nonce: NONCE, scriptUri: SCRIPT_URL, styleUri: STYLE_URL };

function renderText(text: string): string {
  const result = engine().check(text);
  return renderReportBody({ model: result.model, spec: engine().schema.spec, catalog: engine().catalog, now: TEST_NOW, findings: result.findings });
}

/** Counters the page keeps from before any of its own code runs; every vector tries to reach one. */
const INIT_SCRIPT = `
  window.__xssCount = 0;
  window.__xss = function () { window.__xssCount++; };
  window.alert = window.confirm = window.prompt = window.print = function () { window.__xss(); };
  window.__csp = [];
  document.addEventListener('securitypolicyviolation', function (e) { window.__csp.push(e.violatedDirective + ' ' + e.blockedURI); });
  window.__messages = [];
  window.acquireVsCodeApi = function () {
    return { postMessage: function (m) { window.__messages.push(JSON.parse(JSON.stringify(m))); }, getState: function () {}, setState: function () {} };
  };`;

interface Loaded {
  requests: string[];
}

class PreviewPage {
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
const DOM_AUDIT = `(() => {
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

interface Audit {
  problems: string[];
  scripts: { src: string | null; nonce: string | null }[];
  links: (string | null)[];
  xss: number;
  csp: string[];
}

function reportWith(v: string): string {
  const y = JSON.stringify(v);
  return `---
type: incident-report
id: ${y}
title: ${y}
status: ${y}
severity: ${y}
tlp: ${y}
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

const VECTORS = readFileSync(join(ROOT, 'test', 'fixtures', 'xss-vectors.txt'), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '');

describe('preview in Chromium', { timeout: 600_000 }, () => {
  let browser: Browser;
  before(async () => {
    browser = await launchChromium();
    mkdirSync(ARTIFACTS, { recursive: true });
  });
  after(async () => {
    await browser?.close();
  });

  test('screenshots: both examples, standalone light and dark, and the webview in a dark VS Code theme', async () => {
    const examples = { seed: 'microsoft-mfa-outage.md', northwind: 'northwind-ransomware-intrusion.md' };
    const standalone = await PreviewPage.open(browser);
    const webview = await PreviewPage.open(browser, VSCODE_DARK);
    try {
      for (const [name, file] of Object.entries(examples)) {
        const body = renderText(readFileSync(join(ROOT, 'examples', file), 'utf8'));
        for (const colorScheme of ['light', 'dark'] as const) {
          await standalone.page.emulateMedia({ colorScheme });
          const loaded = await standalone.load(renderReportDocument(body, { title: name, target: 'standalone' }));
          assert.deepEqual(loaded.requests, [DOC_URL]);
          const audit = await standalone.eval<Audit>(DOM_AUDIT);
          assert.deepEqual(audit.csp, [], 'the stylesheet is allowed by its hash and nothing else is blocked');
          assert.ok(
            await standalone.eval<boolean>(
              `getComputedStyle(document.body).fontFamily !== '' && getComputedStyle(document.querySelector('.report-header')).borderRadius === '8px'`,
            ),
            'the inline stylesheet applies',
          );
          await standalone.page.screenshot({ path: join(ARTIFACTS, `${name}-${colorScheme}.png`), fullPage: true });
        }
        await webview.load(renderReportDocument(body, WEBVIEW));
        assert.deepEqual((await webview.eval<Audit>(DOM_AUDIT)).csp, []);
        await webview.page.screenshot({ path: join(ARTIFACTS, `${name}-webview-dark.png`), fullPage: true });
      }
      await standalone.page.emulateMedia({ media: 'print', colorScheme: 'light' });
      await standalone.load(
        renderReportDocument(renderText(readFileSync(join(ROOT, 'examples', examples.northwind), 'utf8')), { title: 'print', target: 'standalone' }),
      );
      assert.equal(await standalone.eval<string>(`getComputedStyle(document.querySelector('.report-section')).breakBefore`), 'page');
      assert.equal(await standalone.eval<string>(`getComputedStyle(document.querySelector('.copy')).display`), 'none');
      await standalone.page.screenshot({ path: join(ARTIFACTS, 'northwind-print.png'), fullPage: true });
      await standalone.page.pdf({ path: join(ARTIFACTS, 'northwind-print.pdf') });
    } finally {
      await standalone.context.close();
      await webview.context.close();
    }
  });

  test('webview script: reveal, scrolled, scrollTo without echo, update keeps the scroll position, copy', async () => {
    const preview = await PreviewPage.open(browser);
    try {
      await preview.page.setViewportSize({ width: 900, height: 500 });
      const text = readFileSync(join(ROOT, 'examples', 'northwind-ransomware-intrusion.md'), 'utf8');
      const body = renderText(text);
      const loaded = await preview.load(renderReportDocument(body, WEBVIEW));
      assert.deepEqual(loaded.requests.sort(), [DOC_URL, STYLE_URL, SCRIPT_URL].sort());
      const messages = () => preview.eval<{ type: string; line?: number; value?: string }[]>('window.__messages');
      const clear = () => preview.eval('window.__messages.length = 0');

      // scrollTo: the element with the greatest data-line ≤ line at the top, and no 'scrolled' echo.
      const attackLine = text.split('\n').indexOf('## Attack Methodology');
      await preview.eval(`window.postMessage({ type: 'scrollTo', line: ${attackLine + 0} }, '*')`);
      await preview.page.waitForTimeout(400);
      const top = await preview.eval<number>(`Math.round(document.querySelector('section[data-line="${attackLine}"]').getBoundingClientRect().top)`);
      assert.ok(Math.abs(top) <= 1, `the Attack Methodology section is at the top (top=${top})`);
      assert.deepEqual(await messages(), [], 'a programmatic scroll is not echoed');

      // A line between elements goes to the closest one before it.
      const methodologyRow = attackLine + 3;
      await preview.eval(`window.postMessage({ type: 'scrollTo', line: ${methodologyRow} }, '*')`);
      await preview.page.waitForTimeout(300);
      const firstVisible = await preview.eval<number>(
        `Math.round(document.querySelector('.matrix [data-line="${methodologyRow}"]').getBoundingClientRect().top)`,
      );
      assert.ok(Math.abs(firstVisible) <= 1, `row ${methodologyRow} is at the top (top=${firstVisible})`);
      assert.deepEqual(await messages(), []);

      // The user scrolls: one throttled 'scrolled' with the top line.
      await preview.page.mouse.move(400, 300);
      await preview.page.mouse.wheel(0, 600);
      await preview.page.waitForTimeout(400);
      const scrolled = (await messages()).filter((m) => m.type === 'scrolled');
      assert.ok(scrolled.length >= 1 && scrolled.length <= 3, `throttled: ${JSON.stringify(scrolled)}`);
      assert.ok((scrolled[scrolled.length - 1].line ?? 0) > methodologyRow, `scrolled further down: ${JSON.stringify(scrolled)}`);
      await clear();

      // update: new content, same scroll position, no echo.
      const y = await preview.eval<number>('window.scrollY');
      const changed = renderText(text.replace('Northwind Manufacturing GmbH', 'Northwind Manufacturing AG'));
      await preview.page.evaluate(`window.postMessage({ type: 'update', html: ${JSON.stringify(changed)} }, '*')`);
      await preview.page.waitForTimeout(400);
      assert.match(await preview.eval<string>('document.body.textContent'), /Northwind Manufacturing AG/);
      assert.equal(await preview.eval<number>('window.scrollY'), y);
      assert.deepEqual(await messages(), []);
      assert.equal(await preview.eval<number>('document.querySelectorAll("script").length'), 1);

      // reveal: clicking a finding-less element with data-line, and a finding button.
      await preview.eval(`window.scrollTo(0, 0)`);
      await preview.page.waitForTimeout(300);
      await clear();
      await preview.page.click('h1');
      assert.deepEqual(await messages(), [{ type: 'reveal', line: text.split('\n').findIndex((l) => l.startsWith('# Incident Report')) }]);
      await clear();

      // copy: the defanged value reaches the clipboard and the extension.
      await preview.page.click('button.copy >> nth=0');
      await preview.page.waitForTimeout(200);
      assert.deepEqual(
        (await messages()).filter((m) => m.type !== 'scrolled'),
        [{ type: 'copied', value: 'hxxps[://]invoice-northwind[.]com/portal/login' }],
      );
      assert.equal(await preview.eval<string>('navigator.clipboard.readText()'), 'hxxps[://]invoice-northwind[.]com/portal/login');
      await clear();

      // Findings are buttons that reveal their line.
      const broken = renderText(text.replace('T1486 Data', 'T1486.999 Data'));
      await preview.load(renderReportDocument(broken, WEBVIEW));
      await preview.page.click('button.finding >> nth=0');
      const row = text.split('\n').findIndex((l) => l.includes('T1486 Data'));
      assert.deepEqual(
        (await messages()).filter((m) => m.type !== 'scrolled'),
        [{ type: 'reveal', line: row }],
      );
    } finally {
      await preview.context.close();
    }
  });

  test('the audit sees what it looks for (a control page without the renderer or a CSP)', async () => {
    const preview = await PreviewPage.open(browser);
    try {
      const loaded = await preview.load(
        '<!DOCTYPE html><html><body><img src="https://evil.example/p.png" onerror="__xss()"><script>alert(1)</script><a href="javascript:__xss()">x</a></body></html>',
      );
      const audit = await preview.eval<Audit>(DOM_AUDIT);
      assert.equal(audit.xss, 2);
      assert.deepEqual(
        loaded.requests
          .concat(preview.requests)
          .filter((url) => url !== DOC_URL)
          .slice(0, 1),
        ['https://evil.example/p.png'],
      );
      assert.ok(
        audit.problems.some((p) => p.startsWith('element <img>')) &&
          audit.problems.some((p) => p.startsWith('event handler onerror')) &&
          audit.problems.some((p) => p.startsWith('href=')),
      );
      assert.equal(audit.scripts.length, 1);
    } finally {
      await preview.context.close();
    }
  });

  test(`XSS corpus: ${VECTORS.length} vectors in every field, standalone and webview: nothing runs, loads or survives`, async () => {
    assert.ok(VECTORS.length >= 50);
    const standalone = await PreviewPage.open(browser);
    const webview = await PreviewPage.open(browser);
    const failures: string[] = [];
    try {
      for (const vector of VECTORS) {
        const text = reportWith(vector);
        const body = renderText(text);
        // Where the vector breaks the structure (an unclosed fence swallows the rest), the live URL is code in prose, not an indicator.
        const liveIsIndicator = indicatorsOf(engine().check(text).model, engine().schema.spec).some((ioc) => ioc.ioc.text.startsWith('http://live.example'));
        const targets = [
          ['standalone', standalone, renderReportDocument(body, { title: vector, target: 'standalone' }), [DOC_URL]],
          ['webview', webview, renderReportDocument(body, { ...WEBVIEW, title: vector }), [DOC_URL, SCRIPT_URL, STYLE_URL]],
        ] as const;
        await Promise.all(
          targets.map(async ([target, preview, html, allowed]) => {
            const fail = (what: string) => failures.push(`${target} ${JSON.stringify(vector)}: ${what}`);
            const loaded = await preview.load(html);
            if (target === 'webview') {
              // The update path too: the same body posted as an update, then a click on everything clickable.
              await preview.page.evaluate(`window.postMessage({ type: 'update', html: ${JSON.stringify(body)} }, '*')`);
              await preview.eval(`document.querySelectorAll('[data-line], button, a').forEach((el) => { if (!el.closest('a')) el.click(); })`);
              await preview.page.waitForTimeout(15);
            }
            const audit = await preview.eval<Audit>(DOM_AUDIT);
            const unexpected = [...loaded.requests, ...preview.requests].filter((url) => !(allowed as readonly string[]).includes(url));
            if (audit.xss !== 0) fail(`${audit.xss} script executions`);
            if (preview.dialogs !== 0) fail(`${preview.dialogs} dialogs`);
            if (unexpected.length) fail(`requests ${unexpected.join(', ')}`);
            if (audit.problems.length) fail(audit.problems.join('; '));
            if (audit.csp.length) fail(`CSP violations ${audit.csp.join('; ')}`);
            const expectedScripts = target === 'webview' ? [{ src: SCRIPT_URL, nonce: NONCE }] : [];
            if (JSON.stringify(audit.scripts) !== JSON.stringify(expectedScripts)) fail(`scripts ${JSON.stringify(audit.scripts)}`);
            if (JSON.stringify(audit.links) !== JSON.stringify(target === 'webview' ? [STYLE_URL] : [])) fail(`links ${JSON.stringify(audit.links)}`);
            if (liveIsIndicator && html.includes('http://live.example')) fail('a live indicator reached the HTML');
            preview.dialogs = 0;
          }),
        );
      }
    } finally {
      await standalone.context.close();
      await webview.context.close();
    }
    assert.deepEqual(failures, []);
  });
});
