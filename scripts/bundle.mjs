// Bundles the extension client, the language server and the CLI with esbuild: one file each, so that
// activation and CLI start-up load one module instead of hundreds. With --watch, rebuilds each bundle
// when its sources change (scripts/watch.mjs runs this next to `tsc -b --watch`); with --css-only, only
// writes media/preview.css and dist/report-schema-validator.js (all `npm run test:unit` needs besides tsc's output).
import { existsSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, context } from 'esbuild';
import { checkWebBundle, webEntry } from './bundle-web.mjs';
import { writeThirdPartyNotices } from './third-party-notices.mjs';

const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, minify: true, logLevel: 'warning' };

// ajv's compiler and re2js are a third of the CLI's and the server's code, and a check with the bundled schema
// (whose validator is generated below) needs neither: they go to dist/schema-libs.js, and the two bundles import
// them through the stand-ins in scripts/schema-libs/, which load it on first use (an extended schema, a
// configuration file, a pattern). One CJS bundle each otherwise: see CONTRIBUTING.md, "Generated files".
const STAND_INS = { 'ajv/dist/2020': 'ajv2020.cjs', 'ajv/dist/standalone': 'standalone.cjs', 'ajv/dist/runtime/uri': 'uri.cjs', re2js: 're2js.cjs' };
const schemaLibsApart = {
  name: 'schema-libs-apart',
  setup(build) {
    build.onResolve({ filter: /^(ajv\/dist\/2020|ajv\/dist\/standalone|ajv\/dist\/runtime\/uri|re2js)$/ }, (args) =>
      args.importer.includes(`${sep}server${sep}src${sep}`)
        ? { path: fileURLToPath(new URL(`./schema-libs/${STAND_INS[args.path]}`, import.meta.url)) }
        : undefined,
    );
    build.onResolve({ filter: /^\.\/schema-libs\.js$/ }, () => ({ path: './schema-libs.js', external: true }));
  },
};
// yaml, likewise: front matter and .increport.yaml need it, the first diagnostics of a report without them do not.
// It goes to dist/yaml-lib.js, reached through scripts/yaml-lib/yaml.cjs (the web bundle keeps it inline).
const yamlApart = {
  name: 'yaml-apart',
  setup(build) {
    build.onResolve({ filter: /^yaml$/ }, (args) =>
      args.importer.includes(`${sep}server${sep}src${sep}`) ? { path: fileURLToPath(new URL('./yaml-lib/yaml.cjs', import.meta.url)) } : undefined,
    );
    build.onResolve({ filter: /^\.\/yaml-lib\.js$/ }, () => ({ path: './yaml-lib.js', external: true }));
  },
};
// markdown-it imports decodeHTML and decodeHTMLStrict from `entities`, whose index also brings its encoder: the
// encoder's tables (~23 KB) were built at every start, used by nothing. Its decoder module alone has both.
const entitiesDecoderOnly = {
  name: 'entities-decoder-only',
  setup(build) {
    build.onResolve({ filter: /^entities$/ }, (args) =>
      args.importer.includes(`${sep}markdown-it${sep}`) ? build.resolve('entities/lib/decode.js', { resolveDir: args.resolveDir, kind: args.kind }) : undefined,
    );
  },
};
// markdown-it compiles linkify-it's patterns in its constructor, for a feature no parser here turns on: the
// stand-in in scripts/linkify-lazy/ makes the real instance on first use.
const linkifyOnUse = {
  name: 'linkify-on-use',
  setup(build) {
    build.onResolve({ filter: /^linkify-it$/ }, (args) =>
      args.importer.includes(`${sep}markdown-it${sep}`) ? { path: fileURLToPath(new URL('./linkify-lazy/linkify-it.mjs', import.meta.url)) } : undefined,
    );
  },
};
const entries = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode', './lsp-client.js'] },
  { entryPoints: ['client/src/languageClient.ts'], outfile: 'dist/lsp-client.js', external: ['vscode'] },
  { entryPoints: ['server/src/lsp/server.ts'], outfile: 'dist/server-main.js', plugins: [schemaLibsApart, yamlApart, entitiesDecoderOnly, linkifyOnUse] },
  { entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js', plugins: [schemaLibsApart, yamlApart, entitiesDecoderOnly, linkifyOnUse] },
  // The small entries that load those two through V8's code cache (server/src/node/cachedRequire.ts):
  // dist/server.js is what the extension and bin/increport-language-server.js start; bin/increport.js loads cli.js through cached-require.js.
  { entryPoints: ['server/src/node/serverStart.ts'], outfile: 'dist/server.js', external: ['./server-main.js'] },
  { entryPoints: ['server/src/node/cliStart.ts'], outfile: 'dist/cached-require.js' },
  { entryPoints: ['scripts/schema-libs/entry.cjs'], outfile: 'dist/schema-libs.js' },
  { entryPoints: ['scripts/yaml-lib/entry.cjs'], outfile: 'dist/yaml-lib.js' },
];
const watch = process.argv.includes('--watch');
const cssOnly = process.argv.includes('--css-only');

// The webview's stylesheet is the preview CSS the engine inlines in standalone HTML: one source, written
// out here (media/preview.css is generated, not committed) from tsc's output.
const previewStyles = fileURLToPath(new URL('../out/server/src/engine/render/previewStyles.js', import.meta.url));
function writePreviewCss() {
  const require = createRequire(import.meta.url);
  const { PREVIEW_CSS } = require(previewStyles);
  writeFileSync(new URL('../media/preview.css', import.meta.url), PREVIEW_CSS);
}

// The bundled report schema's validator, as ajv standalone code (dist/report-schema-validator.js, generated,
// not committed): the CLI and the server load it instead of compiling the schema at every start.
function writeBundledValidator() {
  const require = createRequire(import.meta.url);
  require(fileURLToPath(new URL('../out/server/src/node/validatorCache.js', import.meta.url))).writeBundledValidator();
}

if (cssOnly) {
  writePreviewCss();
  writeBundledValidator();
} else if (watch) {
  const contexts = await Promise.all([
    ...entries.map((entry) => context({ ...common, ...entry, logLevel: 'info' })),
    context({ ...webEntry, logLevel: 'info' }),
  ]);
  await Promise.all(contexts.map((bundle) => bundle.watch()));
  // The stylesheet is written once; restart the watch after changing render/previewStyles.ts.
  if (existsSync(previewStyles)) {
    writePreviewCss();
    writeBundledValidator();
  }
} else {
  const results = await Promise.all([build(webEntry), ...entries.map((entry) => build({ ...common, ...entry, metafile: true }))]);
  // The web extension (scripts/bundle-web.mjs): no node:* module, at most 1.5 MB, or the build fails.
  checkWebBundle(results[0]);
  // The licenses of every package the bundles contain (dist/THIRD_PARTY_NOTICES.md).
  writeThirdPartyNotices(results.map((result) => result.metafile));
  writePreviewCss();
  writeBundledValidator();
}
