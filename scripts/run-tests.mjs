// Runs every *.test.js under out/test with Node's test runner, after installing what the browser and
// editor tests need (scripts/setup-test-env.sh). Node 20 takes no globs, and given a folder
// it would also run helpers and the in-editor suite (out/test/e2e, which only runs inside VS Code).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const testRoot = join(root, 'out', 'test');
const EDITOR_SUITE = join(testRoot, 'e2e');

function findTests(directory) {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return path === EDITOR_SUITE ? [] : findTests(path);
    // A compiled test whose source was moved or deleted is stale output (tsc -b never removes it): skipped.
    const source = join(root, 'test', relative(testRoot, path)).replace(/\.js$/, '.ts');
    return entry.name.endsWith('.test.js') && existsSync(source) ? [path] : [];
  });
}

// Arguments select the test files whose path contains one of them; `--exclude PART` drops those containing PART.
const files = findTests(testRoot)
  .sort()
  .map((file) => relative(root, file));
const filter = [];
const excluded = [];
for (let index = 2; index < process.argv.length; index++) {
  if (process.argv[index] === '--exclude') excluded.push(process.argv[++index] ?? '');
  else filter.push(process.argv[index]);
}
const selected = (filter.length > 0 ? files.filter((file) => filter.some((part) => file.includes(part))) : files).filter(
  (file) => !excluded.some((part) => part !== '' && file.includes(part)),
);
if (selected.length === 0) {
  console.error(`no test files match ${filter.join(', ')}`);
  process.exit(2);
}
// The browser and editor tests need Debian's chromium and code-server: install them (once) before any of
// those tests starts, so that `npm test` alone is enough on a fresh machine.
const NEEDS_SETUP = [join('out', 'test', 'browser'), join('out', 'test', 'editor')];
// The Neovim test needs only Debian's neovim: without browser or editor tests, the setup stops after apt.
const NEEDS_DEBIAN = [join('out', 'test', 'neovim')];
const needsAll = selected.some((file) => NEEDS_SETUP.some((folder) => file.startsWith(folder)));
if (needsAll || selected.some((file) => NEEDS_DEBIAN.some((folder) => file.startsWith(folder)))) {
  const setup = spawnSync('bash', [join(root, 'scripts', 'setup-test-env.sh'), ...(needsAll ? [] : ['--debian-only'])], { cwd: root, stdio: 'inherit' });
  if (setup.status !== 0) {
    console.error(`test setup failed (scripts/setup-test-env.sh exited with ${setup.status ?? setup.signal}); the browser and editor tests cannot run`);
    process.exit(setup.status || 1);
  }
}
// Validators of extended schemas are cached (server/src/node/validatorCache.ts): in a folder of this run, not the user's.
const cacheDirectory = process.env.INCREPORT_CACHE_DIR ? undefined : mkdtempSync(join(tmpdir(), 'increport-test-cache-'));
const env = cacheDirectory ? { ...process.env, INCREPORT_CACHE_DIR: cacheDirectory } : process.env;
const result = spawnSync(process.execPath, ['--test', '--test-reporter=spec', ...selected], { cwd: root, stdio: 'inherit', env });
if (cacheDirectory) rmSync(cacheDirectory, { recursive: true, force: true });
process.exitCode = result.status ?? 1;
