/** Paid top-ups: one grant per paid session, refunds and disputes taken back (unspent first, the rest as debt). */
import { strict as assert } from 'node:assert';
import type { PaymentConfirmation } from '../../../../ledger/src/store/types';
import { small } from '../plans';
import type { Conformance } from './kit';

// A pack of 5 credits for 5.00 USD; the workspace's allocation is 10 credits.
const PACK = { id: 'p5', millicredits: 5_000, price: 500, currency: 'usd' };

export function describePurchases(ctx: Conformance): void {
  const paid = (eventId: string, over: Partial<PaymentConfirmation> = {}) => ctx.store.confirmPayment({
    provider: 'stripe', eventId, eventType: 'checkout.session.completed', sessionId: 'cs_1', amount: 500, currency: 'usd', workspaceId: 'w',
    paymentId: 'pi_1', customerId: 'cus_1', paid: true, ...over,
  });
  const refund = (eventId: string, moneyBack: number) => ctx.store.reversePayment({ provider: 'stripe', eventId, eventType: 'charge.refunded', paymentId: 'pi_1', moneyBack, currency: 'usd' });
  const total = async () => (await ctx.store.balance('w')).totalAvailable;

  describe('purchases', () => {
    beforeEach(async () => {
      await ctx.store.createWorkspace({ id: 'w', name: 'W', plan: small({ allocation: 10_000, exhaustion: 'overdraft', topUps: { packs: [PACK], lifetime: { kind: 'plan' } } }), timeZone: 'UTC', anchorDay: 1 });
      await ctx.store.createPurchase({ id: 'pur1', workspaceId: 'w', provider: 'stripe', sessionId: 'cs_1', packId: 'p5', millicredits: 5_000, amount: 500, currency: 'USD', boughtBy: 'admin key' });
    });

    it('grants a paid session once, however often and by whichever event it is confirmed', async () => {
      const first = await paid('evt_1');
      const replay = await paid('evt_1');
      const async = await paid('evt_2', { eventType: 'checkout.session.async_payment_succeeded' });
      const grants = (await ctx.store.listGrants('w')).filter((g) => g.kind === 'topup');
      // 10,000 allocation + one pack of 5,000.
      assert.deepEqual([first.status, replay.status, async.status, grants.length, await total()], ['applied', 'duplicate', 'duplicate', 1, 15_000]);
      const [purchase] = await ctx.store.listPurchases('w');
      assert.deepEqual([purchase.status, purchase.grantId, purchase.paymentId, purchase.customerId, purchase.currency], ['paid', grants[0].id, 'pi_1', 'cus_1', 'usd']);
    });

    it('keeps a completed session whose payment is still pending ungranted until it succeeds', async () => {
      const pending = await paid('evt_1', { paid: false });
      const before = await total();
      await paid('evt_2', { eventType: 'checkout.session.async_payment_succeeded' });
      assert.deepEqual([pending.status, before, await total()], ['duplicate', 10_000, 15_000]);
    });

    it('takes an unspent refunded pack back from its grant, leaving no debt', async () => {
      await paid('evt_1');
      await ctx.charge('k1', 4_000);
      const outcome = await refund('evt_r', 500);
      const card = await ctx.store.balance('w');
      // The charge came from the allocation (consumed first): 6,000 left of it; the pack's 5,000 all come back off.
      assert.deepEqual([outcome.status, card.totalAvailable, card.topUps, card.overdraft, (await ctx.store.audit('w')).ok], ['applied', 6_000, 0, 0, true]);
      const [purchase] = await ctx.store.listPurchases('w');
      assert.deepEqual([purchase.status, purchase.moneyBack, purchase.reclaimed], ['refunded', 500, 5_000]);
    });

    it('turns the spent part of a refunded pack into debt, repaid first by the next credits', async () => {
      await paid('evt_1');
      // 12,000: the whole allocation (10,000) and 2,000 of the pack; 3,000 of the pack left.
      await ctx.charge('k1', 12_000);
      await refund('evt_r', 500);
      const after = await ctx.store.balance('w');
      // 5,000 taken back: 3,000 off the grant, 2,000 as debt.
      assert.deepEqual([after.totalAvailable, after.overdraft, (await ctx.store.audit('w')).ok], [-2_000, 2_000, true]);
      await ctx.store.addGrant({ workspaceId: 'w', kind: 'manual', millicredits: 3_000 });
      const repaid = await ctx.store.balance('w');
      // 3,000 arrive: 2,000 repay the debt, 1,000 are left.
      assert.deepEqual([repaid.totalAvailable, repaid.overdraft, (await ctx.store.audit('w')).ok], [1_000, 0, true]);
    });

    it('repays the debt of a refund at once from other credits the workspace holds', async () => {
      await paid('evt_1');
      await ctx.charge('k1', 12_000);
      await ctx.store.addGrant({ workspaceId: 'w', kind: 'manual', millicredits: 4_000 });
      await refund('evt_r', 500);
      const card = await ctx.store.balance('w');
      // Held before the refund: 3,000 of the pack + 4,000 manual = 7,000; the refund takes 5,000 → 2,000, no debt.
      assert.deepEqual([card.totalAvailable, card.overdraft], [2_000, 0]);
    });

    it('takes back a partial refund in proportion, and the rest when the refunded total grows', async () => {
      await paid('evt_1');
      await refund('evt_r1', 200);
      // 200 of 500 paid back: 2,000 of the pack's 5,000.
      const partial = await total();
      const replay = await refund('evt_r1', 200);
      await refund('evt_r2', 500);
      assert.deepEqual([partial, replay.status, await total()], [13_000, 'duplicate', 10_000]);
    });

    it('applies a refund that arrived before its payment once the payment is confirmed (events out of order)', async () => {
      const early = await refund('evt_r', 500);
      const before = await total();
      const late = await paid('evt_1');
      assert.deepEqual([early.status, before, late.status, await total()], ['waiting', 10_000, 'applied', 10_000]);
      assert.equal((await ctx.store.listPurchases('w'))[0].status, 'refunded');
      assert.equal((await ctx.store.audit('w')).ok, true);
    });

    it('refuses a session of another amount, currency or workspace, or an unknown one, and records nothing', async () => {
      const outcomes = [
        await paid('evt_a', { amount: 400 }),
        await paid('evt_c', { currency: 'eur' }),
        await paid('evt_w', { workspaceId: 'other' }),
        await paid('evt_u', { sessionId: 'cs_unknown' }),
      ];
      assert.deepEqual(outcomes.map((o) => (o.status === 'rejected' ? o.code : o.status)), ['amount-mismatch', 'currency-mismatch', 'workspace-mismatch', 'unknown-session']);
      // Not even the event ids: a corrected re-delivery of evt_a would still be applied.
      const events = await ctx.opened.raw('SELECT COUNT(*) AS n FROM payment_events');
      assert.deepEqual([await total(), Number(events[0].n), (await ctx.store.listPurchases('w'))[0].status], [10_000, 0, 'pending']);
    });

    it('marks an expired or failed session without granting, and a paid one stays paid', async () => {
      await ctx.store.createPurchase({ id: 'pur2', workspaceId: 'w', provider: 'stripe', sessionId: 'cs_2', packId: 'p5', millicredits: 5_000, amount: 500, currency: 'usd', boughtBy: 'admin key' });
      await ctx.store.closePurchase('stripe', 'evt_x', 'checkout.session.expired', 'cs_2', 'expired');
      await paid('evt_1');
      const stale = await ctx.store.closePurchase('stripe', 'evt_f', 'checkout.session.async_payment_failed', 'cs_1', 'failed');
      const statuses = Object.fromEntries((await ctx.store.listPurchases('w')).map((p) => [p.sessionId, p.status]));
      assert.deepEqual([statuses, stale.status, await total()], [{ cs_1: 'paid', cs_2: 'expired' }, 'duplicate', 15_000]);
    });
  });

  describe('usage export entries and cursors', () => {
    beforeEach(async () => {
      await ctx.store.createWorkspace({ id: 'w', name: 'W', plan: small({ allocation: 10_000, exhaustion: 'overdraft' }), timeZone: 'UTC', anchorDay: 1 });
    });

    it('lists charges and reversals in recording order, never repayments', async () => {
      await ctx.charge('a', 8_000);
      await ctx.charge('b', 4_000);
      await ctx.store.reverse({ workspaceId: 'w', reversesKey: 'a' });
      // A grant repays the 2,000 of debt: a repayment entry that is not usage.
      await ctx.store.addGrant({ workspaceId: 'w', kind: 'manual', millicredits: 1_000 });
      await ctx.store.balance('w');
      const all = await ctx.store.usageEntries({ afterId: 0, limit: 100 });
      const later = await ctx.store.usageEntries({ afterId: all[0].id, limit: 1 });
      assert.deepEqual(all.map((e) => [e.key, e.type, e.millicredits]), [['a', 'charge', 8_000], ['b', 'charge', 4_000], ['reversal:a', 'reversal', -8_000]]);
      assert.deepEqual(later.map((e) => e.key), ['b']);
    });

    it('moves a cursor only from where it was (compare and set)', async () => {
      const first = await ctx.store.moveExportCursor('csv:/x', 0, 5, 120);
      const stale = await ctx.store.moveExportCursor('csv:/x', 0, 9, 300);
      const next = await ctx.store.moveExportCursor('csv:/x', 5, 7, 200);
      const cursor = await ctx.store.getExportCursor('csv:/x');
      assert.deepEqual([first, stale, next, cursor?.lastEntryId, cursor?.fileOffset, await ctx.store.getExportCursor('other')], [true, false, true, 7, 200, null]);
    });
  });
}
