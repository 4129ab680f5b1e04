/**
 * Commands on paid top-ups: checkout of the plan's pack, the provider's events that pay for it (card, delayed
 * payment, a replay, a wrong amount) and those that give money back (refund totals, disputes), in any order.
 * Ids are per sequence (p0, pi_p0, p0:paid:0); each system prefixes them so sequences sharing a store never meet.
 */
import type { Obs } from '../observed';
import type { StoreSystem } from '../targets';
import { GRANT_TICK, Step, type World } from './step';

export class Buy extends Step {
  private slot = '';
  expect(w: World): Obs {
    this.slot = `p${w.model.purchaseCount}`;
    return { purchase: w.model.createPurchase(this.slot, w.model.plan.topUps.packs[0]!) };
  }
  act(w: World, s: StoreSystem): Promise<Obs> {
    return s.buy(this.slot, w.model.plan.topUps.packs[0]!);
  }
  toString() {
    return `buy(${this.slot || 'next'})`;
  }
}

/** `paid`: a completed card payment; `pending`: completed, the money still on its way; `async`: it arrived. */
export type PayVariant = 'paid' | 'pending' | 'async' | 'wrong-amount';

export class Pay extends Step {
  private slot = '';
  constructor(readonly index: number, readonly variant: PayVariant, readonly replica: number) {
    super();
  }
  override check(w: Readonly<World>) {
    return w.model.purchaseCount > 0;
  }
  private event(w: World) {
    const p = w.model.purchases()[this.index % w.model.purchaseCount]!;
    this.slot = p.slot;
    // A wrong amount is a bad delivery of the `paid` event: the corrected one comes under the same id.
    const name = this.variant === 'wrong-amount' ? 'paid' : this.variant;
    return { eventId: `${p.slot}:${name}:${this.replica}`, slot: p.slot, paymentId: `pi_${p.slot}`, amount: p.amount + (this.variant === 'wrong-amount' ? 1 : 0), paid: this.variant !== 'pending' };
  }
  expect(w: World): Obs {
    w.clock.t += GRANT_TICK;
    return w.model.confirmPayment(this.event(w), w.clock.t);
  }
  act(w: World, s: StoreSystem): Promise<Obs> {
    return s.confirmPayment(this.event(w), this.variant === 'async');
  }
  toString() {
    return `pay(${this.slot || `#${this.index}`}, ${this.variant}, #${this.replica})`;
  }
}

/** Shares of the price given back: one cent, a third (rounded down), half, all but a cent, all. */
export type Share = 'cent' | 'third' | 'half' | 'most' | 'all';
const moneyOf = (price: number, share: Share) => ({ cent: 1, third: Math.floor(price / 3), half: Math.floor(price / 2), most: price - 1, all: price })[share];

export class GiveBack extends Step {
  private label = '';
  constructor(readonly index: number, readonly kind: 'refund' | 'dispute', readonly share: Share, readonly replica: number) {
    super();
  }
  override check(w: Readonly<World>) {
    return w.model.purchaseCount > 0;
  }
  private event(w: World) {
    const p = w.model.purchases()[this.index % w.model.purchaseCount]!;
    const moneyBack = moneyOf(p.amount, this.share);
    this.label = `${p.slot}, ${this.kind} ${moneyBack} of ${p.amount}`;
    return { eventId: `${p.slot}:${this.kind}:${moneyBack}:${this.replica}`, paymentId: `pi_${p.slot}`, moneyBack };
  }
  expect(w: World): Obs {
    return w.model.moneyBack(this.event(w), w.clock.t);
  }
  act(w: World, s: StoreSystem): Promise<Obs> {
    return s.moneyBack(this.event(w), this.kind);
  }
  toString() {
    return `giveBack(${this.label || `#${this.index}, ${this.kind} ${this.share}`}, #${this.replica})`;
  }
}
