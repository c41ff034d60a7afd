import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { runCli as runInProcess } from '../../server/src/cli/main';
import { SITE_USAGE } from '../../server/src/cli/siteCommand';
import { reportPageName } from '../../server/src/engine/site';
import { SITE_MARKER } from '../../server/src/node/siteFolder';
import { CORPUS_SIZE, writeCorpus } from '../registerCorpus';
import { runCli } from './cliHarness';
import { fakeIo } from './fakeIo';

const root = mkdtempSync(join(tmpdir(), 'increport-site-'));
after(() => rmSync(root, { recursive: true, force: true }));
writeFileSync(join(root, '.increport.yaml'), 'root: true\n');
const expected = writeCorpus(root);

async function site(args: string[], cwd = root): Promise<{ code: number; stdout: string; stderr: string }> {
  const { io, out } = fakeIo(cwd);
  const code = await runInProcess(['site', ...args], io);
  return { code, ...out };
}

/** Every file under a folder, relative, sorted. */
function listing(folder: string, prefix = ''): string[] {
  return readdirSync(join(folder, prefix), { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? listing(folder, join(prefix, entry.name)) : [join(prefix, entry.name)]))
    .sort();
}

test('site: the 200-report register as pages: index in every order, heatmap, metrics, indicators, a page per report, the marker', async () => {
  const run = await site(['reports', '-o', 'site']);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, new RegExp(`increport site: ${22 + 3 + CORPUS_SIZE} pages for ${CORPUS_SIZE} reports in site`));
  const files = listing(join(root, 'site'));
  assert.ok(files.includes(SITE_MARKER) && files.includes('index.html') && files.includes('attack.html') && files.includes('metrics.html'));
  assert.equal(files.filter((file) => file.startsWith('reports/')).length, CORPUS_SIZE);
  for (const report of expected) assert.ok(files.includes(`reports/${reportPageName(report.path)}`), report.path);
  const index = readFileSync(join(root, 'site', 'index.html'), 'utf8');
  assert.equal((index.match(/<tr><td>/g) ?? []).length, CORPUS_SIZE);
  assert.equal(readdirSync(root).filter((name) => name.includes('.increport-')).length, 0, 'no staging folder is left');
});

test('site: a second run replaces the site it wrote; it refuses folders it did not write and folders holding the reports', async () => {
  assert.equal((await site(['reports/even', '-o', 'again'])).code, 0);
  const second = await site(['reports/odd', '-o', 'again']);
  assert.equal(second.code, 0, second.stderr);
  const pages = listing(join(root, 'again')).filter((file) => file.startsWith('reports/'));
  assert.equal(pages.length, CORPUS_SIZE / 2);
  assert.ok(pages.every((page) => expected.some((report) => report.path.startsWith('reports/odd/') && `reports/${reportPageName(report.path)}` === page)));

  // A site someone added a file to is no longer only increport's.
  writeFileSync(join(root, 'again', 'notes.txt'), 'mine');
  const added = await site(['reports/odd', '-o', 'again']);
  assert.equal(added.code, 2);
  assert.match(added.stderr, /cannot write again: holds files increport site did not write \(notes\.txt\)/);
  assert.equal(readFileSync(join(root, 'again', 'notes.txt'), 'utf8'), 'mine');

  mkdirSync(join(root, 'docs'));
  writeFileSync(join(root, 'docs', 'readme.txt'), 'keep');
  const foreign = await site(['reports/odd', '-o', 'docs']);
  assert.equal(foreign.code, 2);
  assert.match(foreign.stderr, /is not empty and is not a site written by increport/);
  assert.deepEqual(readdirSync(join(root, 'docs')), ['readme.txt']);

  // Even marked as a site, a folder holding the inputs is refused: '.', the reports folder, a parent.
  writeFileSync(join(root, 'reports', SITE_MARKER), readFileSync(join(root, 'site', SITE_MARKER)));
  for (const output of ['.', 'reports', 'reports/even', '..']) {
    const refused = await site(['reports/even', '-o', output], join(root, 'reports', '..'));
    assert.equal(refused.code, 2, output);
    assert.match(refused.stderr, /holds reports being read|is not empty/, output);
  }
  rmSync(join(root, 'reports', SITE_MARKER));
  assert.equal(listing(join(root, 'reports')).length, CORPUS_SIZE, 'no input was touched');

  symlinkSync(join(root, 'site'), join(root, 'link'));
  assert.match((await site(['reports/odd', '-o', 'link'])).stderr, /is a symbolic link/);
  writeFileSync(join(root, 'file.html'), 'x');
  assert.match((await site(['reports/odd', '-o', 'file.html'])).stderr, /is not a folder/);
  assert.match((await site(['reports/odd', '-o', 'missing/site'])).stderr, /its parent folder does not exist/);
  assert.ok(!existsSync(join(root, 'missing')));
});

test('site: usage errors exit 2; --help; an empty folder is an error without --allow-empty; the bundled CLI runs it', async () => {
  assert.match((await site(['reports'])).stderr, /--output <folder> is required/);
  assert.match((await site(['-o', 'x'])).stderr, /no reports given/);
  assert.match((await site(['-', '-o', 'x'])).stderr, /not standard input/);
  const help = await site(['--help']);
  assert.equal(help.code, 0);
  assert.equal(help.stdout, SITE_USAGE);
  // A folder with no report in it (a README is no report); a folder with no Markdown at all is 'not checked', as in summary.
  mkdirSync(join(root, 'empty'));
  writeFileSync(join(root, 'empty', 'README.md'), '# Notes\n\nNothing here.\n');
  assert.equal((await site(['empty', '-o', 'empty-site'])).code, 2);
  assert.equal((await site(['empty', '-o', 'empty-site2', '--allow-empty'])).code, 0);
  const child = runCli(['site', 'reports/even/000.md', '-o', 'child-site'], { cwd: root });
  assert.equal(child.status, 0, child.stderr);
  assert.ok(existsSync(join(root, 'child-site', 'index.html')));
});
