'use strict';
// Stands for `ajv/dist/2020` in the CLI and server bundles (entry.cjs says why): `new Ajv2020(options)`
// makes ajv's own instance, loading dist/schema-libs.js the first time.
class Ajv2020 {
  constructor(...args) {
    return new (require('./schema-libs.js').Ajv2020)(...args);
  }
}
module.exports = { __esModule: true, default: Ajv2020 };
