/** In the browser the worker's memory is the browser's to collect: no explicit collections (lsp/memoryCollector.ts). */
export function exposedGc(): undefined {
  return undefined;
}
