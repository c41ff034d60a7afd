import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';

/** Helpers of the web worker test (webWorker.test.ts). */
export const EXTENSION_ID = 'incident-report-studio.incident-report-studio';
/** Set to 1, the web worker test installs a browser bundle whose language server cannot start (scripts/check-web-break.mjs). */
export const WEB_BREAK_VARIABLE = 'INCREPORT_BREAK_WEB_BUILD';
export const WEB_BREAK_MESSAGE = 'INCREPORT_BREAK_WEB_BUILD: the web language server does not start';

/** The folder code-server extracted the .vsix to (`<publisher>.<name>-<version>`). */
export function installedExtensionFolder(extensionsDir: string): string {
  const folder = readdirSync(extensionsDir).find((name) => name.startsWith(`${EXTENSION_ID}-`));
  if (!folder) throw new Error(`${EXTENSION_ID} is not in ${extensionsDir}: ${readdirSync(extensionsDir).join(', ')}`);
  return join(extensionsDir, folder);
}

/**
 * Breaks the installed browser bundle the way a bad web build would: the language client still activates,
 * but the server's start throws (the bundle's MessageChannel, which only the in-worker server start uses,
 * throws). The desktop bundle is untouched.
 */
export function breakInstalledWebBundle(extensionFolder: string): void {
  const bundle = join(extensionFolder, 'dist', 'web', 'extension.js');
  const text = readFileSync(bundle, 'utf8');
  if (!text.includes('new MessageChannel')) throw new Error(`${bundle} no longer starts its server with new MessageChannel: update breakInstalledWebBundle`);
  writeFileSync(bundle, `var MessageChannel=function(){throw new Error(${JSON.stringify(WEB_BREAK_MESSAGE)})};${text}`);
}

/** The text of the first editor line that shows `text`, with the editor's non-breaking spaces as spaces. */
export async function viewLineText(page: Page, text: string): Promise<string> {
  return (await page.locator('.monaco-editor .view-line', { hasText: text }).first().innerText()).replace(/\u00a0/g, ' ');
}

/** The webview's inner frame that shows `selector` (webviews nest an iframe inside an iframe). */
export async function findFrame(page: Page, selector: string, timeoutMs: number): Promise<Frame> {
  const POLL_MS = 250;
  // Counted in polls, not read from the clock (tests never read it).
  for (let waited = 0; waited < timeoutMs; waited += POLL_MS) {
    for (const frame of page.frames()) {
      if (
        await frame
          .locator(selector)
          .count()
          .catch(() => 0)
      )
        return frame;
    }
    await page.waitForTimeout(POLL_MS);
  }
  throw new Error(`no frame shows ${selector}`);
}
