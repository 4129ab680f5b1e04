/**
 * Paid top-ups on the systems the model is checked against: the store's purchase calls, or the HTTP API's
 * checkout and its Stripe webhook, fed events signed by the SDK's own test helper. Ids the model gives per
 * sequence (p0, pi_p0, p0:paid:0) are prefixed with the workspace here, because sequences share one store.
 */
import type { FastifyInstance } from 'fastify';
import type { LedgerStore, PaymentOutcome, Purchase } from '../../../ledger/src/store/types';
import { signedEvent } from '../payments/fakeStripe';
import { bySlot, type Obs, type PaymentObs, type PurchaseObs } from './observed';
import type { MoneyBackIn, PaymentIn } from './reference/purchases';

type Pack = { id: string; millicredits: number; price: number; currency: string };

/** What a system does with purchases; `StoreSystem` and `HttpSystem` each hold one. */
export interface Payments {
  buy(slot: string, pack: Pack): Promise<Obs>;
  confirmPayment(e: PaymentIn, async: boolean): Promise<Obs>;
  moneyBack(e: MoneyBackIn, kind: 'refund' | 'dispute'): Promise<Obs>;
  purchases(): Promise<PurchaseObs[]>;
}

/** Purchases through the store; the purchase's id is the workspace and the slot. */
export class StorePayments implements Payments {
  /** Slots by the system's purchase id, and the purchase of each slot. */
  protected slots = new Map<string, string>();
  protected bought = new Map<string, Purchase>();

  constructor(protected readonly store: LedgerStore, protected readonly ws: string) {}

  protected obs(p: Purchase): PurchaseObs {
    return { slot: this.slots.get(p.id) ?? `unknown ${p.id}`, packId: p.packId, millicredits: p.millicredits, amount: p.amount, status: p.status, moneyBack: p.moneyBack, reclaimed: p.reclaimed };
  }

  protected remember(slot: string, p: Purchase): Obs {
    this.slots.set(p.id, slot);
    this.bought.set(slot, p);
    return { purchase: this.obs(p) };
  }

  async buy(slot: string, pack: Pack): Promise<Obs> {
    return this.remember(slot, await this.store.createPurchase({
      id: `${this.ws}-${slot}`, workspaceId: this.ws, provider: 'stripe', sessionId: `cs_${this.ws}_${slot}`, packId: pack.id, millicredits: pack.millicredits,
      amount: pack.price, currency: pack.currency, boughtBy: 'model',
    }));
  }

  protected outcome(o: PaymentOutcome): PaymentObs {
    switch (o.status) {
      case 'applied':
        return { status: 'applied', granted: o.granted, reclaimed: o.reclaimed, debt: o.debt, purchase: this.obs(o.purchase) };
      case 'duplicate':
        return { status: 'duplicate', purchase: o.purchase && this.obs(o.purchase) };
      case 'waiting':
        return { status: 'waiting' };
      case 'rejected':
        return { status: 'rejected', code: o.code };
    }
  }

  async confirmPayment(e: PaymentIn, async: boolean): Promise<Obs> {
    const p = this.bought.get(e.slot)!;
    return this.outcome(await this.store.confirmPayment({
      provider: 'stripe', eventId: `${this.ws}:${e.eventId}`, eventType: async ? 'checkout.session.async_payment_succeeded' : 'checkout.session.completed',
      sessionId: p.sessionId, amount: e.amount, currency: p.currency, workspaceId: this.ws, paymentId: `${this.ws}:${e.paymentId}`, customerId: null, paid: e.paid,
    }));
  }

  async moneyBack(e: MoneyBackIn, kind: 'refund' | 'dispute'): Promise<Obs> {
    return this.outcome(await this.store.reversePayment({
      provider: 'stripe', eventId: `${this.ws}:${e.eventId}`, eventType: kind === 'refund' ? 'charge.refunded' : 'charge.dispute.created',
      paymentId: `${this.ws}:${e.paymentId}`, moneyBack: e.moneyBack, currency: 'usd',
    }));
  }

  async purchases(): Promise<PurchaseObs[]> {
    return bySlot((await this.store.listPurchases(this.ws, 1000)).map((p) => this.obs(p)));
  }
}

/** The same through HTTP: `POST /v1/checkout` (a local stand-in for Stripe's API) and the signed webhook. */
export class HttpPayments extends StorePayments {
  constructor(store: LedgerStore, ws: string, private readonly app: FastifyInstance, private readonly key: string) {
    super(store, ws);
  }

  override async buy(slot: string, pack: Pack): Promise<Obs> {
    const res = await this.app.inject({ method: 'POST', url: '/v1/checkout', headers: { authorization: `Bearer ${this.key}` }, payload: { packId: pack.id } });
    if (res.statusCode !== 201) throw new Error(`checkout: HTTP ${res.statusCode} ${res.body}`);
    return this.remember(slot, res.json().purchase);
  }

  /** The webhook answers the outcome's status only (`partial`); a refused event is a 400 naming why. */
  private async post(id: string, type: string, object: Record<string, unknown>): Promise<Obs> {
    const { payload, signature } = signedEvent({ id: `evt_${this.ws}:${id}`, type, data: { object } });
    const res = await this.app.inject({ method: 'POST', url: '/v1/payments/stripe/webhook', payload, headers: { 'content-type': 'application/json', 'stripe-signature': signature } });
    const body = res.json();
    if (res.statusCode === 200) return { partial: true, status: body.outcome };
    if (res.statusCode === 400 && body.error?.code) return { status: 'rejected', code: body.error.code };
    throw new Error(`webhook ${type}: HTTP ${res.statusCode} ${res.body}`);
  }

  override confirmPayment(e: PaymentIn, async: boolean): Promise<Obs> {
    const p = this.bought.get(e.slot)!;
    return this.post(e.eventId, async ? 'checkout.session.async_payment_succeeded' : 'checkout.session.completed', {
      id: p.sessionId, object: 'checkout.session', amount_total: e.amount, currency: p.currency, payment_status: e.paid ? 'paid' : 'unpaid',
      payment_intent: `${this.ws}:${e.paymentId}`, customer: null, metadata: { workspaceId: this.ws },
    });
  }

  override moneyBack(e: MoneyBackIn, kind: 'refund' | 'dispute'): Promise<Obs> {
    const paymentIntent = `${this.ws}:${e.paymentId}`;
    if (kind === 'refund') return this.post(e.eventId, 'charge.refunded', { id: `ch_${paymentIntent}`, object: 'charge', amount_refunded: e.moneyBack, currency: 'usd', payment_intent: paymentIntent });
    return this.post(e.eventId, 'charge.dispute.created', { id: `dp_${paymentIntent}`, object: 'dispute', amount: e.moneyBack, currency: 'usd', payment_intent: paymentIntent });
  }

  override async purchases(): Promise<PurchaseObs[]> {
    const res = await this.app.inject({ method: 'GET', url: '/v1/purchases?limit=1000', headers: { authorization: `Bearer ${this.key}` } });
    if (res.statusCode !== 200) throw new Error(`purchases: HTTP ${res.statusCode} ${res.body}`);
    return bySlot((res.json().purchases as Purchase[]).map((p) => this.obs(p)));
  }
}
