'use strict';
// dist/schema-libs.js: ajv's schema compiler, fast-uri and re2js, bundled apart from the CLI and the language server.
// Their bundles import these packages through the stand-ins beside this file, which load this bundle on first
// use: a check with the bundled schema (its validator generated at build time, no pattern) never loads it,
// so Node neither reads nor compiles ~40 % of the code a start used to (scripts/bundle.mjs).
module.exports = {
  Ajv2020: require('ajv/dist/2020').default,
  standaloneCode: require('ajv/dist/standalone').default,
  re2js: require('re2js'),
  uri: require('ajv/dist/runtime/uri').default,
};
