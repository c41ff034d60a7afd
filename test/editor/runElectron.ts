/**
 * The desktop runner for the same end-to-end suite, for machines with internet access (users' CI):
 * @vscode/test-electron downloads VS Code, then runs the suite in its Extension Development Host.
 *   npm run build && node out/test/editor/runElectron.js [--vscode-version 1.139.1]
 * This project's own CI has no internet and uses code-server instead (extensionHost.test.ts).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { projectRoot } from '../helpers';
import { createReportWorkspace } from './workspaceFixture';

async function main(): Promise<void> {
  const versionFlag = process.argv.indexOf('--vscode-version');
  const version = versionFlag > 0 ? process.argv[versionFlag + 1] : 'stable';
  const root = mkdtempSync(join(tmpdir(), 'increport-electron-'));
  const workspace = join(root, 'workspace');
  createReportWorkspace(workspace);
  try {
    await runTests({
      version,
      extensionDevelopmentPath: projectRoot(),
      extensionTestsPath: join(projectRoot(), 'out', 'test', 'e2e', 'suite', 'index.js'),
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
    });
    const result = JSON.parse(readFileSync(join(root, 'e2e-result.json'), 'utf8')) as { passed: number; failed: number };
    console.log(`e2e (VS Code ${version}): ${result.passed} passed, ${result.failed} failed`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
