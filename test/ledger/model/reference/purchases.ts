/**
 * The model's paid top-ups, written from docs/ledger.md ("Paid top-ups", "Refunds and disputes take back what
 * the money paid for"), not from the stores: a pending purchase, the provider's events that pay it (granting its
 * pack once) and that give money back (taking back ⌊pack × moneyBack ÷ price⌋ less what was taken before: the
 * unspent part off the purchase's grant, the spent part as debt), and refunds that wait for their payment.
 */
import type { PaymentObs, PurchaseObs } from '../observed';
import { ReservingModel } from './reservations';
import { blank, ModelError, type Purchase } from './types';

/** A verified "paid" (or "completed, payment pending") event for the purchase in `slot`. */
export interface PaymentIn {
  eventId: string;
  slot: string;
  paymentId: string;
  amount: number;
  paid: boolean;
}

/** Money given back for a payment: a refund's total so far, or a dispute's amount. */
export interface MoneyBackIn {
  eventId: string;
  paymentId: string;
  moneyBack: number;
}

const purchaseObs = (p: Purchase): PurchaseObs => ({ slot: p.slot, packId: p.packId, millicredits: p.mc, amount: p.price, status: p.status, moneyBack: p.moneyBack, reclaimed: p.reclaimed });

export class PurchasingModel extends ReservingModel {
  /** Checkout of the plan's pack: a pending purchase, no money moved (so no touch either). */
  createPurchase(slot: string, pack: { id: string; millicredits: number; price: number }): PurchaseObs {
    const p: Purchase = { slot, packId: pack.id, mc: pack.millicredits, price: pack.price, status: 'pending', paymentId: null, grant: null, moneyBack: 0, reclaimed: 0 };
    this.s.purchases.push(p);
    return purchaseObs(p);
  }

  purchases(): PurchaseObs[] {
    return this.s.purchases.map(purchaseObs);
  }

  get purchaseCount(): number {
    return this.s.purchases.length;
  }

  confirmPayment(e: PaymentIn, now: number): PaymentObs | { error: string } {
    return this.tx(now, (): PaymentObs => {
      const p = this.s.purchases.find((x) => x.slot === e.slot);
      if (!p) throw new ModelError('unknown-session');
      if (this.s.events.includes(e.eventId)) return { status: 'duplicate', purchase: purchaseObs(p) };
      // An event whose amount is not the pack's price is refused and not remembered: a corrected one still applies.
      if (e.amount !== p.price) return { status: 'rejected', code: 'amount-mismatch' };
      this.s.events.push(e.eventId);
      p.paymentId ??= e.paymentId;
      if (!e.paid || p.grant !== null) return { status: 'duplicate', purchase: purchaseObs(p) };
      p.grant = this.addGrantRow('topup', p.mc, now, this.topUpExpiresAt(now), null, now).id;
      p.status = 'paid';
      // A refund that came before its payment is applied the moment the payment is.
      const early = this.s.waiting[p.paymentId];
      delete this.s.waiting[p.paymentId];
      const back = early === undefined ? { reclaimed: 0, debt: 0 } : this.giveBack(p, early, now);
      // Like any credits that arrive, the pack repays debt first.
      this.repay(now);
      return { status: 'applied', granted: p.mc, ...back, purchase: purchaseObs(p) };
    });
  }

  moneyBack(e: MoneyBackIn, now: number): PaymentObs | { error: string } {
    return this.tx(now, (): PaymentObs => {
      this.checkAmount(e.moneyBack);
      if (this.s.events.includes(e.eventId)) return { status: 'duplicate', purchase: null };
      this.s.events.push(e.eventId);
      const p = this.s.purchases.find((x) => x.paymentId === e.paymentId && x.grant !== null);
      if (!p) {
        this.s.waiting[e.paymentId] = Math.max(this.s.waiting[e.paymentId] ?? 0, e.moneyBack);
        return { status: 'waiting' };
      }
      const before = p.moneyBack;
      const back = this.giveBack(p, e.moneyBack, now);
      if (back.reclaimed === 0 && p.moneyBack === before) return { status: 'duplicate', purchase: purchaseObs(p) };
      return { status: 'applied', granted: 0, ...back, purchase: purchaseObs(p) };
    });
  }

  /**
   * Takes back what `moneyBack` (capped at the price; totals never fall) paid for, less what was taken before.
   * The grant gives its remainder first, usable or lapsed; what it no longer has was spent and is owed.
   */
  private giveBack(p: Purchase, moneyBack: number, now: number): { reclaimed: number; debt: number } {
    const total = Math.min(p.price, Math.max(p.moneyBack, moneyBack));
    // pack × money may pass 2^53: BigInt, rounded down.
    const due = Number((BigInt(p.mc) * BigInt(total)) / BigInt(p.price)) - p.reclaimed;
    if (total > p.moneyBack) {
      p.moneyBack = total;
      p.status = 'refunded';
    }
    if (due <= 0) return { reclaimed: 0, debt: 0 };
    const grant = this.s.grants.find((g) => g.id === p.grant)!;
    const fromGrant = Math.min(due, this.remaining(grant));
    const debt = due - fromGrant;
    this.record({
      ...blank(`clawback:${this.s.nextId++}`), type: 'clawback', mc: 0, debits: fromGrant > 0 ? [{ grant: grant.id, mc: fromGrant }] : [],
      overdraft: debt, reversesKey: null, reservationId: null, recordedAt: now,
    });
    p.reclaimed += due;
    this.repay(now);
    return { reclaimed: due, debt };
  }
}
