import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { ruleDocsBaseUrl, type PackageLinks } from '../../../server/src/cli/ruleDocsUrl';
import { readPackageLinks } from '../../../server/src/node/ruleDocs';
import { projectRoot } from '../../helpers';

const GITHUB = 'https://github.com/o/r/blob/HEAD/docs/rules/';

test('helpUri base: a GitHub repository in every form npm accepts', () => {
  const forms: unknown[] = [
    'https://github.com/o/r',
    'https://github.com/o/r/',
    'https://www.github.com/o/r.git',
    'git+https://github.com/o/r.git',
    'git://github.com/o/r.git',
    'git+ssh://git@github.com/o/r.git',
    'git@github.com:o/r.git',
    'github:o/r',
    'o/r',
    { type: 'git', url: 'git+https://github.com/o/r.git' },
  ];
  for (const repository of forms) assert.equal(ruleDocsBaseUrl({ repository }), GITHUB, JSON.stringify(repository));
});

test('helpUri base: GitLab (with subgroups), Bitbucket, and a package in a monorepo folder', () => {
  assert.equal(ruleDocsBaseUrl({ repository: 'gitlab:g/sub/r' }), 'https://gitlab.com/g/sub/r/-/blob/HEAD/docs/rules/');
  assert.equal(ruleDocsBaseUrl({ repository: 'https://gitlab.com/g/sub/r/-/tree/main' }), 'https://gitlab.com/g/sub/r/-/blob/HEAD/docs/rules/');
  assert.equal(ruleDocsBaseUrl({ repository: 'bitbucket:o/r' }), 'https://bitbucket.org/o/r/src/HEAD/docs/rules/');
  assert.equal(
    ruleDocsBaseUrl({ repository: { type: 'git', url: 'https://github.com/o/r.git', directory: 'packages/increport/' } }),
    'https://github.com/o/r/blob/HEAD/packages/increport/docs/rules/',
  );
  assert.equal(ruleDocsBaseUrl({ repository: { url: 'https://github.com/o/r', directory: '../elsewhere' } }), GITHUB, 'an unsafe directory is ignored');
});

test('helpUri base: a homepage on a forge counts when the repository does not; the repository wins', () => {
  assert.equal(ruleDocsBaseUrl({ homepage: 'https://github.com/o/r#readme' }), GITHUB);
  assert.equal(ruleDocsBaseUrl({ homepage: 'https://github.com/o/r/tree/main/docs' }), GITHUB);
  assert.equal(ruleDocsBaseUrl({ homepage: 'https://github.com/h/p', repository: 'github:o/r' }), GITHUB);
  assert.equal(ruleDocsBaseUrl({ homepage: 'https://github.com/o/r', repository: 'https://git.example.org/x/y' }), GITHUB);
});

test('helpUri base: none without a public forge address, and never a local path', () => {
  const none: PackageLinks[] = [
    {},
    { homepage: '', repository: '' },
    { homepage: 'https://increport.example.org/' },
    { homepage: 'o/r' },
    { homepage: 42, repository: { type: 'git' } },
    { repository: 'file:../increport' },
    { repository: 'https://git.example.org/o/r' },
    { repository: 'http://localhost/o/r' },
    { repository: 'gist:11081aaa281' },
    { repository: 'https://github.com/o' },
    { repository: 'https://github.com/o/r%20x' },
    { repository: 'C:/src/increport' },
  ];
  for (const links of none) assert.equal(ruleDocsBaseUrl(links), '', JSON.stringify(links));
});

test('helpUri base: this package names no homepage or repository today, so SARIF has no helpUri', () => {
  const links = readPackageLinks(projectRoot());
  if (links.homepage === undefined && links.repository === undefined) assert.equal(ruleDocsBaseUrl(links), '');
  else assert.match(ruleDocsBaseUrl(links), /^(https:\/\/.*\/docs\/rules\/)?$/, 'package.json gained an address: only a public one is used');
  assert.deepEqual(readPackageLinks('/nonexistent-folder'), {});
});
