import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { projectRoot } from '../helpers';
import { CodeServer, launchChromium } from './codeServer';
import { findFrame } from './webWorkbench';
import { createReportWorkspace } from './workspaceFixture';

/** Waits in the browser are on what a person would see; this bounds each one. */
const UI_STEP_TIMEOUT_MS = 60_000;
const VSIX = join(projectRoot(), 'incident-report-studio.vsix');
const ARTIFACTS = join(projectRoot(), 'test-artifacts', 'ui');

async function openFromExplorer(page: Page, ...names: string[]): Promise<void> {
  for (const name of names) {
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).first().click({ timeout: UI_STEP_TIMEOUT_MS });
  }
}

test('ui: a person installs the .vsix, sees problems, hovers, completions, and follows a register number to its line', { timeout: 300_000 }, async () => {
  assert.ok(existsSync(VSIX), 'npm run package builds the .vsix first');
  mkdirSync(ARTIFACTS, { recursive: true });
  const root = mkdtempSync(join(tmpdir(), 'increport-ui-'));
  const workspace = join(root, 'workspace');
  createReportWorkspace(workspace);
  const extensionsDir = join(root, 'extensions');
  const installed = CodeServer.installExtension(VSIX, extensionsDir);
  assert.match(installed, /incident-report-studio/);
  const server = await CodeServer.start({ userDataDir: join(root, 'user-data'), extensionsDir, workspace, trusted: true });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`);
    await page.locator('.explorer-folders-view').waitFor({ timeout: UI_STEP_TIMEOUT_MS });
    await openFromExplorer(page, 'reports', 'fields.md');

    // The Problems panel lists the three findings of the broken report.
    await page.keyboard.press('Control+Shift+M');
    const rows = page.locator('.markers-panel .monaco-list-row');
    await page.waitForFunction("document.querySelectorAll('.markers-panel .monaco-list-row').length >= 4", undefined, { timeout: UI_STEP_TIMEOUT_MS });
    const problemTexts = await rows.allInnerTexts();
    await page.screenshot({ path: join(ARTIFACTS, 'problems.png') });
    assert.ok(
      problemTexts.some((text) => text.includes("Field 'Incident Date' is missing from section 'Incident Details'")),
      problemTexts.join('\n'),
    );
    assert.ok(
      problemTexts.some((text) => text.includes("Field 'Discovery Date' is empty")),
      problemTexts.join('\n'),
    );

    // Hovering the squiggle under the empty field shows the finding's message.
    const squiggle = page.locator('.monaco-editor .squiggly-warning').first();
    await squiggle.waitFor({ timeout: UI_STEP_TIMEOUT_MS });
    // The squiggle lies under the text layer: move the mouse over it as a person would.
    const box = await squiggle.boundingBox();
    assert.ok(box, 'the squiggle is on screen');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const hoverWidget = page.locator('.monaco-hover').filter({ hasText: 'is empty' }).first();
    await hoverWidget.waitFor({ timeout: UI_STEP_TIMEOUT_MS });
    assert.match(await hoverWidget.innerText(), /Field '(Discovery Date|Details)' is empty/);
    await page.screenshot({ path: join(ARTIFACTS, 'hover.png') });
    await page.keyboard.press('Escape');

    // Completion in the Attack Methodology row offers techniques of its tactic.
    await page.locator('.monaco-editor .view-line', { hasText: '**Collection:** N/A' }).click({ timeout: UI_STEP_TIMEOUT_MS });
    await page.keyboard.press('End');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await page.keyboard.type('T1560');
    await page.keyboard.press('Control+Space');
    const suggestions = page.locator('.suggest-widget .monaco-list-row');
    await suggestions.first().waitFor({ timeout: UI_STEP_TIMEOUT_MS });
    const labels = await suggestions.allInnerTexts();
    await page.screenshot({ path: join(ARTIFACTS, 'completion.png') });
    assert.ok(
      labels.some((label) => label.includes('T1560.001')),
      labels.join('\n'),
    );

    // The preview, opened from the editor title, shows the report's structure and only defanged IOCs.
    await page.keyboard.press('Escape');
    await openFromExplorer(page, 'northwind.md');
    await page.locator('.editor-actions [aria-label*="Open Preview to the Side"]').first().click({ timeout: UI_STEP_TIMEOUT_MS });
    const previewFrame = await findFrame(page, '.attack-matrix', UI_STEP_TIMEOUT_MS);
    const matrixText = await previewFrame.locator('.attack-matrix').innerText();
    assert.match(matrixText, /T1003\.001/);
    const iocText = await previewFrame.locator('body').innerText();
    assert.match(iocText, /hxxps\[:\/\/\]invoice-northwind\[\.\]com/);
    await page.screenshot({ path: join(ARTIFACTS, 'preview.png') });

    // The Incident Register view in the Explorer lists the reports with their badges; a click opens one.
    const registerPane = page.locator('.pane', { has: page.locator('.pane-header', { hasText: 'Incident Register' }) }).first();
    const registerHeader = registerPane.locator('.pane-header').first();
    await registerHeader.waitFor({ timeout: UI_STEP_TIMEOUT_MS });
    if ((await registerHeader.getAttribute('aria-expanded')) !== 'true') await registerHeader.click();
    const registerRows = registerPane.locator('.monaco-list-row');
    await registerPane.locator('.monaco-list-row', { hasText: 'IR-2026-0117' }).waitFor({ timeout: UI_STEP_TIMEOUT_MS });
    const registerTexts = await registerRows.allInnerTexts();
    await page.screenshot({ path: join(ARTIFACTS, 'register.png') });
    assert.ok(
      registerTexts.some((text) => /IR-2026-0117/.test(text) && /high|critical|medium|low/i.test(text)),
      registerTexts.join('\n'),
    );
    assert.ok(
      registerTexts.some((text) => /\d+ errors?/.test(text)),
      `the broken report shows its errors: ${registerTexts.join('\n')}`,
    );
    await page.keyboard.press('Escape');
    await openFromExplorer(page, 'seed.md');
    await registerPane.locator('.monaco-list-row', { hasText: 'IR-2026-0117' }).first().click({ timeout: UI_STEP_TIMEOUT_MS });
    // The editor's own tab (the preview beside it follows the active report and is titled after it too).
    await page.locator('.tabs-container .tab.active[data-resource-name="northwind.md"]').first().waitFor({ timeout: UI_STEP_TIMEOUT_MS });

    // The metrics page, from the view's title bar: every number a button; a technique's count lists the
    // reports and lines behind it, and choosing one opens the report at that line.
    await registerHeader.hover();
    await registerPane.locator('.actions .action-label[aria-label*="Show Incident Register Metrics"]').first().click({ timeout: UI_STEP_TIMEOUT_MS });
    const metricsFrame = await findFrame(page, 'button.trace[data-trace="technique:T1486"]', UI_STEP_TIMEOUT_MS);
    assert.match(await metricsFrame.locator('#section-summary').innerText(), /^6 reports, \d+ with errors$/);
    await page.screenshot({ path: join(ARTIFACTS, 'register-metrics.png') });
    // The README's picture: the view and the page with room (the Problems panel closed, the file tree folded).
    await page.keyboard.press('Control+J');
    await page.locator('.pane-header', { hasText: 'workspace' }).first().click({ timeout: UI_STEP_TIMEOUT_MS });
    await registerPane.locator('.monaco-list-row', { hasText: 'IR-2026-0117' }).first().waitFor({ timeout: UI_STEP_TIMEOUT_MS });
    // The README's picture is the left half (the view and the page; the .vsix ships it, so it is kept small),
    // written to docs/images only when asked: INCREPORT_UPDATE_SCREENSHOTS=1 node scripts/run-tests.mjs editor/ui
    const picture = process.env.INCREPORT_UPDATE_SCREENSHOTS === '1' ? join(projectRoot(), 'docs', 'images') : ARTIFACTS;
    await page.screenshot({ path: join(picture, 'register-view.png'), clip: { x: 0, y: 0, width: 735, height: 900 } });
    await metricsFrame.locator('li button.trace[data-trace="technique:T1486"]').first().click({ timeout: UI_STEP_TIMEOUT_MS });
    const picks = page.locator('.quick-input-widget .monaco-list-row');
    await picks.first().waitFor({ timeout: UI_STEP_TIMEOUT_MS });
    const pickTexts = await picks.allInnerTexts();
    await page.screenshot({ path: join(ARTIFACTS, 'register-trace.png') });
    const northwindLine =
      readFileSync(join(workspace, 'reports', 'northwind.md'), 'utf8')
        .split('\n')
        .findIndex((text) => text.includes('T1486')) + 1;
    assert.ok(
      pickTexts.some((text) => text.includes('IR-2026-0117') && text.includes(`reports/northwind.md:${northwindLine}`)),
      pickTexts.join('\n'),
    );
    await page.keyboard.press('Enter');
    await page.locator('.tabs-container .tab.active[data-resource-name="northwind.md"]').first().waitFor({ timeout: UI_STEP_TIMEOUT_MS });
    await page
      .locator('.statusbar-item', { hasText: `Ln ${northwindLine}, Col 1` })
      .first()
      .waitFor({ timeout: UI_STEP_TIMEOUT_MS });

    // Nothing the extension does reaches beyond the editor's own server.
    const foreign = requests.filter((url) => !url.startsWith(server.url) && !url.startsWith('data:') && !url.startsWith('blob:'));
    assert.ok(!foreign.some((url) => url.includes('attack.mitre.org')), foreign.join('\n'));
  } finally {
    await browser.close();
    await server.stop();
    rmSync(root, { recursive: true, force: true });
  }
});
