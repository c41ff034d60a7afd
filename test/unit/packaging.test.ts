import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { pathToFileURL } from 'node:url';
import LinkifyIt from 'linkify-it';
import MarkdownIt from 'markdown-it';
import { ALL_RULE_META } from '../../server/src/engine/rules/index';
import { projectRoot } from '../helpers';

/*
 * What the two packages ship, listed offline without building them: the .vsix through `vsce ls` (the
 * same .vscodeignore rules as `npm run package`), the npm package through `npm pack --dry-run`.
 * The .vsix is packaged with --no-rewrite-relative-links, so the README and docs it ships are shown
 * from the installed folder: every relative link and image must be inside it.
 */

const root = projectRoot();

function run(command: string, args: string[]): string {
  const result = spawnSync(command, args, { cwd: root, encoding: 'utf8', shell: process.platform === 'win32', maxBuffer: 16 * 1024 * 1024 });
  assert.equal(result.status, 0, `${command} ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

let vsix: Set<string> | undefined;
function vsixFiles(): Set<string> {
  vsix ??= new Set(
    run(process.execPath, [join(root, 'node_modules', '@vscode', 'vsce', 'vsce'), 'ls', '--no-dependencies'])
      .split(/\r?\n/)
      .filter((line) => line !== ''),
  );
  return vsix;
}

function npmPackFiles(): Set<string> {
  const [pack] = JSON.parse(run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'])) as { files: { path: string }[] }[];
  return new Set(pack.files.map((file) => file.path));
}

/** Link and image targets of a Markdown text (also src/href of inline HTML), not those inside code. */
function linkTargets(markdown: string): string[] {
  const targets: string[] = [];
  const visit = (tokens: readonly MarkdownIt.Token[]) => {
    for (const token of tokens) {
      if (token.type === 'link_open') targets.push(token.attrGet('href') ?? '');
      if (token.type === 'image') targets.push(token.attrGet('src') ?? '');
      if (token.type === 'html_block' || token.type === 'html_inline') {
        for (const match of token.content.matchAll(/\b(?:src|href)\s*=\s*["']([^"']+)["']/gi)) targets.push(match[1]);
      }
      if (token.children) visit(token.children);
    }
  };
  visit(new MarkdownIt({ html: true }).parse(markdown, {}));
  return targets;
}

/** Relative targets of `file` resolved to package paths (fragments and queries dropped; URLs and same-page anchors skipped). */
function relativeTargets(file: string): string[] {
  return linkTargets(readFileSync(join(root, file), 'utf8'))
    .filter((target) => target !== '' && !target.startsWith('#') && !/^[a-z][a-z0-9+.-]*:/i.test(target) && !target.startsWith('//'))
    .map((target) => posix.normalize(posix.join(posix.dirname(file), decodeURIComponent(target.replace(/[?#].*$/, '')))));
}

const shipped = (files: Set<string>, target: string): boolean =>
  files.has(target) || [...files].some((file) => file.startsWith(`${target.replace(/\/$/, '')}/`));

test('packaging: the README shipped in the .vsix finds every image and relative link it has', () => {
  const files = vsixFiles();
  assert.ok(files.has('README.md'));
  const targets = relativeTargets('README.md');
  assert.ok(
    targets.some((target) => target.startsWith('docs/images/') && target.endsWith('.png')),
    'the README shows images',
  );
  const missing = targets.filter((target) => !shipped(files, target));
  assert.deepEqual(missing, [], 'README targets missing from the .vsix (allow them in .vscodeignore)');
});

test('packaging: every Markdown page in the .vsix links only to what the .vsix ships', () => {
  const files = vsixFiles();
  const pages = [...files].filter((file) => file.endsWith('.md'));
  assert.ok(pages.length > ALL_RULE_META.length);
  const missing = pages.flatMap((page) =>
    relativeTargets(page)
      .filter((target) => !shipped(files, target))
      .map((target) => `${page} → ${target}`),
  );
  assert.deepEqual(missing, []);
});

test('packaging: the rule pages ship in the .vsix and in the npm package, next to the CLI that reads them', () => {
  const npm = npmPackFiles();
  for (const file of ['package.json', 'bin/increport.js', 'dist/cli.js']) assert.ok(npm.has(file), `npm package lacks ${file}`);
  for (const files of [vsixFiles(), npm]) {
    const absent = ALL_RULE_META.map((meta) => `docs/rules/${meta.id}.md`).filter((page) => !files.has(page));
    assert.deepEqual(absent, []);
  }
});

test('packaging: the generated schema validator and the schema libraries ship next to the bundles, in the .vsix and in the npm package', () => {
  // Without the validator every start compiles the report schema; without schema-libs.js an extended schema cannot be compiled,
  // without yaml-lib.js no front matter nor configuration file can be read (scripts/bundle.mjs).
  const vsixShips = vsixFiles();
  for (const file of ['dist/report-schema-validator.js', 'dist/schema-libs.js', 'dist/yaml-lib.js', 'dist/server.js', 'dist/server-main.js'])
    assert.ok(vsixShips.has(file), `the .vsix lacks ${file}`);
  const npmShips = npmPackFiles();
  for (const file of [
    'dist/report-schema-validator.js',
    'dist/schema-libs.js',
    'dist/yaml-lib.js',
    'dist/cli.js',
    'dist/cached-require.js',
    'dist/server.js',
    'dist/server-main.js',
  ])
    assert.ok(npmShips.has(file), `the npm package lacks ${file}`);
});

test('packaging: the licenses of the packages inside the bundles ship beside them, in the .vsix and in the npm package', () => {
  for (const ships of [vsixFiles(), npmPackFiles()]) assert.ok(ships.has('dist/THIRD_PARTY_NOTICES.md'), 'dist/THIRD_PARTY_NOTICES.md');
  const notices = readFileSync(join(root, 'dist', 'THIRD_PARTY_NOTICES.md'), 'utf8');
  // Generated from the bundles' inputs (scripts/third-party-notices.mjs): the engine's parser and the LSP libraries are in them.
  for (const name of ['markdown-it', 'vscode-languageserver', 'vscode-languageclient', 'yaml', 'ajv'])
    assert.match(notices, new RegExp(`^## ${name} \\d`, 'm'), name);
  assert.match(notices, /Copyright \(c\) 2014 Vitaly Puzrin, Alex Kocharin/);
});

test('packaging: both ATT&CK catalogs ship with MITRE notice, in the .vsix and in the npm package', () => {
  const expected = [
    'server/data/attack/enterprise-attack-18.1.catalog.json',
    'server/data/attack/enterprise-attack-19.2.catalog.json',
    'server/data/attack/LICENSE-ATTACK.txt',
    'server/data/attack/README.md',
  ];
  const vsixShips = vsixFiles();
  const npmShips = npmPackFiles();
  assert.deepEqual(
    expected.filter((file) => !vsixShips.has(file)),
    [],
    'missing from the .vsix',
  );
  assert.deepEqual(
    expected.filter((file) => !npmShips.has(file)),
    [],
    'missing from the npm package',
  );
});

test('packaging: the yaml parser is bundled apart, in dist/yaml-lib.js, and the server and CLI bundles reach it on first use', () => {
  // A report without front matter in a folder without .increport.yaml needs no YAML: the server's first diagnostics
  // must not load it (scripts/bundle.mjs). One of yaml's own error messages tells where its parser went.
  const yamlMessage = 'must be sufficiently indented';
  const bundle = (file: string) => readFileSync(join(projectRoot(), file), 'utf8');
  assert.ok(bundle('dist/yaml-lib.js').includes(yamlMessage), 'dist/yaml-lib.js lacks the yaml parser');
  for (const file of ['dist/server-main.js', 'dist/cli.js']) {
    assert.ok(!bundle(file).includes(yamlMessage), `${file} carries the yaml parser itself`);
    assert.ok(bundle(file).includes('./yaml-lib.js'), `${file} does not reach dist/yaml-lib.js`);
  }
});

test('packaging: the bundles\u2019 linkify-it stand-in compiles nothing until used, then finds links as linkify-it does', async () => {
  const standIn = pathToFileURL(join(projectRoot(), 'scripts', 'linkify-lazy', 'linkify-it.mjs')).href;
  const { default: LazyLinkifyIt } = (await import(standIn)) as { default: new (schemas?: Record<string, unknown>) => LinkifyIt };
  // linkify-it compiles in its constructor and throws there on a bad schema: the stand-in only on first use.
  const bad = { 'bad:': 42 };
  assert.throws(() => new LinkifyIt(bad as never), /Invalid schema/);
  const unused = new LazyLinkifyIt(bad);
  assert.throws(() => unused.test('x'), /Invalid schema/);
  const text = 'see https://example.com/a?b=1 and www.example.org, not example.invalid.';
  const lazy = new LazyLinkifyIt();
  assert.deepEqual(
    lazy.match(text)?.map((match) => match.url),
    new LinkifyIt().match(text)?.map((match) => match.url),
  );
  // In markdown-it, with linkify turned on: the same links as with the real package.
  const withStandIn = new MarkdownIt({ linkify: true });
  (withStandIn as { linkify: LinkifyIt }).linkify = new LazyLinkifyIt();
  assert.equal(withStandIn.render(text), new MarkdownIt({ linkify: true }).render(text));
  assert.match(withStandIn.render(text), /<a href="https:\/\/example\.com\/a\?b=1">/);
});
