/*
 * How V8 sizes the heap of a process that checks report after report. Checking a report makes a model
 * (~60 KB per 10 KB of report) and much short-lived garbage; by default V8 doubles the young generation up
 * to 2 × 16 MB as soon as many objects survive a scavenge (they do, while a report is being checked), and
 * lets the old generation grow to up to 4× what was live at its last full collection before the next one.
 * Measured: the language server with 200 open reports climbed from 104 to 147 MB over four rounds of
 * opening and closing them (150.2 MB on a loaded CI machine, failing its 150 MB bound); `increport check`
 * peaked at 110 MB on 5,000 reports against 68 MB on 10.
 *
 * These flags are read by V8 each time it resizes a space, so setting them after start takes effect
 * (Node's documentation warns that a flag set late may also do nothing: then memory is as before, and
 * nothing else changes). Editors start the server with no Node options of ours, so its entry point sets
 * them before its bundle is compiled: V8 stamps a code cache with the flags set when it is made and
 * rejects it in a process whose flags differ (serverStart.ts). The CLI sets its flag only for a check of
 * many files (checkCommand.ts), after its bundle is loaded and its code cache written: a check of one
 * report then does not load node:v8 (2 ms of a cold start), and every run finds a cache made under the
 * same flags.
 *
 * The server grows its old generation slowly but keeps V8's young generation: with a 1 MB one, typing in
 * a 300 KB report answered completion ~20% slower (bench (f), p50 6.3–7.2 against 5.2 ms). The CLI keeps
 * the young generation small: a folder check is throughput, and its peak memory is what is bounded.
 * An explicit `gc()` after releasing models was tried and rejected: a forced full collection discards
 * V8's optimized code ("weak objects" deoptimization) and the next hundred checks ran ~5× slower.
 */

/** Keeps the young generation at its starting size (1 MB semi-spaces): a check's garbage dies young there. */
export function keepYoungGenerationSmall(): void {
  setFlag('--semi-space-growth-factor=1');
}

/**
 * Lets the old generation grow by half of what is live between full collections (instead of up to 4×):
 * for the long-running language server, whose old generation otherwise fills with released models.
 */
export function growOldGenerationSlowly(): void {
  setFlag('--heap-growing-percent=50');
}

function setFlag(flag: string): void {
  try {
    // Loaded here: node:v8 brings Node's heap snapshot and stream modules with it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports, @typescript-eslint/consistent-type-imports
    (require('node:v8') as typeof import('node:v8')).setFlagsFromString(flag);
  } catch {
    // A flag this V8 does not know: memory as before.
  }
}
