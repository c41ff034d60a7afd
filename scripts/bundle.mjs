// Bundles the extension client, the language server and the CLI with esbuild: one file each, so that
// activation and CLI start-up load one module instead of hundreds.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, minify: true, logLevel: 'warning' };
const entries = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode', './lsp-client.js'] },
  { entryPoints: ['client/src/languageClient.ts'], outfile: 'dist/lsp-client.js', external: ['vscode'] },
  { entryPoints: ['server/src/lsp/server.ts'], outfile: 'dist/server.js' },
  { entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js' },
];
await Promise.all(entries.map((entry) => build({ ...common, ...entry })));

// The webview's stylesheet is the preview CSS the engine inlines in standalone HTML: one source, written
// out here (media/preview.css is generated, not committed).
const require = createRequire(import.meta.url);
const { PREVIEW_CSS } = require('../out/server/src/engine/render/previewStyles.js');
writeFileSync(new URL('../media/preview.css', import.meta.url), PREVIEW_CSS);
