import { join } from 'node:path';
import { cachedRequire } from './cachedRequire';
import { growOldGenerationSlowly } from './heapSizing';

// dist/server.js, what VS Code and bin/increport-language-server.js start: the language server's bundle
// (dist/server-main.js) through V8's code cache (cachedRequire.ts), so a start does not compile it all again.
// Before the bundle is compiled: V8 stamps a code cache with the flags set when it is made (heapSizing.ts).
growOldGenerationSlowly();
cachedRequire(join(__dirname, 'server-main.js'));
