import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { projectRoot } from '../helpers';
import { CodeServer, EXPECTED_VSCODE_VERSION, launchChromium, waitForFile } from './codeServer';
import { createReportWorkspace } from './workspaceFixture';

/** The whole mocha suite inside the extension host, editor start-up included. */
const SUITE_TIMEOUT_MS = 240_000;

interface E2eResult {
  vscodeVersion: string;
  trusted: boolean;
  passed: number;
  failed: number;
  failures: { title: string; error: string }[];
  measurements: Record<string, number>;
}

for (const trusted of [true, false]) {
  test(
    `e2e: the extension's suite inside VS Code ${EXPECTED_VSCODE_VERSION} (${trusted ? 'trusted workspace' : 'Restricted Mode'})`,
    { timeout: SUITE_TIMEOUT_MS + 60_000 },
    async () => {
      const root = mkdtempSync(join(tmpdir(), 'increport-e2e-'));
      const workspace = join(root, 'workspace');
      createReportWorkspace(workspace);
      const server = await CodeServer.start({ userDataDir: join(root, 'user-data'), extensionsDir: join(root, 'extensions'), workspace, trusted });
      const browser = await launchChromium();
      try {
        const remote = (path: string) => `vscode-remote://127.0.0.1:${server.port}${path}`;
        const payload = [
          ['extensionDevelopmentPath', remote(projectRoot())],
          ['extensionTestsPath', remote(join(projectRoot(), 'out', 'test', 'e2e', 'suite', 'index.js'))],
        ];
        const page = await browser.newPage();
        await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
        const text = await waitForFile(join(root, 'e2e-result.json'), SUITE_TIMEOUT_MS, () => undefined).catch((error: Error) => {
          throw new Error(`${error.message}\n--- code-server log ---\n${server.log.slice(-4000)}`);
        });
        const result = JSON.parse(text) as E2eResult;
        assert.deepEqual(result.failures, [], result.failures.map((failure) => `${failure.title}\n${failure.error}`).join('\n\n'));
        assert.equal(result.vscodeVersion, EXPECTED_VSCODE_VERSION);
        assert.equal(result.trusted, trusted);
        assert.ok(result.passed >= 10, `only ${result.passed} tests passed`);
        const artifacts = join(projectRoot(), 'test-artifacts');
        mkdirSync(artifacts, { recursive: true });
        writeFileSync(join(artifacts, `e2e-${trusted ? 'trusted' : 'restricted'}.json`), JSON.stringify(result, null, 2));
      } finally {
        await browser.close();
        await server.stop();
        rmSync(root, { recursive: true, force: true });
      }
    },
  );
}
