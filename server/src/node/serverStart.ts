import { join } from 'node:path';
import { WARM_EVENT } from '../lsp/warmSignal';
import { cachedRequire } from './cachedRequire';
import { growOldGenerationSlowly } from './heapSizing';

// dist/server.js, what VS Code and bin/increport-language-server.js start: the language server's bundle
// (dist/server-main.js) through V8's code cache (cachedRequire.ts), so a start does not compile it all again.
// A missing cache is written once the first diagnostics are out (warmSignal.ts), with the code they compiled;
// a server that never checks a report writes it after WRITE_AT_THE_LATEST_MS.
const WRITE_AT_THE_LATEST_MS = 10_000;

// V8 stamps a code cache with the flags set when it is made and rejects it when they differ at load: the heap
// sizing flags (heapSizing.ts) are set here, before the bundle is compiled, so they are the same at both ends
// (a flag set by the bundle as it started once made every start reject the cache the one before wrote).
growOldGenerationSlowly();

cachedRequire(join(__dirname, 'server-main.js'), {
  writeWhen: (write) => {
    let written = false;
    const once = () => {
      if (written) return;
      written = true;
      clearTimeout(timer);
      write();
    };
    const timer = setTimeout(once, WRITE_AT_THE_LATEST_MS);
    timer.unref();
    process.once(WARM_EVENT, once);
  },
});
