import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { Worker } from 'node:worker_threads';
import { CASES } from './cases';
import { GROWTH, type Growth, MAX_RATIO, linearGrowth } from './measure';

/*
 * Hostile input cannot hang: for each scanner family, the worst cases we know of are timed at n and 8n in
 * one process, and the time must grow about linearly (at most MAX_RATIO times for 8 times the input).
 * The timing runs in a worker with a young generation large enough for one run at 8n (growthWorker.ts).
 */
const YOUNG_GENERATION_MB = 256;
const worker = new Worker(join(__dirname, 'growthWorker.js'), { resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
type Reply = { index: number; growth?: Growth & { linear: boolean }; error?: string };
const waiting = new Map<number, (reply: Reply) => void>();
worker.on('message', (reply: Reply) => waiting.get(reply.index)?.(reply));
after(() => worker.terminate());

function measureInWorker(index: number): Promise<Reply> {
  return new Promise((resolve, reject) => {
    waiting.set(index, resolve);
    worker.once('error', reject);
    worker.postMessage({ index });
  });
}

CASES.forEach((testCase, index) => {
  test(`complexity: ${testCase.family}: ${testCase.name} grows linearly`, async () => {
    const reply = await measureInWorker(index);
    if (reply.error) assert.fail(reply.error);
    const growth = reply.growth!;
    const figures = `${growth.small.toFixed(1)} ms at n=${testCase.n}, ${growth.large.toFixed(1)} ms at ${GROWTH}n: ratio ${growth.ratio.toFixed(1)}`;
    if (process.env.INCREPORT_COMPLEXITY_VERBOSE) console.log(`${testCase.family}: ${testCase.name}: ${figures}`);
    assert.ok(growth.linear, `${figures}, above ${MAX_RATIO}`);
  });
});
/** Work of about n^power steps that the optimiser cannot drop. */
function work(power: number): (n: number) => () => number {
  return (n) => () => {
    let sum = 0;
    const inner = Math.round(n ** (power - 1));
    for (let outer = 0; outer < n; outer++) for (let step = 0; step < inner; step++) sum = (sum + outer * step) % 1000003;
    return sum;
  };
}

test('complexity: the measure passes linear work and fails n^1.5 and quadratic work', () => {
  // Sizes where one run at n takes a few milliseconds: below the measure's 1 ms floor, n^1.5 work read as 14.
  assert.ok(linearGrowth(work(1), 1_000_000).linear, 'linear work taken for faster than linear');
  const sesquilinear = linearGrowth(work(1.5), 10_000);
  assert.ok(!sesquilinear.linear, `n^1.5 work passed with ratio ${sesquilinear.ratio.toFixed(1)}`);
  const quadratic = linearGrowth(work(2), 600);
  assert.ok(!quadratic.linear, `quadratic work passed with ratio ${quadratic.ratio.toFixed(1)}`);
});
