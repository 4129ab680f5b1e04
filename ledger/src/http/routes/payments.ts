import { randomUUID } from 'node:crypto';
import { applyPaymentEvent } from '../../payments/applyPaymentEvent';
import { WebhookRejected, type PaymentEvent } from '../../payments/provider';
import { principalOf } from '../auth';
import { resolveWorkspace, type AppContext } from '../context';
import { getPurchases, postCheckout, postStripeWebhook } from '../contract/payments';
import { contractRoute, type LedgerApp } from '../contractRoute';
import { ApiError } from '../errors';

/** Checkout for a pack, the purchase history, and the provider's webhook (raw body: the signature covers its bytes). */
export function paymentRoutes(app: LedgerApp, ctx: AppContext): void {
  app.post(postCheckout.url, contractRoute(postCheckout), async (request, reply) => {
    const ws = await resolveWorkspace(ctx, request);
    const payments = ctx.payments;
    if (!payments) throw new ApiError(409, 'payments-not-configured', 'no payment provider is configured: an admin grants credits with POST /v1/topups instead', 'packId');
    const pack = ws.plan.topUps.packs.find((p) => p.id === request.body.packId);
    if (!pack) throw new ApiError(400, 'unknown-pack', `the plan "${ws.plan.name}" has no top-up pack "${request.body.packId}"`, 'packId');
    const id = randomUUID();
    const customerId = (await ctx.store.listPurchases(ws.id)).find((p) => p.customerId !== null)?.customerId ?? null;
    let session;
    try {
      session = await payments.provider.createCheckout({
        purchaseId: id, workspaceId: ws.id, pack, customerId,
        successUrl: `${payments.returnUrl}/?checkout=success&session_id={CHECKOUT_SESSION_ID}`,
        cancelUrl: `${payments.returnUrl}/?checkout=cancelled`,
      });
    } catch (err) {
      request.log.warn({ err }, 'checkout session failed');
      throw new ApiError(502, 'payment-provider-error', `${payments.provider.name} did not create a checkout session: ${(err as Error).message}`);
    }
    const purchase = await ctx.store.createPurchase({
      id, workspaceId: ws.id, provider: payments.provider.name, sessionId: session.sessionId, packId: pack.id, millicredits: pack.millicredits,
      amount: pack.price, currency: pack.currency, boughtBy: principalOf(request).keyName, customerId: session.customerId,
    });
    return reply.status(201).send({ purchase, url: session.url });
  });

  app.get(getPurchases.url, contractRoute(getPurchases), async (request) => {
    const ws = await resolveWorkspace(ctx, request);
    // Query strings are not coerced: the limit arrives as text, checked by the contract's pattern.
    return { purchases: await ctx.store.listPurchases(ws.id, request.query.limit ? Number(request.query.limit) : 100) };
  });

  // Only this route reads its body as bytes: every other route keeps the JSON parser.
  void app.register(async (raw: LedgerApp) => {
    raw.removeAllContentTypeParsers();
    raw.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
    raw.post(postStripeWebhook.url, contractRoute(postStripeWebhook), async (request) => {
      const provider = ctx.payments?.provider;
      if (!provider || provider.name !== 'stripe') throw new ApiError(503, 'payments-not-configured', 'no Stripe account is configured (--stripe-secret-key): nothing is granted');
      let event: PaymentEvent;
      try {
        event = provider.verifyWebhook(Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0), request.headers['stripe-signature'] as string | undefined);
      } catch (err) {
        if (err instanceof WebhookRejected) throw new ApiError(err.code === 'bad-signature' ? 400 : 503, err.code, err.message);
        throw err;
      }
      const outcome = await applyPaymentEvent(ctx.store, event);
      // Refused events are answered 4xx (Stripe shows them and retries); nothing was recorded for them.
      if (outcome.status === 'rejected') throw new ApiError(400, outcome.code, outcome.message);
      // Credits arrived or left: alerts (a balance threshold, depleted) are evaluated again.
      if (outcome.status === 'applied') ctx.alerts?.touch(outcome.purchase.workspaceId);
      request.log.info({ outcome: outcome.status, kind: event.kind }, 'payment webhook');
      return { received: true, outcome: outcome.status };
    });
  });
}
