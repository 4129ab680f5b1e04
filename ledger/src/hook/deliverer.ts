import type { SendResult } from './client';
import type { Spool, SpoolRecord } from './spool';

export interface DelivererOptions {
  send(bodyJson: string): Promise<SendResult>;
  spool: Spool;
  log(line: string): void;
  retryInitialMs: number;
  retryMaxMs: number;
  /** Deliveries waiting for the ledger at once; beyond it records go to the spool, so memory stays bounded. Default 256. */
  maxInFlight?: number;
}

/**
 * Delivers execution records to the ledger off n8n's path: a record is sent at once; when the ledger is unreachable
 * it goes to the spool and the spool is retried with exponential backoff (doubling up to `retryMaxMs`) until the
 * ledger answers, oldest first. Records still in memory when the process exits are spooled synchronously.
 */
export class Deliverer {
  private readonly inFlight = new Map<number, SpoolRecord>();
  private readonly pending = new Set<Promise<void>>();
  private nextId = 0;
  private delay: number;
  private timer: NodeJS.Timeout | null = null;
  private draining: Promise<void> | null = null;
  private unreachableLogged = false;
  /** False only once a drain emptied the spool: spares a folder listing per delivery while all is well. */
  private spoolMayHaveRecords = true;
  private stopped = false;
  /** Counters for logs and tests. */
  readonly stats = { delivered: 0, spooled: 0, rejected: 0, recorded: 0 };

  constructor(private readonly options: DelivererOptions) {
    this.delay = options.retryInitialMs;
  }

  /** Sends a record in the background; the returned promise settles when it is delivered, spooled or set aside. */
  submit(record: SpoolRecord): Promise<void> {
    const id = ++this.nextId;
    this.inFlight.set(id, record);
    const done = this.deliver(record)
      .catch((err) => this.options.log(`n8n Credits hook: delivering execution ${record.executionId} failed (${String(err)})`))
      .then(() => {
        this.inFlight.delete(id);
        this.pending.delete(done);
      });
    this.pending.add(done);
    return done;
  }

  private async deliver(record: SpoolRecord): Promise<void> {
    // A ledger slower than n8n must not grow n8n's memory: past the limit, records wait on disk instead.
    if (this.inFlight.size > (this.options.maxInFlight ?? 256)) {
      this.spoolRecord(record);
      this.drainSoon(this.options.retryInitialMs);
      return;
    }
    // While records wait in the spool the ledger is known down: queue behind them instead of trying each one.
    if (this.timer && this.spoolMayHaveRecords && this.options.spool.list().length > 0) {
      this.spoolRecord(record);
      return;
    }
    const result = await this.send(record.body);
    if (result.status === 'ok') {
      this.onDelivered(result.recorded);
      return;
    }
    if (result.status === 'reject') {
      this.stats.rejected++;
      this.options.log(`n8n Credits hook: the ledger refused execution ${record.executionId}; kept in ${this.options.spool.dir}/rejected (${result.reason})`);
      try {
        this.options.spool.writeRejected(record, result.reason);
      } catch (err) {
        this.options.log(`n8n Credits hook: could not keep refused execution ${record.executionId} (${String(err)})`);
      }
      return;
    }
    this.spoolRecord(record);
    this.onUnreachable(result.reason);
  }

  private async send(body: string): Promise<SendResult> {
    try {
      return await this.options.send(body);
    } catch (err) {
      return { status: 'retry', reason: String(err) };
    }
  }

  private spoolRecord(record: SpoolRecord): void {
    try {
      this.options.spool.write(record);
      this.spoolMayHaveRecords = true;
      this.stats.spooled++;
    } catch (err) {
      this.options.log(`n8n Credits hook: could not spool execution ${record.executionId} to ${this.options.spool.dir} (${String(err)}); it is lost`);
    }
  }

  private onDelivered(recorded: number): void {
    this.stats.delivered++;
    this.stats.recorded += recorded;
    // The ledger answers again: deliver what waits in the spool now rather than at the next backoff tick.
    if (this.timer || this.spoolMayHaveRecords) this.drainSoon(0);
  }

  private onUnreachable(reason: string): void {
    if (!this.unreachableLogged) {
      this.unreachableLogged = true;
      this.options.log(`n8n Credits hook: ${reason}; executions are spooled in ${this.options.spool.dir} and delivered when it answers`);
    }
    this.drainSoon(this.delay);
    this.delay = Math.min(this.delay * 2, this.options.retryMaxMs);
  }

  /** Schedules a spool delivery in `ms` (the timer does not keep n8n alive). */
  drainSoon(ms: number): void {
    if (this.stopped) return;
    if (this.timer) {
      if (ms > 0) return;
      clearTimeout(this.timer);
    }
    this.timer = setTimeout(() => {
      this.timer = null;
      this.drain().catch((err) => {
        this.options.log(`n8n Credits hook: delivering the spool failed (${String(err)}); retrying later`);
        this.drainSoon(this.options.retryMaxMs);
      });
    }, ms);
    this.timer.unref();
  }

  /** Delivers the spool, oldest first; stops at the first record the ledger cannot take yet. */
  drain(): Promise<void> {
    if (!this.draining) {
      this.draining = this.drainOnce().finally(() => {
        this.draining = null;
      });
    }
    return this.draining;
  }

  private async drainOnce(): Promise<void> {
    const spool = this.options.spool;
    for (const name of spool.list()) {
      const record = spool.read(name);
      if (!record) continue;
      const result = await this.send(record.body);
      if (result.status === 'retry') {
        this.onUnreachable(result.reason);
        return;
      }
      if (result.status === 'ok') {
        this.stats.delivered++;
        this.stats.recorded += result.recorded;
        spool.remove(name);
      } else {
        this.stats.rejected++;
        this.options.log(`n8n Credits hook: the ledger refused spooled execution ${record.executionId}; kept in ${spool.dir}/rejected (${result.reason})`);
        spool.reject(name);
      }
    }
    // Another process sharing the folder may still add records; a failed delivery of ours sets the flag again.
    this.spoolMayHaveRecords = false;
    if (this.unreachableLogged) this.options.log(`n8n Credits hook: the ledger answers again; the spool is delivered`);
    this.unreachableLogged = false;
    this.delay = this.options.retryInitialMs;
  }

  /** Resolves when every submitted record is delivered, spooled or set aside. */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  /** Spools, synchronously, what is still in memory (for a process `exit` handler) and stops the retry timer. */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    for (const record of this.inFlight.values()) this.spoolRecord(record);
    this.inFlight.clear();
  }
}
