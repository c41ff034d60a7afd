'use strict';
// Stands for `yaml` in the CLI and server bundles: the YAML parser (~110 KB) is needed for front matter and
// .increport.yaml only, so it lives in dist/yaml-lib.js, loaded on first use; a report without front matter
// in a folder without configuration (the editor's first diagnostics for most reports) never loads it
// (scripts/bundle.mjs). What the engine uses of yaml, each reaching the real package.
const yaml = () => require('./yaml-lib.js');
class LineCounter {
  constructor(...args) {
    return new (yaml().LineCounter)(...args);
  }
}
function visit(...args) {
  return yaml().visit(...args);
}
for (const key of ['BREAK', 'SKIP', 'REMOVE']) Object.defineProperty(visit, key, { get: () => yaml().visit[key] });
module.exports = {
  LineCounter,
  visit,
  parseDocument: (...args) => yaml().parseDocument(...args),
  isAlias: (node) => yaml().isAlias(node),
  isMap: (node) => yaml().isMap(node),
  isScalar: (node) => yaml().isScalar(node),
  isPair: (node) => yaml().isPair(node),
};
