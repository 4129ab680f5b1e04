import type { LedgerStore } from '../store/types';
import { exportUsage, type ExportSummary } from './exportUsage';
import type { UsageSink } from './sink';

/**
 * `serve`'s exporter: runs an export every `intervalMs`, one run at a time; a failed run is logged and the next
 * one continues from the cursor. `stop` waits for the run in flight.
 */
export class BackgroundExporter {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly store: LedgerStore,
    private readonly makeSink: () => UsageSink,
    private readonly intervalMs: number,
    private readonly log: (message: string, error?: unknown) => void,
    private readonly lagMs = 0,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.runOnce(), this.intervalMs);
    this.timer.unref();
    void this.runOnce();
  }

  /** One export run now (skipped while one is running); resolves when it ends. */
  runOnce(): Promise<void> {
    // Made inside the promise: settings that cannot make a sink are logged like any failed run.
    this.running ??= Promise.resolve()
      .then(() => exportUsage(this.store, this.makeSink(), { lagMs: this.lagMs }))
      .then((s: ExportSummary) => {
        if (s.entries > 0) this.log(`export ${s.sink}: ${s.entries} entries, ${s.sent} sent, ${s.acknowledged} acknowledged`);
      })
      .catch((error: unknown) => this.log('usage export failed; the next run continues from the cursor', error))
      .finally(() => (this.running = null));
    return this.running;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}
