import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';

/** Per-test limit inside the extension host: generous, since the editor itself is slow to start. */
const TEST_TIMEOUT_MS = 60_000;

export interface E2eResult {
  vscodeVersion: string;
  nodeVersion: string;
  trusted: boolean;
  passed: number;
  failed: number;
  failures: { title: string; error: string }[];
  measurements: Record<string, number>;
}

/** Measurements the tests record (activation time), written with the results. */
export const measurements: Record<string, number> = {};

/**
 * Entry point the Extension Development Host calls (extensionTestsPath). Runs the mocha suite and writes
 * the outcome as JSON next to the workspace folder, where the runner that started the editor reads it.
 */
export async function run(): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  if (!folder) throw new Error('The e2e suite needs a workspace folder');
  const mocha = new Mocha({ ui: 'bdd', timeout: TEST_TIMEOUT_MS, color: false, reporter: 'spec' });
  for (const file of readdirSync(__dirname)
    .filter((name) => name.endsWith('.test.js'))
    .sort())
    mocha.addFile(join(__dirname, file));
  const result: E2eResult = {
    vscodeVersion: vscode.version,
    nodeVersion: process.version,
    trusted: vscode.workspace.isTrusted,
    passed: 0,
    failed: 0,
    failures: [],
    measurements,
  };
  await new Promise<void>((resolve) => {
    const runner = mocha.run(() => resolve());
    runner.on('pass', () => result.passed++);
    runner.on('fail', (test, error: Error) => {
      result.failed++;
      result.failures.push({ title: test.fullTitle(), error: error.stack ?? String(error) });
    });
  });
  writeFileSync(join(folder, '..', 'e2e-result.json'), JSON.stringify(result, null, 2));
  // The desktop runner (test-electron) reads the outcome from this rejection.
  if (result.failed > 0) throw new Error(`${result.failed} end-to-end tests failed`);
}
