/**
 * The reference model on hand-counted examples, so that a wrong model cannot pass for a wrong store.
 * Amounts in millicredits; plans from ./plans.
 */
import { strict as assert } from 'node:assert';
import { PLANS } from './plans';
import { ReferenceModel } from './referenceModel';
import { periodAt } from './zoned';

const at = (s: string) => Date.parse(s);
const charge = (key: string, millicredits: number) => ({ key, millicredits });

describe('reference model', () => {
  it('repays an Amplience year-end debt once, from the next year\'s allocation only', () => {
    const m = new ReferenceModel({ plan: PLANS.amplience!, timeZone: 'UTC', anchorDay: 1, anchorMonth: 1 }, at('2026-01-10T00:00:00Z'));
    // 15,000 on a 10,000 allocation: 10,000 from the grant, 5,000 below zero.
    assert.deepEqual(m.charge(charge('a', 15_000), at('2026-06-01T00:00:00Z')), { status: 'recorded', millicredits: 15_000, balance: -5_000, overdraft: 5_000 });
    // 2027: allocation 10,000 − debt 5,000 = 5,000 left, no debt.
    const y2 = m.balance(at('2027-01-02T00:00:00Z'));
    assert.deepEqual([y2.remaining, y2.overdraft, y2.totalAvailable, y2.consumedThisPeriod], [5_000, 0, 5_000, 0]);
    // 2028: the full 10,000 again.
    const y3 = m.balance(at('2028-01-02T00:00:00Z'));
    assert.deepEqual([y3.remaining, y3.overdraft, y3.totalAvailable], [10_000, 0, 10_000]);
    assert.deepEqual(m.entries().map((e) => [e.type, e.millicredits, e.overdraft]), [['charge', 15_000, 5_000], ['repayment', 0, -5_000]]);
  });

  it('takes a refunded pack back: the unspent part off its grant, the spent part as debt the next credits repay', () => {
    // Spojit: allocation 10,000, a pack of 8,000 for 10.00 USD that lasts as long as the plan.
    const m = new ReferenceModel({ plan: PLANS.spojit!, timeZone: 'UTC', anchorDay: 1, anchorMonth: 1 }, at('2026-01-10T00:00:00Z'));
    m.createPurchase('p0', PLANS.spojit!.topUps.packs[0]!);
    const now = at('2026-01-11T00:00:00Z');
    const early = m.moneyBack({ eventId: 'r1', paymentId: 'pi', moneyBack: 250 }, now);
    const paid = m.confirmPayment({ eventId: 'c1', slot: 'p0', paymentId: 'pi', amount: 1000, paid: true }, now);
    // A refund before its payment waits; on payment ⌊8,000 × 250 ÷ 1,000⌋ = 2,000 come off the new grant at once.
    assert.deepEqual([early, paid], [{ status: 'waiting' }, { status: 'applied', granted: 8_000, reclaimed: 2_000, debt: 0, purchase: { slot: 'p0', packId: 'spojit-1k', millicredits: 8_000, amount: 1000, status: 'refunded', moneyBack: 250, reclaimed: 2_000 } }]);
    // 15,000: the allocation's 10,000 and 5,000 of the pack's 6,000 left: 1,000 left on it.
    m.charge(charge('a', 15_000), now);
    const rest = m.moneyBack({ eventId: 'r2', paymentId: 'pi', moneyBack: 1000 }, now);
    // The rest: 8,000 − 2,000 = 6,000; 1,000 off the grant, 5,000 owed, nothing to repay it with.
    assert.deepEqual([rest, m.balance(now).totalAvailable], [{ status: 'applied', granted: 0, reclaimed: 6_000, debt: 5_000, purchase: { slot: 'p0', packId: 'spojit-1k', millicredits: 8_000, amount: 1000, status: 'refunded', moneyBack: 1000, reclaimed: 8_000 } }, -5_000]);
    // February's 10,000 repay the 5,000 first.
    const feb = m.balance(at('2026-02-02T00:00:00Z'));
    assert.deepEqual([feb.remaining, feb.overdraft, feb.topUps], [5_000, 0, 0]);
    assert.deepEqual(m.entries().map((e) => [e.type, e.overdraft]), [['clawback', 0], ['charge', 0], ['clawback', 5_000], ['repayment', -5_000]]);
  });

  it('caps Twenty\'s rollover at one month\'s allocation', () => {
    const m = new ReferenceModel({ plan: PLANS.twentyMonthly!, timeZone: 'UTC', anchorDay: 1, anchorMonth: 1 }, at('2026-01-01T00:00:00Z'));
    m.charge(charge('a', 5_000), at('2026-01-05T00:00:00Z'));
    // February: 20,000 new + 15,000 carried (under the 20,000 cap).
    const feb = m.balance(at('2026-02-02T00:00:00Z'));
    assert.deepEqual([feb.remaining, feb.rollover, feb.totalAvailable], [20_000, 15_000, 35_000]);
    // March: 20,000 + 15,000 left would carry 35,000; the cap keeps 20,000.
    const mar = m.balance(at('2026-03-02T00:00:00Z'));
    assert.deepEqual([mar.remaining, mar.rollover, mar.totalAvailable], [20_000, 20_000, 40_000]);
  });

  it('starts an anchor-31 month on the last day of February, then on 31 March', () => {
    const a = { cycle: 'monthly' as const, anchorDay: 31, anchorMonth: 1 };
    assert.deepEqual(periodAt(at('2026-02-10T00:00:00Z'), 'UTC', a), { start: at('2026-01-31T00:00:00Z'), end: at('2026-02-28T00:00:00Z') });
    assert.deepEqual(periodAt(at('2026-03-01T00:00:00Z'), 'UTC', a), { start: at('2026-02-28T00:00:00Z'), end: at('2026-03-31T00:00:00Z') });
    assert.deepEqual(periodAt(at('2028-03-01T00:00:00Z'), 'UTC', a), { start: at('2028-02-29T00:00:00Z'), end: at('2028-03-31T00:00:00Z') });
    // Berlin: local midnight is 23:00 UTC in winter, 22:00 in summer.
    assert.deepEqual(periodAt(at('2026-04-10T00:00:00Z'), 'Europe/Berlin', a), { start: at('2026-03-30T22:00:00Z'), end: at('2026-04-29T22:00:00Z') });
  });

  it('moves each boundary by its own offset across a DST change (Berlin, 29 March 2026)', () => {
    const a = { cycle: 'monthly' as const, anchorDay: 29, anchorMonth: 1 };
    // Midnight of 29 March is still +01:00 (the clocks go forward at 02:00); 29 April is +02:00.
    assert.deepEqual(periodAt(at('2026-04-01T00:00:00Z'), 'Europe/Berlin', a), { start: at('2026-03-28T23:00:00Z'), end: at('2026-04-28T22:00:00Z') });
  });

  it('refunds a reversed charge\'s repaid overdraft as a manual grant', () => {
    const m = new ReferenceModel({ plan: PLANS.amplience!, timeZone: 'UTC', anchorDay: 1, anchorMonth: 1 }, at('2026-01-10T00:00:00Z'));
    const t = at('2026-02-01T00:00:00Z');
    m.charge(charge('a', 12_000), t); // 10,000 from the allocation, 2,000 debt
    m.addGrant({ kind: 'manual', millicredits: 5_000 }, t);
    assert.equal(m.balance(t).overdraft, 0); // the 2,000 repaid from the 5,000
    assert.deepEqual(m.reverse('a', undefined, t), { status: 'recorded', millicredits: -12_000, balance: 15_000, overdraft: 0 });
    // 10,000 back on the allocation, 3,000 left of the manual grant + a 2,000 refund: 15,000, what there was plus the top-up.
    const card = m.balance(t);
    assert.deepEqual([card.remaining, card.other, card.overdraft, card.totalAvailable], [10_000, 5_000, 0, 15_000]);
  });

  it('never gives a period\'s used allocation again on a plan change, and ignores the same plan', () => {
    const m = new ReferenceModel({ plan: PLANS.twentyMonthly!, timeZone: 'UTC', anchorDay: 1, anchorMonth: 1 }, at('2026-01-01T00:00:00Z'));
    const t = at('2026-01-10T00:00:00Z');
    m.charge(charge('a', 5_000), t);
    m.setPlan(PLANS.spojit!, t); // 10,000 − 5,000 used = 5,000
    assert.equal(m.balance(t).remaining, 5_000);
    m.setPlan(PLANS.twentyMonthly!, t); // 20,000 − 5,000 = 15,000, not 20,000
    assert.equal(m.balance(t).remaining, 15_000);
    const before = m.balance(t);
    m.setPlan({ ...PLANS.twentyMonthly! }, t);
    assert.deepEqual(m.balance(t), before);
  });

  it('refuses past the daily limit until local midnight (Monkedo, Tokyo)', () => {
    const m = new ReferenceModel({ plan: PLANS.monkedo!, timeZone: 'Asia/Tokyo', anchorDay: 1, anchorMonth: 1 }, at('2026-01-01T00:00:00Z'));
    const t = at('2026-01-05T10:00:00Z'); // 19:00 in Tokyo
    assert.equal((m.charge(charge('a', 4_000), t) as { status: string }).status, 'recorded');
    assert.deepEqual(m.charge(charge('b', 1_001), t), { status: 'refused', reason: 'daily-limit', renewsAt: '2026-01-05T15:00:00.000Z' });
    assert.equal((m.charge(charge('b', 1_001), at('2026-01-05T15:00:00Z')) as { status: string }).status, 'recorded');
  });
});
