/** In the browser the worker's heap is the browser's to size (node/heapSizing.ts). */
export function keepYoungGenerationSmall(): void {}
export function growOldGenerationSlowly(): void {}
