'use strict';
// Stands for `ajv/dist/runtime/uri` (fast-uri) in the CLI and server bundles (entry.cjs says why): standalone
// code of a schema that resolves URIs at validation time reaches fast-uri through this, on first use.
module.exports = { __esModule: true, default: new Proxy({}, { get: (_target, key) => require('./schema-libs.js').uri[key] }) };
