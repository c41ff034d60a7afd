// dist/cached-require.js, what bin/increport.js loads first: the code cache loader for dist/cli.js
// (cachedRequire.ts). The CLI's heap sizing (heapSizing.ts) is set by a check of many files, after the bundle is loaded.
export { cachedRequire } from './cachedRequire';
