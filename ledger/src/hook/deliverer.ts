import type { SendResult } from './client';
import { DEFAULT_MAX_ATTEMPTS } from './config';
import type { Spool } from './spool';
import type { FailureReason, SpoolRecord } from './spoolRecord';

export interface DelivererOptions {
  send(bodyJson: string): Promise<SendResult>;
  spool: Spool;
  log(line: string): void;
  retryInitialMs: number;
  retryMaxMs: number;
  /** Deliveries waiting for the ledger at once; beyond it records go to the spool, so memory stays bounded. Default 256. */
  maxInFlight?: number;
  /** Deliveries a record gets when the ledger fails on it (500s, no answer in time) before it moves to `dead/`. */
  maxAttempts?: number;
}

type RecordFailure = Extract<SendResult, { status: 'failed' | 'reject' }>;

/**
 * Delivers execution records to the ledger off n8n's path: a record is sent at once; when the ledger cannot take it
 * it goes to the spool, which is delivered oldest first. Two kinds of failure are kept apart so that one bad record
 * never holds back the others:
 * - the ledger is unreachable or down (`retry`): the whole spool waits, with backoff doubling up to `retryMaxMs`,
 *   and nothing is counted against any record — an outage of any length loses nothing;
 * - the ledger fails on this record (`failed`: a 500, no answer in time): the attempt is counted in the record's
 *   file, the record waits its own backoff while later records flow, and after `maxAttempts` it moves to `dead/`;
 *   a refusal (`reject`: a 4xx such as 400 or 401) moves it there at once.
 * Records still in memory when the process exits are spooled synchronously.
 */
export class Deliverer {
  private readonly inFlight = new Map<number, SpoolRecord>();
  private readonly pending = new Set<Promise<void>>();
  private nextId = 0;
  private delay: number;
  private timer: NodeJS.Timeout | null = null;
  private timerAt = Infinity;
  private draining: Promise<void> | null = null;
  /** The ledger did not answer the last try: new records queue behind the spool instead of each trying. Logged once. */
  private outage = false;
  /** False only once a pass found nothing due: spares a folder listing per delivery while all is well. */
  private spoolMayHaveRecords = true;
  /** When each waiting record this process saw fail may be tried again: spares reading its file before then. */
  private readonly notBefore = new Map<string, number>();
  private stopped = false;
  /** Counters since start, for logs, tests and the benchmark (the folder's own counts: `spool.counts()`). */
  readonly stats = { delivered: 0, spooled: 0, dead: 0, recorded: 0 };

  constructor(private readonly options: DelivererOptions) {
    this.delay = options.retryInitialMs;
  }

  private get maxAttempts(): number {
    return this.options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  }

  /** Sends a record in the background; the returned promise settles when it is delivered, spooled or dead. */
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
    // While the ledger does not answer and records wait, queue behind them instead of trying each one.
    if (this.outage && this.spoolMayHaveRecords && this.options.spool.list().length > 0) {
      this.spoolRecord(record);
      return;
    }
    const result = await this.send(record.body);
    if (result.status === 'ok') {
      this.stats.delivered++;
      this.stats.recorded += result.recorded;
      this.onAnswered();
      // Deliver what waits in the spool now rather than at the next backoff tick.
      if (this.spoolMayHaveRecords) this.drainSoon(0);
    } else if (result.status === 'retry') {
      this.spoolRecord(record);
      this.onUnreachable(result.reason);
    } else {
      this.onRecordFailure(null, record, result);
    }
  }

  private async send(body: string): Promise<SendResult> {
    try {
      return await this.options.send(body);
    } catch (err) {
      return { status: 'retry', reason: String(err) };
    }
  }

  /** Writes a new record to the spool; its file name, or null when the disk refused (then it is lost, and logged). */
  private spoolRecord(record: SpoolRecord): string | null {
    try {
      const name = this.options.spool.write(record);
      this.spoolMayHaveRecords = true;
      this.stats.spooled++;
      return name;
    } catch (err) {
      this.options.log(`n8n Credits hook: could not spool execution ${record.executionId} to ${this.options.spool.dir} (${String(err)}); it is lost`);
      return null;
    }
  }

  /**
   * Counts a delivery the ledger failed or refused against the record (`name`: its spool file, null when it was
   * never spooled): to `dead/` when refused or out of attempts, else back in the spool to wait its own backoff.
   */
  private onRecordFailure(name: string | null, record: SpoolRecord, result: RecordFailure): void {
    const attempts = (record.attempts ?? 0) + 1;
    const reason: FailureReason = { status: result.httpStatus, message: result.reason, attempts, at: new Date().toISOString() };
    if (result.status === 'failed' && result.timedOut) this.onUnreachable(result.reason);
    else this.onAnswered();
    if (result.status === 'reject' || attempts >= this.maxAttempts) {
      this.bury(name, record, reason);
      return;
    }
    const waiting: SpoolRecord = { executionId: record.executionId, body: record.body, attempts, lastFailure: reason };
    if (name === null) name = this.spoolRecord(waiting);
    else {
      try {
        this.options.spool.update(name, waiting);
      } catch (err) {
        this.options.log(`n8n Credits hook: could not count the failed delivery of execution ${record.executionId} (${String(err)})`);
      }
    }
    if (name === null) return;
    const retryAt = Date.now() + this.backoff(attempts);
    this.notBefore.set(name, retryAt);
    this.scheduleAt(retryAt);
  }

  /** Moves a record to `dead/`, where it waits for `n8n-credits spool replay`; one log line each. */
  private bury(name: string | null, record: SpoolRecord, reason: FailureReason): void {
    const spool = this.options.spool;
    try {
      if (name === null) spool.writeDead(record, reason);
      else spool.kill(name, record, reason);
    } catch (err) {
      const where = name === null ? 'it is lost' : 'it stays in the spool';
      this.options.log(`n8n Credits hook: could not move execution ${record.executionId} to ${spool.dead.dir} (${String(err)}); ${where}`);
      return;
    }
    if (name !== null) this.notBefore.delete(name);
    this.stats.dead++;
    const counts = spool.counts();
    const why = reason.status === null || reason.status >= 500 ? `after ${reason.attempts} attempt${reason.attempts === 1 ? '' : 's'}` : 'refused';
    this.options.log(`n8n Credits hook: execution ${record.executionId} is dead (${why}): ${reason.message}; kept in ${spool.dead.dir} (spool: ${counts.waiting} waiting, ${counts.dead} dead); once the cause is fixed: n8n-credits spool replay ${record.executionId}`);
  }

  /** The wait before a record's next try after `attempts` failed ones: doubling from `retryInitialMs` up to `retryMaxMs`. */
  private backoff(attempts: number): number {
    return Math.min(this.options.retryInitialMs * 2 ** Math.min(attempts - 1, 30), this.options.retryMaxMs);
  }

  private onUnreachable(reason: string): void {
    if (!this.outage) {
      this.outage = true;
      this.options.log(`n8n Credits hook: ${reason}; executions are spooled in ${this.options.spool.dir} and delivered when it answers`);
    }
    this.drainSoon(this.delay);
    this.delay = Math.min(this.delay * 2, this.options.retryMaxMs);
  }

  /** The ledger answered (whatever it said): an outage is over, and the spool is delivered now. */
  private onAnswered(): void {
    if (!this.outage) return;
    this.outage = false;
    this.delay = this.options.retryInitialMs;
    this.options.log(`n8n Credits hook: the ledger answers again; delivering the spool`);
    this.drainSoon(0);
  }

  /** Schedules a spool delivery in `ms` (the timer does not keep n8n alive). */
  drainSoon(ms: number): void {
    this.scheduleAt(Date.now() + ms);
  }

  /** Schedules a pass at `at`, unless one is due sooner already. */
  private scheduleAt(at: number): void {
    if (this.stopped || (this.timer && this.timerAt <= at)) return;
    if (this.timer) clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.timerAt = Infinity;
      this.drain().catch((err) => {
        this.options.log(`n8n Credits hook: delivering the spool failed (${String(err)}); retrying later`);
        this.drainSoon(this.options.retryMaxMs);
      });
    }, Math.max(0, at - Date.now()));
    this.timer.unref();
  }

  /** Delivers the spool, oldest first; stops when the ledger does not answer; skips records waiting their backoff. */
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
    // Records spooled while this pass runs set the flag again, and get a pass of their own right after.
    this.spoolMayHaveRecords = false;
    const names = spool.list();
    const present = new Set(names);
    for (const known of this.notBefore.keys()) if (!present.has(known)) this.notBefore.delete(known);
    for (const name of names) {
      if (this.stopped) return;
      if ((this.notBefore.get(name) ?? 0) > Date.now()) continue;
      const record = spool.read(name);
      if (!record) continue;
      const due = record.lastFailure ? Date.parse(record.lastFailure.at) + this.backoff(record.attempts ?? 1) : 0;
      if (due > Date.now()) {
        // Counted by an earlier process (or another one sharing the folder): its backoff goes on from there.
        this.notBefore.set(name, due);
        continue;
      }
      const result = await this.send(record.body);
      if (result.status === 'retry') {
        this.spoolMayHaveRecords = true;
        return this.onUnreachable(result.reason);
      }
      if (result.status === 'ok') {
        this.stats.delivered++;
        this.stats.recorded += result.recorded;
        spool.remove(name);
        this.notBefore.delete(name);
        this.onAnswered();
        continue;
      }
      this.onRecordFailure(name, record, result);
      // A ledger that does not answer in time would make every later record wait as long: back off as in an outage.
      if (result.status === 'failed' && result.timedOut) {
        this.spoolMayHaveRecords = true;
        return;
      }
    }
    // Next: when the earliest waiting record is due, and every `retryMaxMs` anyway, since `n8n-credits spool replay`
    // and other processes sharing the folder put records here without telling this one.
    let next = Date.now() + this.options.retryMaxMs;
    for (const at of this.notBefore.values()) next = Math.min(next, at);
    this.scheduleAt(this.spoolMayHaveRecords ? Date.now() : next);
  }

  /** Resolves when every submitted record is delivered, spooled or dead. */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  /** Spools, synchronously, what is still in memory (for a process `exit` handler) and stops the retry timer. */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.timerAt = Infinity;
    for (const record of this.inFlight.values()) this.spoolRecord(record);
    this.inFlight.clear();
  }
}
