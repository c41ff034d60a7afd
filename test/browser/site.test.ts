import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { runCli } from '../../server/src/cli/main';
import { launchChromium } from '../editor/codeServer';
import { fakeIo } from '../cli/fakeIo';
import { projectRoot } from '../helpers';
import { hostileFrontMatterKeys, VECTORS } from './previewHarness';

/**
 * The site of `increport site` in real Chromium, opened from file:// as a reader would open a CI artifact:
 * the examples (for the screenshots and the clicks), and one report per XSS vector of the preview's corpus in
 * every field the register shows. Scripts are counted by the DevTools protocol (every script Chromium compiles
 * in the page's own world, not only the ones that call a counter) and requests by the Network domain.
 */

const ROOT = projectRoot();
const ARTIFACTS = join(ROOT, 'test-artifacts', 'site');

function hostileReport(v: string, index: number): string {
  const y = JSON.stringify(v);
  return `---
${hostileFrontMatterKeys(y)}
---
# Incident Report: ${v}

## Executive Summary
${v} [link ${v}](javascript:__xss()) ![img](https://evil.example/${index}.png)

## Incident Details
- **Incident Date:** 2026-0${1 + (index % 9)}-01 10:00 UTC
- **Discovery Date:** 2026-0${1 + (index % 9)}-02 ${v}
- **Affected Organization:** ${v}

## Attack Methodology
- **Initial Access:** T1566.001 ${v}
- **${v}:** T1059 ${v}

## Indicators of Compromise
- **Network indicators:** hxxp[://]shared[.]example/${index % 2} ${v}
- **File indicators:** ${v}
`;
}

/** Watches one page through CDP: scripts compiled in the page's main world, requests, and CSP reports in the log. */
class Watched {
  scripts: string[] = [];
  requests: { url: string; type: string }[] = [];
  log: string[] = [];
  private readonly mainWorlds = new Set<number>();
  private constructor(
    readonly page: Page,
    private readonly cdp: CDPSession,
  ) {}

  static async open(browser: Browser): Promise<Watched> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    const watched = new Watched(page, cdp);
    cdp.on('Runtime.executionContextCreated', (event) => {
      if ((event.context.auxData as { isDefault?: boolean } | undefined)?.isDefault) watched.mainWorlds.add(event.context.id);
    });
    cdp.on('Debugger.scriptParsed', (event) => {
      if (watched.mainWorlds.has(event.executionContextId)) watched.scripts.push(event.url || '(inline)');
    });
    cdp.on('Network.requestWillBeSent', (event) => watched.requests.push({ url: event.request.url, type: event.type ?? '' }));
    cdp.on('Log.entryAdded', (event) => watched.log.push(event.entry.text));
    page.on('dialog', (dialog) => void dialog.dismiss());
    await cdp.send('Runtime.enable');
    await cdp.send('Debugger.enable');
    await cdp.send('Network.enable');
    await cdp.send('Log.enable');
    return watched;
  }

  /** Requests other than the documents navigated to, inside `folder`. */
  strayRequests(folder: string): string[] {
    const prefix = pathToFileURL(folder).href;
    return this.requests.filter((request) => request.type !== 'Document' || !request.url.startsWith(prefix)).map((request) => `${request.type} ${request.url}`);
  }
}

describe('increport site in Chromium (file://)', { timeout: 600_000 }, () => {
  let browser: Browser;
  const work = mkdtempSync(join(tmpdir(), 'increport-site-browser-'));
  before(async () => {
    browser = await launchChromium();
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(join(work, '.increport.yaml'), 'root: true\n');
    cpSync(join(ROOT, 'examples'), join(work, 'examples'), { recursive: true });
    mkdirSync(join(work, 'hostile'));
    VECTORS.forEach((vector, index) => writeFileSync(join(work, 'hostile', `${String(index).padStart(3, '0')}.md`), hostileReport(vector, index)));
    for (const [input, output] of [
      ['examples', 'examples-site'],
      ['hostile', 'hostile-site'],
    ]) {
      const { io, out } = fakeIo(work);
      assert.equal(await runCli(['site', input, '-o', output], io), 0, out.stderr);
    }
  });
  after(async () => {
    await browser?.close();
    rmSync(work, { recursive: true, force: true });
  });

  test('examples: no script runs, nothing is requested; a column-sort link and a report link work; screenshots', async () => {
    const folder = join(work, 'examples-site');
    const watched = await Watched.open(browser);
    const { page } = watched;
    await page.goto(pathToFileURL(join(folder, 'index.html')).href);
    await page.screenshot({ path: join(ARTIFACTS, 'register.png') });
    await page.getByRole('link', { name: 'Severity' }).click();
    await page.waitForURL(/index-severity-desc\.html$/);
    assert.equal(await page.locator('th[aria-sort="descending"]').innerText(), 'Severity ▼');
    const firstReport = page.locator('table.register tbody tr').first().locator('td').first().locator('a');
    const name = await firstReport.innerText();
    await firstReport.click();
    await page.waitForURL(/\/reports\/[a-z0-9-]+\.html$/);
    assert.equal(await page.locator('main.report').count(), 1);
    assert.ok((await page.title()).length > 0, name);
    await page.getByRole('link', { name: 'ATT&CK heatmap' }).click();
    await page.waitForURL(/\/attack\.html$/);
    await page.screenshot({ path: join(ARTIFACTS, 'heatmap.png') });
    await page.getByRole('link', { name: 'Metrics' }).click();
    await page.waitForURL(/\/metrics\.html$/);
    await page.screenshot({ path: join(ARTIFACTS, 'metrics.png'), fullPage: true });
    await page.getByRole('link', { name: 'ATT&CK heatmap' }).click();
    // A technique's reports link to the line that lists it.
    const lineLink = page.locator('ol.techniques a').first();
    const href = (await lineLink.getAttribute('href')) ?? '';
    await lineLink.click();
    await page.waitForURL(/\/reports\/[a-z0-9-]+\.html#L\d+$/);
    assert.equal(await page.locator(`[id="${href.split('#')[1]}"]`).count(), 1, `the line anchor of ${href} exists`);
    await page.getByRole('link', { name: 'Shared indicators' }).click();
    await page.waitForURL(/\/indicators\.html$/);
    await page.waitForTimeout(100); // CDP events of the last page
    assert.deepEqual(watched.scripts, [], 'no script was compiled in any page');
    assert.deepEqual(watched.strayRequests(folder), [], 'only the site pages themselves were loaded');
    assert.deepEqual(
      watched.log.filter((text) => /Content Security Policy|Refused/.test(text)),
      [],
      'nothing was blocked either: the pages ask for nothing',
    );
  });

  test(`hostile reports (${VECTORS.length} vectors in every shown field): every page opens with no script and no request`, async () => {
    const folder = join(work, 'hostile-site');
    const watched = await Watched.open(browser);
    const pages = [...readdirSync(folder).filter((file) => file.endsWith('.html')), ...readdirSync(join(folder, 'reports')).map((file) => `reports/${file}`)];
    assert.ok(pages.length > VECTORS.length);
    for (const file of pages) await watched.page.goto(pathToFileURL(join(folder, file)).href, { waitUntil: 'load' });
    await watched.page.waitForTimeout(50);
    assert.deepEqual(watched.scripts, []);
    assert.deepEqual(watched.strayRequests(folder), []);
    assert.equal(await watched.page.locator('script, img, iframe, object, embed').count(), 0);
    // The counters are not blind: a page with one inline script is seen.
    writeFileSync(join(work, 'control.html'), '<!DOCTYPE html><title>control</title><script>1</script><img src="https://control.invalid/x.png">');
    await watched.page.goto(pathToFileURL(join(work, 'control.html')).href);
    await watched.page.waitForTimeout(100);
    assert.deepEqual(watched.scripts, [pathToFileURL(join(work, 'control.html')).href]);
    assert.ok(watched.strayRequests(folder).includes('Image https://control.invalid/x.png'), watched.strayRequests(folder).join('\n'));
  });
});
