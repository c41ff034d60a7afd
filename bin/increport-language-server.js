#!/usr/bin/env node
'use strict';
// The language server on its own, for editors other than VS Code (Neovim, Helix, Emacs, Sublime Text, …):
// the same bundle the extension starts (dist/server.js), speaking LSP over stdin/stdout unless another
// transport is named (--node-ipc, --socket=<port>, --pipe=<name>). `increport lsp` runs this too.
const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  process.stdout.write(`Usage: increport lsp [--stdio]
       increport-language-server [--stdio]

Runs the Incident Report Studio language server over stdin/stdout (the default) for any LSP client.
Settings: initializationOptions { "settings": { "files": [...], "rules": {...}, ... } } or the client's
workspace/configuration section "incidentReport". See docs/editors.md.
`);
  process.exit(0);
}
const TRANSPORTS = ['--stdio', '--node-ipc', '--socket=', '--pipe='];
if (!args.some((arg) => TRANSPORTS.some((transport) => arg === transport || (transport.endsWith('=') && arg.startsWith(transport))))) {
  process.argv.push('--stdio');
}
require('node:module').enableCompileCache?.();
require('../dist/server.js');
