import { DEFAULT_SMTP_FROM } from '../service/config';
import type { LedgerStore } from '../store/types';
import { emailSender, webhookSender } from './channels';
import { DEFAULT_TIMING, Deliverer, type DeliveryTiming } from './deliverer';
import { TouchQueue } from '../service/touchQueue';
import { evaluateAlerts } from './evaluate';
import { webhookSecretOf } from './settings';

export interface AlertServiceOptions {
  now?: () => number;
  /** `smtp://host:port` (or `smtps://`, with credentials); null: e-mail deliveries fail with a message saying so. */
  smtpUrl?: string | null;
  smtpFrom?: string;
  timing?: Partial<DeliveryTiming>;
  /** How often every workspace is evaluated (a renewal happens with no request); default 60 s. */
  evaluateEveryMs?: number;
  /** The least time between two evaluations of one workspace under a stream of writes; default 1 s. */
  minGapMs?: number;
  /** How often due deliveries (retries) are looked for; default 5 s. */
  deliverEveryMs?: number;
  /** Where failures of the alert machinery itself go (never a charge's concern). */
  log?: (message: string, error: unknown) => void;
}

/**
 * Alerts beside the charge path: `touch` after a write schedules an evaluation of that workspace and returns at
 * once; evaluations queue deliveries in the store's outbox; a worker sends them. Timers catch what no request
 * causes (a renewal at midnight) and retries.
 */
export class AlertService {
  private readonly now: () => number;
  private readonly deliverer: Deliverer;
  private readonly email: { close(): void };
  private readonly log: (message: string, error: unknown) => void;
  private readonly touches: TouchQueue;
  private delivering: Promise<number> | null = null;
  private timers: NodeJS.Timeout[] = [];

  constructor(
    private readonly store: LedgerStore,
    private readonly options: AlertServiceOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    const timing = { ...DEFAULT_TIMING, ...options.timing };
    const email = emailSender(options.smtpUrl ?? null, options.smtpFrom ?? DEFAULT_SMTP_FROM, timing.timeoutMs);
    this.email = email;
    const webhook = webhookSender(async (ws) => webhookSecretOf(await store.getAlertSettings(ws)), this.now, timing.timeoutMs);
    this.deliverer = new Deliverer(store, { email: email.send, webhook }, timing, this.now);
    this.log = options.log ?? (() => undefined);
    // A hot workspace is evaluated at most once per gap, and always once after its last write.
    this.touches = new TouchQueue(async (workspaceId) => {
      const fired = await this.evaluate(workspaceId).catch((err: unknown) => (this.log('alert evaluation failed', err), []));
      if (fired.length > 0) void this.deliver();
    }, options.minGapMs ?? 1_000);
  }

  /** Schedules an evaluation of the workspace after the current request; several touches while one runs make one more. */
  touch(workspaceId: string): void {
    this.touches.touch(workspaceId);
  }

  /** Evaluates one workspace now; returns the keys of the alerts that fired. */
  async evaluate(workspaceId: string): Promise<string[]> {
    return (await evaluateAlerts(this.store, workspaceId, this.now())).map((c) => c.key);
  }

  async evaluateAll(): Promise<void> {
    for (const ws of await this.store.listWorkspaces()) await this.evaluate(ws.id);
  }

  /** One pass of the delivery worker (a pass already running is joined, not doubled). */
  deliver(): Promise<number> {
    this.delivering ??= this.deliverer.runOnce().finally(() => (this.delivering = null));
    return this.delivering.catch((err: unknown) => (this.log('alert delivery failed', err), 0));
  }

  start(): void {
    const every = (ms: number, work: () => Promise<unknown>) => {
      const timer = setInterval(() => void work().catch((err: unknown) => this.log('alert timer failed', err)), ms);
      timer.unref();
      this.timers.push(timer);
    };
    every(this.options.evaluateEveryMs ?? 60_000, () => this.evaluateAll().then(() => this.deliver()));
    every(this.options.deliverEveryMs ?? 5_000, () => this.deliver());
  }

  /** Resolves once no evaluation or delivery is in flight. */
  async idle(): Promise<void> {
    // An evaluation may start a delivery, and a delivery ends before the next evaluation is looked at.
    while (this.touches.busy || this.delivering) await Promise.allSettled([this.touches.idle(), this.delivering]);
  }

  /** Stops the timers and waits for work in flight (a delivery ends within its timeout). */
  async stop(): Promise<void> {
    this.touches.stop();
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    await this.idle();
    this.email.close();
  }
}
