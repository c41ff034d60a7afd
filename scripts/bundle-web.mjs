// The web extension (VS Code for the Web, code-server's web worker extension host): one browser bundle,
// dist/web/extension.js (package.json "browser"), holding the desktop client (client/src/extension.ts) and
// the language server (server/src/lsp/server.ts) with the Node-only modules swapped for the shims in
// server/src/web/shims/ and client/src/web/. The engine is unchanged: it reaches files and resources
// through its EngineHost, here the web one (server/src/web/). The build fails if the bundle reaches any
// node:* module or Node built-in, or grows past WEB_BUNDLE_LIMIT. See CONTRIBUTING.md, "The web build".
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = (path) => fileURLToPath(new URL(`../${path}`, import.meta.url));
export const WEB_BUNDLE = 'dist/web/extension.js';
export const WEB_BUNDLE_LIMIT = 1.5 * 1024 * 1024;

/** Bare module names swapped everywhere; Node built-ins not listed here fail the build. */
const MODULES = {
  'node:path': 'server/src/web/shims/path.ts',
  path: 'server/src/web/shims/path.ts',
  'node:url': 'server/src/web/shims/url.ts',
  'node:crypto': 'server/src/web/shims/crypto.ts',
  'vscode-languageserver/node': 'server/src/web/shims/languageServer.ts',
  './lsp-client.js': 'client/src/web/webLanguageClient.ts',
};
/** The server's Node host modules (server/src/node/<name>), by name. */
const NODE_HOST = /(^|\/)node\/(nodeHost|nodeFileSystem|packageRoot|readReport|heapSizing)$/;
/** The register index's disk access (server/src/lsp/register/registerDisk.ts): in the browser it holds the open reports only. */
const REGISTER_DISK = /(^|\/)registerDisk$/;

const webSubstitutes = {
  name: 'web-substitutes',
  setup(build) {
    build.onResolve({ filter: /.*/ }, (args) => {
      if (MODULES[args.path]) return { path: here(MODULES[args.path]) };
      const host = NODE_HOST.exec(args.path);
      if (host && args.importer.includes('/server/src/')) return { path: here(`server/src/web/shims/${host[2]}.ts`) };
      if (REGISTER_DISK.test(args.path) && args.importer.includes('/server/src/')) return { path: here('server/src/web/shims/registerDisk.ts') };
      if (args.path.startsWith('node:'))
        return { errors: [{ text: `${args.path} (imported by ${args.importer}) has no browser substitute in scripts/bundle-web.mjs` }] };
      return undefined;
    });
  },
};

export const webEntry = {
  entryPoints: ['client/src/web/extension.ts'],
  outfile: WEB_BUNDLE,
  bundle: true,
  platform: 'browser',
  target: 'es2022',
  format: 'cjs',
  mainFields: ['browser', 'module', 'main'],
  sourcemap: true,
  minify: true,
  metafile: true,
  logLevel: 'warning',
  external: ['vscode'],
  inject: [here('server/src/web/shims/process.ts')],
  define: { 'process.env.NODE_DEBUG': 'undefined' },
  plugins: [webSubstitutes],
};

/** Fails on any node:* module or Node built-in left in the browser bundle, and on a bundle over the limit. */
export function checkWebBundle(result) {
  const problems = [];
  for (const [file, output] of Object.entries(result.metafile.outputs)) {
    if (!file.endsWith('.js')) continue;
    for (const entry of output.imports ?? []) if (entry.path !== 'vscode') problems.push(`${file} imports ${entry.path} at run time`);
  }
  for (const input of Object.keys(result.metafile.inputs))
    if (input.startsWith('node:') || input.includes('node_modules/@types/node')) problems.push(`${input} is in the browser bundle`);
  const size = statSync(WEB_BUNDLE).size;
  if (size > WEB_BUNDLE_LIMIT) problems.push(`${WEB_BUNDLE} is ${size} bytes, over the ${WEB_BUNDLE_LIMIT}-byte limit`);
  if (problems.length > 0) throw new Error(`the web bundle is not fit for the browser:\n  ${problems.join('\n  ')}`);
  return size;
}
