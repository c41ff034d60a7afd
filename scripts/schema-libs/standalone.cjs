'use strict';
// Stands for `ajv/dist/standalone` in the CLI and server bundles (entry.cjs says why).
module.exports = { __esModule: true, default: (...args) => require('./schema-libs.js').standaloneCode(...args) };
