/**
 * Growth measurement for the complexity tests: the same operation on inputs of size n and 8n, timed in
 * this process. Only the ratio of the two times is judged, so the machine's speed does not matter:
 * linear work gives about 8, quadratic about 64.
 *
 * Built to hold on a busy machine (tests of other packages running on the same cores): time is the
 * process's CPU time, not wall time, so waiting for a core is not counted; and the small input is run 8
 * times in a row for each timing of the large one, so that both timings cover about the same amount of
 * work and meet the same interruptions. The young generation is collected before each timing, so that one
 * run does not pay for the last one's garbage. Only the young generation: a full collection (plain `gc()`)
 * also drops optimised code whose embedded objects died, so every timing started in the interpreter and
 * paid for recompiling on a background thread (counted in process CPU time). In a process that had run the
 * other cases, that put the date scanner's n-to-8n ratio anywhere from 2 to 24.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export const GROWTH = 8;
/**
 * Above this ratio an operation is taken to grow faster than linearly. Linear work gives about 8 and n log n
 * (sorting the findings) 9–11 at these sizes; the garbage collector adds up to about 14 for operations that
 * hold all they build until they return (a large input keeps more objects alive through each young-generation
 * collection, and process CPU time counts the collector's helper threads): seen at 12.9–13.5 on exports and
 * renders that are linear when timed at 4 more sizes. n^1.5 gives 23 and n² 64, so 16 still fails both.
 */
export const MAX_RATIO = 16;
const ROUNDS = 3;

/** An operation prepared for one size: everything that is not measured (building inputs) is done before. */
export type Prepared = () => unknown;

export interface Growth {
  /** Milliseconds for one run at n. */
  small: number;
  /** Milliseconds for one run at 8n. */
  large: number;
  ratio: number;
}

setFlagsFromString('--expose-gc');
/** V8's collector, reachable from a new context once the flag is set. */
const gc = runInNewContext('gc') as (options: { type: 'minor' | 'major' }) => void;
const collectGarbage = () => gc({ type: 'minor' });

function cpuMilliseconds(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

function timeRuns(run: Prepared, times: number): number {
  collectGarbage();
  const start = cpuMilliseconds();
  for (let index = 0; index < times; index++) run();
  return cpuMilliseconds() - start;
}

interface Timings {
  small: Prepared;
  large: Prepared;
  /** Best CPU milliseconds so far for GROWTH runs at n, and for one run at GROWTH * n. */
  bestSmall: number;
  bestLarge: number;
}

/** Best of `rounds` timings each of `small` (GROWTH runs) and `large` (one run), interleaved; a first call warms both up. */
function timeRounds(small: Prepared, large: Prepared, rounds: number, timings?: Timings): Timings {
  const best = timings ?? { small, large, bestSmall: Infinity, bestLarge: Infinity };
  if (!timings) {
    small();
    large();
  }
  for (let round = 0; round < rounds; round++) {
    best.bestSmall = Math.min(best.bestSmall, timeRuns(small, GROWTH));
    best.bestLarge = Math.min(best.bestLarge, timeRuns(large, 1));
  }
  return best;
}

function growthOf(timings: Timings): Growth {
  // Below a millisecond of CPU time the clock's resolution dominates: floor it so that a tiny n cannot fake a ratio.
  const ratio = (GROWTH * timings.bestLarge) / Math.max(timings.bestSmall, 1);
  return { small: timings.bestSmall / GROWTH, large: timings.bestLarge, ratio };
}

/**
 * Whether the operation grows at most linearly. A ratio above the limit is measured again, with more
 * rounds, up to three times, each keeping the best timings of all rounds so far: a collection or a busy
 * neighbour can slow some timings down, never speed one up, so the best of many is the operation's own
 * cost. No number of rounds brings a quadratic operation (about 64) or an n^1.5 one (about 23) under
 * the limit.
 */
export function linearGrowth(prepare: (n: number) => Prepared, n: number): Growth & { linear: boolean } {
  const timings = timeRounds(prepare(n), prepare(GROWTH * n), ROUNDS);
  let growth = growthOf(timings);
  for (let retry = 1; retry <= 3 && growth.ratio > MAX_RATIO; retry++) growth = growthOf(timeRounds(timings.small, timings.large, 2 * retry * ROUNDS, timings));
  return { ...growth, linear: growth.ratio <= MAX_RATIO };
}
