/*
 * The language server tells dist/server.js (server/src/node/serverStart.ts) when its first diagnostics and
 * the handlers loaded after them are done: V8's code cache is written then, so that it holds the code of a
 * check and of those handlers too (cachedRequire.ts). A process event, as the two are separate bundles;
 * the web build's `process` has no events, and nothing listens there.
 */
export const WARM_EVENT = 'increport:warm';

let signalled = false;

/** Emits WARM_EVENT once, after the work already queued (the lazy handlers' load). */
export function signalWarm(): void {
  if (signalled) return;
  signalled = true;
  setTimeout(() => (process as NodeJS.EventEmitter).emit(WARM_EVENT), 0);
}
