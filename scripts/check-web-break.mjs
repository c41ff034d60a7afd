// Shows that the web worker UI test (test/editor/webWorker.test.ts) catches a broken browser build: runs it
// with INCREPORT_BREAK_WEB_BUILD=1, which installs the .vsix and then breaks its dist/web/extension.js (the
// in-worker language server's start throws), and exits 0 only if the test then fails, at the Problems panel,
// with the break's error in the browser console. Not part of `npm test` (a second code-server run, ~70 s);
// needs `npm run package` first. Result recorded in docs/editors.md ("The web extension, tested").
import { spawnSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
const run = spawnSync(process.execPath, ['scripts/run-tests.mjs', 'editor/webWorker'], {
  cwd: root,
  encoding: 'utf8',
  env: { ...process.env, INCREPORT_BREAK_WEB_BUILD: '1' },
});
const output = `${run.stdout}${run.stderr}`;
const checks = [
  ['the test run fails', run.status !== 0 && run.status !== null],
  ['the web worker test is the failing one', /✖ web worker:/.test(output)],
  ['it fails waiting for the Problems panel', /Error: problems: /.test(output)],
  ['the browser console shows the broken server start', output.includes('INCREPORT_BREAK_WEB_BUILD: the web language server does not start')],
];
for (const [name, ok] of checks) console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}`);
const failed = checks.filter(([, ok]) => !ok);
if (failed.length > 0) {
  console.log(`\n--- output of the run (exit ${run.status ?? run.signal}) ---\n${output.slice(-6000)}`);
  process.exit(1);
}
console.log(`the web worker test failed on the broken browser build, as it must (exit ${run.status})`);
