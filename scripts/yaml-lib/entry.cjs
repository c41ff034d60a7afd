'use strict';
// dist/yaml-lib.js: the yaml package, bundled apart from the CLI and the language server, which reach it
// through yaml.cjs beside this file on first use (scripts/bundle.mjs).
module.exports = require('yaml');
