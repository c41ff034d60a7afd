/**
 * Full garbage collections after the language server lets go of many report models (documents closed, or
 * models released beyond the few kept: reportSession.ts).
 *
 * Why: V8 promotes a report's model to the old generation while it is kept, and collects the old generation
 * only when it has grown to a multiple of what was live at the last collection. After 200 reports are
 * opened and closed, most of the heap is models no one holds, and the server's resident memory keeps
 * climbing round after round (measured: 104 → 135 MB over 8 rounds of 200, and past 150 MB on a loaded CI
 * machine) although what is live stays ~25 MB. One collection after each batch of releases returns it
 * (~10 ms for such a heap, against ~5 ms per report checked). The count is the trigger, not a timer: the
 * same work gives the same collections.
 */
export class MemoryCollector {
  private released = 0;
  private scheduled = false;

  /**
   * @param collect a full collection (`gc`): `exposedGc()` (node/exposedGc.ts), or undefined where it cannot be had.
   * @param batch how many released models make a collection worth it.
   */
  constructor(
    private readonly collect: (() => void) | undefined,
    private readonly batch = 32,
  ) {}

  /** `count` models were let go: collect once the batch is full, after the message being handled. */
  noteReleased(count: number): void {
    if (!this.collect || count <= 0) return;
    this.released += count;
    if (this.released < this.batch || this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.released = 0;
      this.collect?.();
    });
  }
}
