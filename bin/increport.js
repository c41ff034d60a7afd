#!/usr/bin/env node
'use strict';
if (process.argv[2] === 'lsp') {
  // `increport lsp --stdio`: the language server for any LSP client (bin/increport-language-server.js).
  process.argv.splice(2, 1);
  require('./increport-language-server.js');
} else {
  // Node >= 22.1 keeps V8's compiled code of the bundle between runs (in the OS temporary folder, or
  // NODE_COMPILE_CACHE): a cold `increport check` then skips most of the bundle's compile. On Node 20,
  // cached-require.js does the same for the bundle (server/src/node/cachedRequire.ts).
  require('node:module').enableCompileCache?.();
  const start = require('../dist/cached-require.js');
  start.cachedRequire(require('node:path').join(__dirname, '..', 'dist', 'cli.js')).main();
}
