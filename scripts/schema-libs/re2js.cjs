'use strict';
// Stands for `re2js` in the CLI and server bundles (entry.cjs says why): what linearRegExp.ts uses of it,
// RE2JS.compile and `instanceof` on its two exception classes, each reaching re2js itself.
const re2js = () => require('./schema-libs.js').re2js;
const instanceOf = (name) =>
  class {
    static [Symbol.hasInstance](value) {
      return value instanceof re2js()[name];
    }
  };
module.exports = {
  RE2JS: { compile: (...args) => re2js().RE2JS.compile(...args) },
  RE2JSException: instanceOf('RE2JSException'),
  RE2JSSyntaxException: instanceOf('RE2JSSyntaxException'),
};
