import Stripe from 'stripe';
import type { CheckoutInput, CheckoutSession, PaymentEvent, PaymentProvider } from './provider';
import { WebhookRejected } from './provider';
import { paymentEventOf } from './stripeEvents';

export interface StripeSettings {
  secretKey: string;
  /** `whsec_…`; null: webhooks are refused (503) until it is configured. */
  webhookSecret: string | null;
  /** Another API host (tests point it at a local receiver). */
  api?: { host: string; port: number; protocol: 'http' | 'https' };
}

const credits = (millicredits: number) => (millicredits / 1000).toLocaleString('en-US', { maximumFractionDigits: 3 });

/** Payments through Stripe Checkout, on the official SDK: one Checkout Session per pack, events verified by signature. */
export class StripePaymentProvider implements PaymentProvider {
  readonly name = 'stripe';
  private readonly stripe: Stripe;

  constructor(private readonly settings: StripeSettings) {
    this.stripe = new Stripe(settings.secretKey, { ...(settings.api ?? {}), maxNetworkRetries: 2, timeout: 20_000 });
  }

  async createCheckout(input: CheckoutInput): Promise<CheckoutSession> {
    const { pack } = input;
    const metadata = { workspaceId: input.workspaceId, purchaseId: input.purchaseId, packId: pack.id };
    const session = await this.stripe.checkout.sessions.create(
      {
        mode: 'payment',
        line_items: [{ quantity: 1, price_data: { currency: pack.currency.toLowerCase(), unit_amount: pack.price, product_data: { name: `${credits(pack.millicredits)} credits (pack ${pack.id})` } } }],
        success_url: input.successUrl,
        cancel_url: input.cancelUrl,
        client_reference_id: input.purchaseId,
        metadata,
        // On the payment too, so a refund or dispute seen in the dashboard names its workspace.
        payment_intent_data: { metadata },
        // One customer per workspace: the first purchase creates it, later ones reuse it (the meter export bills it).
        ...(input.customerId ? { customer: input.customerId } : { customer_creation: 'always' as const }),
      },
      // A retried request creates no second session for the same purchase.
      { idempotencyKey: `checkout-${input.purchaseId}` },
    );
    if (!session.url) throw new Error(`Stripe returned checkout session ${session.id} without a URL`);
    return { sessionId: session.id, url: session.url, customerId: typeof session.customer === 'string' ? session.customer : (session.customer?.id ?? null) };
  }

  verifyWebhook(rawBody: Buffer, signature: string | undefined): PaymentEvent {
    if (!this.settings.webhookSecret) throw new WebhookRejected('webhook-secret-missing', 'no Stripe webhook secret is configured (--stripe-webhook-secret or N8N_CREDITS_STRIPE_WEBHOOK_SECRET): nothing is granted');
    if (!signature) throw new WebhookRejected('bad-signature', 'the Stripe-Signature header is missing');
    let event: Stripe.Event;
    try {
      event = this.stripe.webhooks.constructEvent(rawBody, signature, this.settings.webhookSecret);
    } catch (error) {
      throw new WebhookRejected('bad-signature', `the Stripe signature does not verify: ${(error as Error).message}`);
    }
    return paymentEventOf(event);
  }
}
