// Runs every *.test.js under out/test with Node's test runner. Node 20 takes no globs, and given a folder
// it would also run helpers and the in-editor suite (out/test/e2e, which only runs inside VS Code).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const testRoot = join(root, 'out', 'test');
const EDITOR_SUITE = join(testRoot, 'e2e');

function findTests(directory) {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return path === EDITOR_SUITE ? [] : findTests(path);
    return entry.name.endsWith('.test.js') ? [path] : [];
  });
}

const files = findTests(testRoot).sort().map((file) => relative(root, file));
const filter = process.argv.slice(2);
const selected = filter.length > 0 ? files.filter((file) => filter.some((part) => file.includes(part))) : files;
if (selected.length === 0) {
  console.error(`no test files match ${filter.join(', ')}`);
  process.exit(2);
}
const result = spawnSync(process.execPath, ['--test', '--test-reporter=spec', ...selected], { cwd: root, stdio: 'inherit' });
process.exitCode = result.status ?? 1;
