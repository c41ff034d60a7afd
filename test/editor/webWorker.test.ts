import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { cleanReportText, projectRoot } from '../helpers';
import { CodeServer, launchChromium } from './codeServer';
import { breakInstalledWebBundle, EXTENSION_ID, findFrame, installedExtensionFolder, viewLineText, WEB_BREAK_VARIABLE } from './webWorkbench';

/*
 * The web extension (package.json "browser", dist/web/extension.js) in a real browser workbench: code-server's
 * web worker extension host, driven by Debian's Chromium. The user setting `remote.extensionKind` makes the
 * workbench run the extension in the browser's worker instead of the server's Node extension host
 * (VS Code's pickRunningLocation: kind "web" and installed remotely → the local web worker). One code-server,
 * one page, every check in a row. With INCREPORT_BREAK_WEB_BUILD=1 the installed browser bundle is broken on
 * purpose (its language server cannot start) and this test must fail: scripts/check-web-break.mjs.
 */

const UI_STEP_TIMEOUT_MS = 45_000;
const VSIX = join(projectRoot(), 'incident-report-studio.vsix');
const ARTIFACTS = join(projectRoot(), 'test-artifacts', 'web-worker');

/** Two known mistakes (a missing field, a wrong technique name with its quick fix) and one correct technique to hover. */
const reportText = () =>
  cleanReportText()
    .replace('- **Incident Date:** June 1, 2026\n', '')
    .replace('- **Initial Access:** N/A', '- **Initial Access:** T1566.002 Spearphishing Attachment')
    .replace('- **Credential Access:** N/A', '- **Credential Access:** T1003.001');

/** The 0-based index of the report line that starts with `prefix`. */
function reportLine(prefix: string): number {
  const line = reportText()
    .split('\n')
    .findIndex((text) => text.startsWith(prefix));
  assert.ok(line >= 0, prefix);
  return line;
}

/** The status bar's cursor position at the start of a 1-based line. */
const statusBarPosition = (page: Page, line: number) => page.locator('.statusbar-item', { hasText: new RegExp(`\\bLn ${line}, Col 1\\b`) }).first();

/** Puts the cursor `fromEnd` characters before the end of the report line that starts with `prefix` (Go to Line, as a person would). */
async function cursorOnLine(page: Page, prefix: string, fromEnd: number): Promise<void> {
  const line = reportLine(prefix);
  await page.locator('.monaco-editor .view-lines').first().click({ timeout: UI_STEP_TIMEOUT_MS });
  await page.keyboard.press('Control+G');
  await page.locator('.quick-input-widget input').waitFor({ timeout: UI_STEP_TIMEOUT_MS });
  await page.keyboard.type(String(line + 1));
  await page.keyboard.press('Enter');
  await page.locator('.monaco-editor .view-line', { hasText: prefix }).first().waitFor({ timeout: UI_STEP_TIMEOUT_MS });
  await page.keyboard.press('End');
  for (let step = 0; step < fromEnd; step++) await page.keyboard.press('ArrowLeft');
}

/** Command lines of the processes that run this extension's Node language server (dist/server.js) from `folder`. */
function nodeServerProcesses(folder: string): string[] {
  const ps = spawnSync('ps', ['-eo', 'args'], { encoding: 'utf8' });
  return ps.stdout.split('\n').filter((line) => line.includes(folder) && line.includes('server.js'));
}

test(
  'web worker: the browser build in code-server’s web worker extension host — problems, hover, quick fix, completion, preview, register',
  { timeout: 240_000 },
  async () => {
    assert.ok(existsSync(VSIX), 'npm run package builds the .vsix first');
    mkdirSync(ARTIFACTS, { recursive: true });
    const root = mkdtempSync(join(tmpdir(), 'increport-web-'));
    const workspace = join(root, 'workspace');
    mkdirSync(join(workspace, 'incidents'), { recursive: true });
    writeFileSync(join(workspace, 'incidents', 'web.md'), reportText());
    const extensionsDir = join(root, 'extensions');
    assert.match(CodeServer.installExtension(VSIX, extensionsDir), /incident-report-studio/);
    const extensionFolder = installedExtensionFolder(extensionsDir);
    if (process.env[WEB_BREAK_VARIABLE] === '1') breakInstalledWebBundle(extensionFolder);
    const userDataDir = join(root, 'user-data');
    mkdirSync(join(userDataDir, 'User'), { recursive: true });
    writeFileSync(
      join(userDataDir, 'User', 'settings.json'),
      JSON.stringify({ 'remote.extensionKind': { [EXTENSION_ID]: ['web'] }, 'workbench.startupEditor': 'none', 'editor.quickSuggestions': { other: 'off' } }),
    );
    const server = await CodeServer.start({ userDataDir, extensionsDir, workspace, trusted: true });
    const browser = await launchChromium().catch(async (error: unknown) => {
      await server.stop();
      throw error;
    });
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const requests: string[] = [];
    page.context().on('request', (request) => requests.push(decodeURIComponent(request.url())));
    const consoleLines: string[] = [];
    page.on('console', (message) => consoleLines.push(message.text()));
    const step = async (name: string, run: () => Promise<void>) => {
      try {
        await run();
      } catch (error) {
        await page.screenshot({ path: join(ARTIFACTS, `failed-${name}.png`) }).catch(() => undefined);
        const errors = consoleLines.filter((line) => /error|increport|incident/i.test(line)).slice(-15);
        throw new Error(`${name}: ${(error as Error).message}\n--- browser console (errors, last 15) ---\n${errors.join('\n')}`, { cause: error });
      }
    };
    try {
      await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`);
      await step('open', async () => {
        await page.locator('.explorer-folders-view').waitFor({ timeout: UI_STEP_TIMEOUT_MS });
        for (const name of ['incidents', 'web.md'])
          await page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).first().click({ timeout: UI_STEP_TIMEOUT_MS });
        await page.locator('.monaco-editor .view-line', { hasText: '# Incident Report: Microsoft MFA' }).first().waitFor({ timeout: UI_STEP_TIMEOUT_MS });
      });

      // 1. The Problems panel lists the report's two mistakes.
      await step('problems', async () => {
        await page.keyboard.press('Control+Shift+M');
        await page.waitForFunction("document.querySelectorAll('.markers-panel .monaco-list-row').length >= 3", undefined, { timeout: UI_STEP_TIMEOUT_MS });
        const problems = (await page.locator('.markers-panel .monaco-list-row').allInnerTexts()).join('\n');
        await page.screenshot({ path: join(ARTIFACTS, 'problems.png') });
        assert.match(problems, /Field 'Incident Date' is missing from section 'Incident Details'/);
        assert.match(problems, /T1566\.002 is 'Spearphishing Link' in ATT&CK v19\.2, not 'Spearphishing Attachment'/);
      });

      // Where it ran: no Node process runs the desktop server, and the browser fetched the web bundle for the worker.
      assert.deepEqual(nodeServerProcesses(extensionFolder), [], 'the desktop language server runs in Node');
      assert.ok(
        requests.some((url) => url.includes(`${extensionFolder}/dist/web/extension.js`)),
        `the browser never loaded dist/web/extension.js:\n${requests.filter((url) => url.includes('incident-report')).join('\n')}`,
      );
      assert.ok(!requests.some((url) => url.endsWith('/dist/extension.js')), 'the browser loaded the desktop bundle');

      // 2. Hover on a correct technique shows its ATT&CK name (the line holds only the ID).
      await step('hover', async () => {
        await cursorOnLine(page, '- **Credential Access:**', 2);
        await page.keyboard.press('Control+K');
        await page.keyboard.press('Control+I');
        const hover = page.locator('.monaco-hover').filter({ hasText: 'LSASS Memory' }).first();
        await hover.waitFor({ timeout: UI_STEP_TIMEOUT_MS });
        assert.match(await hover.innerText(), /T1003\.001 LSASS Memory/);
        await page.screenshot({ path: join(ARTIFACTS, 'hover.png') });
        await page.keyboard.press('Escape');
      });

      // 3. The quick fix of the wrong technique name, chosen from the Quick Fix menu, rewrites the line.
      await step('quick fix', async () => {
        await cursorOnLine(page, '- **Initial Access:**', 3);
        await page.keyboard.press('Control+.');
        const fix = page.locator('.action-widget .monaco-list-row', { hasText: 'Spearphishing Link' }).first();
        await fix.waitFor({ timeout: UI_STEP_TIMEOUT_MS });
        await page.screenshot({ path: join(ARTIFACTS, 'quick-fix.png') });
        await fix.click();
        await page.waitForFunction(
          "[...document.querySelectorAll('.monaco-editor .view-line')].some((line) => line.textContent.replace(/\\u00a0/g, ' ') === '- **Initial Access:** T1566.002 Spearphishing Link')",
          undefined,
          { timeout: UI_STEP_TIMEOUT_MS },
        );
        assert.equal(await viewLineText(page, 'Initial Access:'), '- **Initial Access:** T1566.002 Spearphishing Link');
        // Its finding leaves the Problems panel; the missing field stays.
        await page.waitForFunction(
          "![...document.querySelectorAll('.markers-panel .monaco-list-row')].some((row) => row.textContent.includes('Spearphishing Attachment'))",
          undefined,
          { timeout: UI_STEP_TIMEOUT_MS },
        );
        assert.match((await page.locator('.markers-panel .monaco-list-row').allInnerTexts()).join('\n'), /Field 'Incident Date' is missing/);
      });

      // 4. Completion after typing T15 on the Persistence row offers techniques.
      await step('completion', async () => {
        await cursorOnLine(page, '- **Persistence:**', 0);
        for (let step = 0; step < 'N/A'.length; step++) await page.keyboard.press('Backspace');
        await page.keyboard.type('T15');
        await page.keyboard.press('Control+Space');
        const rows = page.locator('.suggest-widget .monaco-list-row');
        await rows.first().waitFor({ timeout: UI_STEP_TIMEOUT_MS });
        const labels = await rows.allInnerTexts();
        await page.screenshot({ path: join(ARTIFACTS, 'completion.png') });
        assert.ok(labels.length > 0 && labels.every((label) => /^T15\d\d/.test(label.trim())), labels.join('\n'));
        await page.keyboard.press('Escape');
      });

      // 5. The preview, from the editor title, shows the report: its title and its ATT&CK matrix.
      await step('preview', async () => {
        await page.locator('.editor-actions [aria-label*="Open Preview to the Side"]').first().click({ timeout: UI_STEP_TIMEOUT_MS });
        const frame = await findFrame(page, '.attack-matrix', UI_STEP_TIMEOUT_MS);
        assert.match(await frame.locator('.attack-matrix').innerText(), /T1003\.001/);
        assert.match(await frame.locator('body').innerText(), /Microsoft MFA and My Sign-Ins Service Outage/);
        await page.screenshot({ path: join(ARTIFACTS, 'preview.png') });
      });

      // 6. The Incident Register (in the browser: the open reports) lists the report with its counts; its
      // metrics page renders, a number's trace opens the report at the line, and the row opens the report.
      // Each open goes from the server's file: URI back to the workbench's own (vscode-remote:) URI.
      await step('register', async () => {
        const pane = page.locator('.pane', { has: page.locator('.pane-header', { hasText: 'Incident Register' }) }).first();
        const header = pane.locator('.pane-header').first();
        await header.waitFor({ timeout: UI_STEP_TIMEOUT_MS });
        if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
        const row = pane.locator('.monaco-list-row', { hasText: 'Microsoft MFA' }).first();
        await row.waitFor({ timeout: UI_STEP_TIMEOUT_MS });
        assert.match(await row.innerText(), /\d+ errors?/);
        await header.hover();
        await pane.locator('.actions .action-label[aria-label*="Show Incident Register Metrics"]').first().click({ timeout: UI_STEP_TIMEOUT_MS });
        const metrics = await findFrame(page, 'button.trace[data-trace="technique:T1003.001"]', UI_STEP_TIMEOUT_MS);
        assert.match(await metrics.locator('#section-summary').innerText(), /^1 report, 1 with errors$/);
        await page.screenshot({ path: join(ARTIFACTS, 'register-metrics.png') });
        await metrics.locator('button.trace[data-trace="technique:T1003.001"]').first().click({ timeout: UI_STEP_TIMEOUT_MS });
        const credentialLine = reportLine('- **Credential Access:**') + 1;
        const pick = page.locator('.quick-input-widget .monaco-list-row', { hasText: `incidents/web.md:${credentialLine}` }).first();
        await pick.waitFor({ timeout: UI_STEP_TIMEOUT_MS });
        await page.keyboard.press('Enter');
        await statusBarPosition(page, credentialLine).waitFor({ timeout: UI_STEP_TIMEOUT_MS });
        // The row opens the report at its first line, in the active editor group.
        await row.click({ timeout: UI_STEP_TIMEOUT_MS });
        await page.locator('.editor-group-container.active .tab.active[data-resource-name="web.md"]').waitFor({ timeout: UI_STEP_TIMEOUT_MS });
        await statusBarPosition(page, 1).waitFor({ timeout: UI_STEP_TIMEOUT_MS });
        await page.screenshot({ path: join(ARTIFACTS, 'register.png') });
      });
      assert.deepEqual(nodeServerProcesses(extensionFolder), []);
    } finally {
      await browser.close();
      await server.stop();
      rmSync(root, { recursive: true, force: true });
    }
  },
);
