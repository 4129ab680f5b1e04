/** Contract of the payment routes: Checkout for a pack, the purchase history, and the provider's webhook. */
import { count, nullableText, nullableTime, shortText, text, workspaceQuery } from './fields';
import { defineRoute, errorResponses } from './route';

/** One purchase of a pack through the payment provider (never a grant an admin made by hand). */
export const purchase = {
  type: 'object',
  required: ['id', 'workspaceId', 'provider', 'sessionId', 'packId', 'millicredits', 'amount', 'currency', 'boughtBy', 'status', 'paymentId', 'customerId', 'grantId', 'moneyBack', 'reclaimed', 'createdAt', 'paidAt', 'refundedAt'],
  additionalProperties: false,
  properties: {
    id: text,
    workspaceId: text,
    provider: { type: 'string', description: '`stripe`.' },
    sessionId: { type: 'string', description: 'The provider\'s checkout session id.' },
    packId: text,
    millicredits: count,
    amount: { ...count, description: 'Price in the smallest unit of the currency (cents).' },
    currency: text,
    boughtBy: { type: 'string', description: 'The key that started the checkout.' },
    status: { type: 'string', enum: ['pending', 'paid', 'refunded', 'failed', 'expired'] },
    paymentId: nullableText,
    customerId: nullableText,
    grantId: nullableText,
    moneyBack: { ...count, description: 'Refunded or disputed so far, in the smallest unit of the currency.' },
    reclaimed: { ...count, description: 'Millicredits taken back so far (from the grant, the rest as debt).' },
    createdAt: text,
    paidAt: nullableTime,
    refundedAt: nullableTime,
  },
} as const;

export const postCheckout = defineRoute({
  method: 'POST',
  url: '/v1/checkout',
  schema: {
    tags: ['payments'],
    summary: 'Start paying for a top-up pack: a Checkout Session at the provider; credits arrive with its verified webhook',
    querystring: workspaceQuery,
    body: { type: 'object', required: ['packId'], additionalProperties: false, properties: { packId: shortText } },
    response: {
      201: { type: 'object', required: ['purchase', 'url'], properties: { purchase, url: { type: 'string', description: 'The provider\'s payment page.' } }, description: 'The pending purchase and where to pay' },
      ...errorResponses,
    },
  },
});

export const getPurchases = defineRoute({
  method: 'GET',
  url: '/v1/purchases',
  schema: {
    tags: ['payments'],
    summary: 'Purchase history: packs bought through the payment provider, newest first',
    querystring: { type: 'object', properties: { ...workspaceQuery.properties, limit: { type: 'string', pattern: '^(?:[1-9][0-9]{0,2}|1000)$', description: '1–1000, default 100' } } },
    response: { 200: { type: 'object', required: ['purchases'], properties: { purchases: { type: 'array', items: purchase } }, description: 'Purchases' }, ...errorResponses },
  },
});

export const postStripeWebhook = defineRoute({
  method: 'POST',
  url: '/v1/payments/stripe/webhook',
  schema: {
    tags: ['payments'],
    summary: 'Stripe\'s webhook: verified by its Stripe-Signature over the raw body; grants and takes back credits once per event',
    response: {
      200: { type: 'object', required: ['received', 'outcome'], properties: { received: { type: 'boolean' }, outcome: text }, description: 'Applied, already applied, waiting for its payment, or ignored' },
      ...errorResponses,
    },
  },
});
