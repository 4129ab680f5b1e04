import Stripe from 'stripe';
import type { LedgerEntry } from '../store/types';
import { DeliveryError, type UsageSink } from './sink';

export interface StripeMeterOptions {
  secretKey: string;
  /** The meter's `event_name`; default `n8n_credits`. */
  eventName?: string;
  /** The Stripe customer a workspace's usage is billed to (null: none; the export stops and says so). */
  customerOf: (workspaceId: string) => Promise<string | null>;
  /** Another API host (tests point it at a local receiver). */
  api?: { host: string; port: number; protocol: 'http' | 'https' };
}

/** A meter event's identifier: the entry key, after its workspace (keys are unique per workspace, identifiers per account). */
export const meterIdentifier = (entry: LedgerEntry) => `${entry.workspaceId}:${entry.key}`;

/**
 * Stripe Billing meter events, one per entry: the value is the entry's millicredits (a reversal's is negative, so a
 * summing meter nets it out), the customer the workspace's, the identifier (and the request's idempotency key) the
 * entry key, so Stripe drops a re-sent event.
 */
export class StripeMeterSink implements UsageSink {
  readonly name: string;
  private readonly stripe: Stripe;
  private readonly customers = new Map<string, string>();

  constructor(private readonly options: StripeMeterOptions) {
    this.name = `stripe-meter:${options.eventName ?? 'n8n_credits'}`;
    this.stripe = new Stripe(options.secretKey, { ...(options.api ?? {}), maxNetworkRetries: 2, timeout: 30_000 });
  }

  async open(): Promise<null> {
    return null;
  }

  async send(entries: LedgerEntry[]): Promise<{ fileOffset: null }> {
    for (const [i, entry] of entries.entries()) {
      try {
        const customer = await this.customer(entry.workspaceId);
        const identifier = meterIdentifier(entry);
        await this.stripe.billing.meterEvents.create(
          {
            event_name: this.options.eventName ?? 'n8n_credits', identifier, timestamp: Math.floor(Date.parse(entry.recordedAt) / 1000),
            payload: { stripe_customer_id: customer, value: String(entry.millicredits) },
          },
          { idempotencyKey: identifier },
        );
      } catch (error) {
        throw new DeliveryError(i, (error as Error).message);
      }
    }
    return { fileOffset: null };
  }

  async close(): Promise<void> {}

  private async customer(workspaceId: string): Promise<string> {
    let id = this.customers.get(workspaceId) ?? null;
    if (id === null) {
      id = await this.options.customerOf(workspaceId);
      if (id === null) throw new Error(`workspace "${workspaceId}" has no Stripe customer: pass --customer ${workspaceId}=cus_… (or buy a pack through Checkout once)`);
      this.customers.set(workspaceId, id);
    }
    return id;
  }
}
