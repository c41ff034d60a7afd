import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { indicatorsOf } from '../../server/src/engine/queries/iocQueries';
import { renderReportDocument } from '../../server/src/engine/render/renderReport';
import { launchChromium } from '../editor/codeServer';
import { engine } from '../helpers';
import { VSCODE_DARK } from './webviewThemes';
import {
  ROOT,
  ARTIFACTS,
  DOC_URL,
  SCRIPT_URL,
  STYLE_URL,
  NONCE,
  WEBVIEW,
  renderText,
  PreviewPage,
  DOM_AUDIT,
  type Audit,
  reportWith,
  VECTORS,
} from './previewHarness';

/**
 * The preview in real Chromium: screenshots of the examples (light and dark) for a person to look at, the
 * webview script's message protocol, and an XSS corpus placed in every kind of field of a report, rendered
 * as the standalone file and as the webview, with execution, network, DOM and CSP checked from the page.
 */
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
      // …and a screen reader hears it: a polite status region says what was copied.
      assert.equal(
        await preview.eval<string>(`document.querySelector('[role="status"]')?.textContent ?? ''`),
        'Copied hxxps[://]invoice-northwind[.]com/portal/login',
      );
      // The region outlives an update of the body, so that the next copy is said too.
      await preview.page.evaluate(`window.postMessage({ type: 'update', html: ${JSON.stringify(renderText(text))} }, '*')`);
      await preview.page.waitForTimeout(100);
      assert.equal(await preview.eval<number>(`document.querySelectorAll('[role="status"]').length`), 1);
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
