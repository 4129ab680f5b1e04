/** What the ledger needs from a payment provider: a hosted checkout per pack, and verified webhook events. */
import type { TopUpPack } from '../../../shared-pricing/src/plans/types';
import type { PaymentConfirmation, PaymentReversal } from '../store/types';

export interface CheckoutInput {
  purchaseId: string;
  workspaceId: string;
  pack: TopUpPack;
  /** Where the buyer comes back to (the billing page). */
  successUrl: string;
  cancelUrl: string;
  /** The workspace's customer at the provider, when a purchase already made one. */
  customerId: string | null;
}

export interface CheckoutSession {
  sessionId: string;
  /** The provider's hosted payment page. */
  url: string;
  customerId: string | null;
}

/** A verified webhook event, in the ledger's terms. */
export type PaymentEvent =
  | { kind: 'confirmation'; confirmation: PaymentConfirmation }
  | { kind: 'closed'; provider: string; eventId: string; eventType: string; sessionId: string; status: 'failed' | 'expired' }
  | { kind: 'reversal'; reversal: PaymentReversal }
  | { kind: 'ignored'; eventId: string; eventType: string; reason: string };

export interface PaymentProvider {
  readonly name: string;
  createCheckout(input: CheckoutInput): Promise<CheckoutSession>;
  /** Verifies the signature over the raw body and reads the event; throws `WebhookRejected` when it cannot. */
  verifyWebhook(rawBody: Buffer, signature: string | undefined): PaymentEvent;
}

/** A webhook the ledger will not act on: a bad signature (400) or no webhook secret configured (503). */
export class WebhookRejected extends Error {
  constructor(
    readonly code: 'bad-signature' | 'webhook-secret-missing',
    message: string,
  ) {
    super(message);
    this.name = 'WebhookRejected';
  }
}
