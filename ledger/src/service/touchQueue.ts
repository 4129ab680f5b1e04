/**
 * Work a write sets off for its workspace, run beside the requests: `touch` returns at once; the work runs after
 * the current request, at most once per `minGapMs` for a hot workspace, and always once after its last touch.
 * The alert evaluator and the resumer of parked executions both run this way.
 */
export class TouchQueue {
  private readonly running = new Map<string, Promise<unknown>>();
  private readonly again = new Set<string>();
  private stopped = false;

  constructor(
    private readonly work: (workspaceId: string) => Promise<void>,
    private readonly minGapMs: number,
  ) {}

  touch(workspaceId: string): void {
    if (this.stopped) return;
    if (this.running.has(workspaceId)) {
      this.again.add(workspaceId);
      return;
    }
    const run = (async () => {
      // After the request's answer: the request never waits for this.
      await new Promise((resolve) => setImmediate(resolve));
      let last = Number.NEGATIVE_INFINITY;
      do {
        const wait = last + this.minGapMs - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait).unref());
        last = performance.now();
        this.again.delete(workspaceId);
        await this.work(workspaceId);
      } while (this.again.has(workspaceId) && !this.stopped);
    })().finally(() => this.running.delete(workspaceId));
    this.running.set(workspaceId, run);
  }

  get busy(): boolean {
    return this.running.size > 0;
  }

  /** Resolves once no run is in flight. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running.values()]);
  }

  /** Takes no more touches; runs in flight end on their own (`idle` waits for them). */
  stop(): void {
    this.stopped = true;
  }
}
