/**
 * Debounced re-checking for push diagnostics: each change restarts its document's timer, and a result
 * is only published if the document is still at the version it was computed for (stale results are
 * dropped, never shown).
 */
export class DiagnosticsScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly delayMs: () => number,
    private readonly publish: (uri: string) => void,
  ) {}

  schedule(uri: string, immediately = false): void {
    this.cancel(uri);
    if (immediately) {
      this.publish(uri);
      return;
    }
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        this.publish(uri);
      }, this.delayMs()),
    );
  }

  cancel(uri: string): void {
    const timer = this.timers.get(uri);
    if (timer) clearTimeout(timer);
    this.timers.delete(uri);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
