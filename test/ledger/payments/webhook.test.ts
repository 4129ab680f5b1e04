import { strict as assert } from 'node:assert';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../../ledger/src/http/app';
import { StripePaymentProvider } from '../../../ledger/src/payments/stripeProvider';
import { bootstrap } from '../../../ledger/src/service/bootstrap';
import { openSqliteLedgerStore } from '../../../ledger/src/store/sqlite';
import type { LedgerStore } from '../../../ledger/src/store/types';
import { getPlan } from '../../../shared-pricing/src/plans/loadPlan';
import { makeKey } from '../http/helpers';
import { signedEvent, startFakeStripe, WEBHOOK_SECRET, type FakeStripe } from './fakeStripe';

// A pack of 5 credits for 5.00 USD; allocation 10 credits, overdraft so usage may pass the credits.
const PACK = { id: 'p5', millicredits: 5_000, price: 500, currency: 'usd' };

interface Setup {
  app: FastifyInstance;
  store: LedgerStore;
  admin: string;
  member: string;
  stripe: FakeStripe;
}

async function setup(options: { webhookSecret?: string | null; provider?: boolean } = {}): Promise<Setup> {
  let sessions = 0;
  const stripe = await startFakeStripe((request) => {
    if (request.path !== '/v1/checkout/sessions') return [404, { error: { message: 'not here' } }];
    sessions += 1;
    return [200, { id: `cs_test_${sessions}`, object: 'checkout.session', url: `https://checkout.stripe.test/pay/cs_test_${sessions}`, customer: null }];
  });
  const store = await openSqliteLedgerStore({ path: ':memory:' });
  const { workspace, adminKey } = await bootstrap(store, 'twenty');
  await store.setPlan(workspace.id, { ...getPlan('twenty'), allocation: 10_000, exhaustion: 'overdraft', topUps: { packs: [PACK], lifetime: { kind: 'plan' } } });
  const provider = new StripePaymentProvider({ secretKey: 'sk_test_ledger', webhookSecret: options.webhookSecret === undefined ? WEBHOOK_SECRET : options.webhookSecret, api: stripe.api });
  const { app } = await buildApp({ store, payments: options.provider === false ? null : { provider, returnUrl: 'http://billing.test' } });
  return { app, store, admin: adminKey!, member: await makeKey(store, workspace.id, 'member', 'alice'), stripe };
}

const completed = (id: string, over: Record<string, unknown> = {}) => ({
  id, type: 'checkout.session.completed',
  data: { object: { id: 'cs_test_1', object: 'checkout.session', amount_total: 500, currency: 'usd', payment_status: 'paid', payment_intent: 'pi_1', customer: 'cus_1', metadata: { workspaceId: 'default' }, ...over } },
});
const refunded = (id: string, amountRefunded: number) => ({
  id, type: 'charge.refunded', data: { object: { id: 'ch_1', object: 'charge', amount: 500, amount_refunded: amountRefunded, currency: 'usd', payment_intent: 'pi_1' } },
});

describe('Stripe payments over HTTP', function () {
  this.timeout(60_000);
  let s: Setup;
  const post = (event: Parameters<typeof signedEvent>[0], secret?: string) => {
    const { payload, signature } = signedEvent(event, secret);
    return s.app.inject({ method: 'POST', url: '/v1/payments/stripe/webhook', payload, headers: { 'content-type': 'application/json', 'stripe-signature': signature } });
  };
  const total = async () => (await s.store.balance('default')).totalAvailable;
  const buy = () => s.app.inject({ method: 'POST', url: '/v1/checkout', headers: { authorization: `Bearer ${s.admin}` }, payload: { packId: 'p5' } });

  afterEach(async () => {
    await s.app.close();
    await s.store.close();
    await s.stripe.close();
  });

  describe('with Stripe configured', () => {
    beforeEach(async () => {
      s = await setup();
    });

    it('sends Stripe exactly the Checkout Session of the pack, and lists the purchase as pending', async () => {
      const response = await buy();
      assert.equal(response.statusCode, 201, response.body);
      const { purchase, url } = response.json();
      const [request] = s.stripe.requests;
      assert.deepEqual([request.method, request.path, request.headers.authorization, request.headers['idempotency-key']], ['POST', '/v1/checkout/sessions', 'Bearer sk_test_ledger', `checkout-${purchase.id}`]);
      assert.deepEqual(request.form, {
        mode: 'payment',
        'line_items[0][quantity]': '1',
        'line_items[0][price_data][currency]': 'usd',
        'line_items[0][price_data][unit_amount]': '500',
        'line_items[0][price_data][product_data][name]': '5 credits (pack p5)',
        success_url: 'http://billing.test/?checkout=success&session_id={CHECKOUT_SESSION_ID}',
        cancel_url: 'http://billing.test/?checkout=cancelled',
        client_reference_id: purchase.id,
        'metadata[workspaceId]': 'default',
        'metadata[purchaseId]': purchase.id,
        'metadata[packId]': 'p5',
        'payment_intent_data[metadata][workspaceId]': 'default',
        'payment_intent_data[metadata][purchaseId]': purchase.id,
        'payment_intent_data[metadata][packId]': 'p5',
        customer_creation: 'always',
      });
      const history = (await s.app.inject({ method: 'GET', url: '/v1/purchases', headers: { authorization: `Bearer ${s.member}` } })).json();
      assert.deepEqual([url, history.purchases.map((p: { sessionId: string; status: string; amount: number; currency: string; boughtBy: string }) => [p.sessionId, p.status, p.amount, p.currency, p.boughtBy])],
        ['https://checkout.stripe.test/pay/cs_test_1', [['cs_test_1', 'pending', 500, 'usd', 'first admin']]]);
    });

    it('lists as many purchases as `limit` asks, and refuses a limit outside 1–1000', async () => {
      await buy();
      await buy();
      const history = (limit: string) => s.app.inject({ method: 'GET', url: `/v1/purchases?limit=${limit}`, headers: { authorization: `Bearer ${s.member}` } });
      const one = await history('1');
      const bad = await history('1001');
      // Two checkouts; limit 1 gives one of them (the query string's limit is text: it was refused as not an integer).
      assert.deepEqual([one.statusCode, one.json().purchases?.length, bad.statusCode], [200, 1, 400]);
    });

    it('refuses a member\'s checkout (403) and an unknown pack (400), asking Stripe nothing', async () => {
      const member = await s.app.inject({ method: 'POST', url: '/v1/checkout', headers: { authorization: `Bearer ${s.member}` }, payload: { packId: 'p5' } });
      const unknown = await s.app.inject({ method: 'POST', url: '/v1/checkout', headers: { authorization: `Bearer ${s.admin}` }, payload: { packId: 'nope' } });
      assert.deepEqual([member.statusCode, unknown.statusCode, unknown.json().error.code, s.stripe.requests.length], [403, 400, 'unknown-pack', 0]);
    });

    it('grants a verified completed session once, even when the event is replayed', async () => {
      await buy();
      const before = await total();
      const first = await post(completed('evt_1'));
      const replay = await post(completed('evt_1'));
      // One pack: 5,000 millicredits more, once.
      assert.deepEqual([first.statusCode, first.json().outcome, replay.statusCode, replay.json().outcome, (await total()) - before], [200, 'applied', 200, 'duplicate', 5_000]);
      const [purchase] = (await s.store.listPurchases('default'));
      assert.deepEqual([purchase.status, purchase.paymentId], ['paid', 'pi_1']);
    });

    it('answers 400 to a bad signature and grants nothing', async () => {
      await buy();
      const before = await total();
      const forged = await post(completed('evt_1'), 'whsec_someone_else');
      const unsigned = await s.app.inject({ method: 'POST', url: '/v1/payments/stripe/webhook', payload: JSON.stringify(completed('evt_1')), headers: { 'content-type': 'application/json' } });
      assert.deepEqual([forged.statusCode, forged.json().error.code, unsigned.statusCode, (await total()) - before], [400, 'bad-signature', 400, 0]);
    });

    it('answers 400 to an unknown session, a wrong amount or currency, and grants nothing', async () => {
      await buy();
      const before = await total();
      const answers = [
        await post(completed('evt_u', { id: 'cs_unknown' })),
        await post(completed('evt_a', { amount_total: 1 })),
        await post(completed('evt_c', { currency: 'eur' })),
        await post(completed('evt_w', { metadata: { workspaceId: 'elsewhere' } })),
      ];
      assert.deepEqual(answers.map((r) => [r.statusCode, r.json().error.code]), [[400, 'unknown-session'], [400, 'amount-mismatch'], [400, 'currency-mismatch'], [400, 'workspace-mismatch']]);
      assert.equal((await total()) - before, 0);
    });

    it('takes a refunded pack back before any of it was spent: no debt', async () => {
      await buy();
      await post(completed('evt_1'));
      await post(refunded('evt_r', 500));
      const card = await s.store.balance('default');
      // 10,000 allocation + 5,000 pack − 5,000 taken back.
      assert.deepEqual([card.totalAvailable, card.overdraft, (await s.store.listPurchases('default'))[0].status], [10_000, 0, 'refunded']);
    });

    it('turns the spent part of a refunded pack into debt', async () => {
      await buy();
      await post(completed('evt_1'));
      // 13,000: the allocation's 10,000 and 3,000 of the pack; 2,000 of it left.
      await s.store.charge({ workspaceId: 'default', key: 'k1', millicredits: 13_000 });
      await post(refunded('evt_r', 500));
      const card = await s.store.balance('default');
      // 2,000 come off the grant, 3,000 become debt.
      assert.deepEqual([card.totalAvailable, card.overdraft, (await s.store.audit('default')).ok], [-3_000, 3_000, true]);
    });

    it('applies events out of order: a refund before its payment, an async success before its completion', async () => {
      await buy();
      const early = await post(refunded('evt_r', 200));
      const success = await post({ ...completed('evt_s'), type: 'checkout.session.async_payment_succeeded' });
      const late = await post(completed('evt_1'));
      // 5,000 granted once; 200 of 500 refunded: 2,000 taken back.
      assert.deepEqual([early.json().outcome, success.json().outcome, late.json().outcome, await total()], ['waiting', 'applied', 'duplicate', 13_000]);
    });

    it('acknowledges an event it does not act on', async () => {
      const other = await post({ id: 'evt_o', type: 'customer.created', data: { object: { id: 'cus_9', object: 'customer' } } });
      assert.deepEqual([other.statusCode, other.json().outcome], [200, 'ignored']);
    });

    it('shows the purchase routes in the OpenAPI document', async () => {
      const doc = (await s.app.inject({ method: 'GET', url: '/v1/openapi.json', headers: { authorization: `Bearer ${s.admin}` } })).json();
      assert.deepEqual(['/v1/checkout', '/v1/purchases', '/v1/payments/stripe/webhook'].map((p) => p in doc.paths), [true, true, true]);
    });
  });

  it('refuses every webhook with 503 while no webhook secret is configured', async () => {
    s = await setup({ webhookSecret: null });
    await buy();
    const before = await total();
    const response = await post(completed('evt_1'));
    assert.deepEqual([response.statusCode, response.json().error.code, (await total()) - before], [503, 'webhook-secret-missing', 0]);
  });

  it('without a provider: no checkout (409), a webhook gets 503, and an admin grant is no purchase', async () => {
    s = await setup({ provider: false });
    const checkout = await buy();
    const webhook = await post(completed('evt_1'));
    const grant = await s.app.inject({ method: 'POST', url: '/v1/topups', headers: { authorization: `Bearer ${s.admin}` }, payload: { packId: 'p5', reason: 'goodwill for the outage' } });
    const grants = await s.store.listGrants('default');
    assert.deepEqual([checkout.statusCode, checkout.json().error.code, webhook.statusCode, grant.statusCode], [409, 'payments-not-configured', 503, 201]);
    assert.deepEqual([(await s.store.listPurchases('default')).length, grants.some((g) => g.note?.includes('granted without payment: goodwill for the outage'))], [0, true]);
  });
});
