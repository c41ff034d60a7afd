// dist/cached-require.js, what bin/increport.js loads first: the code cache loader for dist/cli.js
// (cachedRequire.ts), and the heap sizing the CLI sets before that bundle is compiled (heapSizing.ts: V8
// stamps a code cache with the flags set when it is made, so a flag set later would make every next
// start reject the cache the one before wrote).
export { cachedRequire } from './cachedRequire';
export { keepYoungGenerationSmall } from './heapSizing';
