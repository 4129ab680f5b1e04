import { iso } from '../store/rows';
import type { AlertDelivery, LedgerStore } from '../store/types';
import { PermanentDeliveryError, type Send } from './channels';

/** How deliveries are timed; tests shrink every figure. */
export interface DeliveryTiming {
  /** A receiver or SMTP server silent this long has failed the attempt. */
  timeoutMs: number;
  /** The wait after the first failed attempt; each further failure doubles it, up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Attempts before a delivery is given up (`failed`). */
  maxAttempts: number;
}

export const DEFAULT_TIMING: DeliveryTiming = { timeoutMs: 10_000, baseDelayMs: 30_000, maxDelayMs: 3_600_000, maxAttempts: 12 };

/** The wait before the next attempt after `attempts` failed ones: base × 2^(attempts − 1), at most `maxDelayMs`. */
export function retryDelay(attempts: number, timing: DeliveryTiming): number {
  return Math.min(timing.maxDelayMs, timing.baseDelayMs * 2 ** Math.max(0, attempts - 1));
}

/** Drains the outbox: claims due deliveries, sends them side by side, records each result. */
export class Deliverer {
  constructor(
    private readonly store: LedgerStore,
    private readonly senders: Record<AlertDelivery['channel'], Send>,
    private readonly timing: DeliveryTiming,
    private readonly now: () => number,
  ) {}

  /** One pass over what is due; returns how many deliveries were attempted. */
  async runOnce(limit = 20): Promise<number> {
    // The lease outlasts one attempt, so a slow receiver's delivery is not claimed twice.
    const claimed = await this.store.claimDeliveries(limit, this.timing.timeoutMs * 2 + 1000);
    await Promise.all(claimed.map((d) => this.attempt(d)));
    return claimed.length;
  }

  private async attempt(d: AlertDelivery): Promise<void> {
    try {
      await this.senders[d.channel](d);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const giveUp = error instanceof PermanentDeliveryError || d.attempts >= this.timing.maxAttempts;
      await this.store.finishDelivery(d.id, { ok: false, error: message, retryAt: giveUp ? null : iso(this.now() + retryDelay(d.attempts, this.timing)) });
      return;
    }
    await this.store.finishDelivery(d.id, { ok: true });
  }
}
