/** Periods over time: allocations, rollover caps, top-up lifetimes, daily limits, member allocations. */
import { strict as assert } from 'node:assert';
import { monkedo, small, spojit, twentyMonthly, twentyYearly } from '../plans';
import { DAY, rejectsWith, T0, type Conformance } from './kit';

export function describePeriods(ctx: Conformance): void {
  const { charge } = ctx;
  describe('periods', () => {
    it('Twenty monthly: issues 5,000,000 each month and carries the unused part as a separate rollover line', async () => {
      await ctx.store.createWorkspace({ id: 'w', name: 'W', plan: twentyMonthly, timeZone: 'Europe/Paris', anchorDay: 1 });
      await charge('a', 2_000_000);
      ctx.t = Date.parse('2026-02-10T12:00:00.000Z');
      const card = await ctx.store.balance('w');
      assert.deepEqual(
        [card.periodStart, card.remaining, card.rollover, card.totalAvailable, card.consumedThisPeriod],
        ['2026-01-31T23:00:00.000Z', 5_000_000, 3_000_000, 8_000_000, 0],
      );
    });

    it('Twenty monthly: never carries more than one period allocation', async () => {
      await ctx.store.createWorkspace({ id: 'w', name: 'W', plan: twentyMonthly, timeZone: 'UTC', anchorDay: 1 });
      ctx.t = Date.parse('2026-02-10T00:00:00.000Z');
      await charge('a', 1_000_000);
      ctx.t = Date.parse('2026-03-02T00:00:00.000Z');
      const card = await ctx.store.balance('w');
      // February left 5,000,000 allocation − 1,000,000 + 5,000,000 rollover = 9,000,000; the cap keeps 5,000,000.
      assert.deepEqual([card.remaining, card.rollover, card.totalAvailable], [5_000_000, 5_000_000, 10_000_000]);
    });

    it('Twenty yearly: issues 50,000,000 a year, resets on the anchor, caps rollover at a year', async () => {
      await ctx.store.createWorkspace({ id: 'w', name: 'W', plan: twentyYearly, timeZone: 'America/New_York', anchorDay: 10, anchorMonth: 3 });
      const first = await ctx.store.balance('w');
      await charge('a', 45_000_000);
      ctx.t = Date.parse('2026-03-10T05:00:00.000Z');
      const second = await ctx.store.balance('w');
      ctx.t = Date.parse('2028-04-01T00:00:00.000Z');
      const fourth = await ctx.store.balance('w');
      assert.deepEqual(
        [first.periodStart, first.resetsAt, second.remaining, second.rollover, fourth.periodStart, fourth.remaining, fourth.rollover],
        ['2025-03-10T04:00:00.000Z', '2026-03-10T04:00:00.000Z', 50_000_000, 5_000_000, '2028-03-10T05:00:00.000Z', 50_000_000, 50_000_000],
      );
    });

    it('Spojit: top-ups outlive period resets and plan changes', async () => {
      await ctx.store.createWorkspace({ id: 'w', name: 'W', plan: spojit, timeZone: 'Australia/Sydney', anchorDay: 15 });
      await ctx.store.addGrant({ workspaceId: 'w', kind: 'topup', millicredits: 400_000 });
      await charge('a', 1_100_000);
      ctx.t = Date.parse('2026-03-20T00:00:00.000Z');
      const afterResets = await ctx.store.balance('w');
      await ctx.store.setPlan('w', { ...spojit, name: 'spojit-pro', allocation: 2_000_000 });
      const afterPlan = await ctx.store.balance('w');
      assert.deepEqual(
        [afterResets.topUps, afterResets.remaining, afterResets.rollover, afterPlan.topUps, afterPlan.remaining, afterPlan.planName],
        [300_000, 1_000_000, 0, 300_000, 2_000_000, 'spojit-pro'],
      );
    });

    it('lets a period-lifetime top-up lapse at the period end and a days-lifetime one after its days', async () => {
      await ctx.store.createWorkspace({ id: 'w', name: 'W', plan: small({ allocation: 0, topUps: { packs: [], lifetime: { kind: 'period' } } }), timeZone: 'UTC', anchorDay: 1 });
      await ctx.store.addGrant({ workspaceId: 'w', kind: 'topup', millicredits: 3_000 });
      await ctx.store.setPlan('w', small({ allocation: 0, topUps: { packs: [], lifetime: { kind: 'days', days: 45 } } }));
      await ctx.store.addGrant({ workspaceId: 'w', kind: 'topup', millicredits: 7_000 });
      ctx.t = Date.parse('2026-02-01T00:00:00.000Z');
      const february = (await ctx.store.balance('w')).topUps;
      ctx.t = T0 + 45 * DAY;
      const lapsed = (await ctx.store.balance('w')).topUps;
      assert.deepEqual([february, lapsed], [7_000, 0]);
    });

    it('Monkedo: a 100-credit daily limit renews at midnight in the workspace zone', async () => {
      await ctx.store.createWorkspace({ id: 'w', name: 'W', plan: monkedo, timeZone: 'Asia/Tokyo', anchorDay: 1 });
      await charge('a', 60_000);
      await charge('b', 40_000);
      const refused = await charge('c', 1_000);
      ctx.t = Date.parse('2026-01-15T14:59:59.999Z');
      const beforeMidnight = await charge('c', 1_000);
      ctx.t = Date.parse('2026-01-15T15:00:00.000Z');
      const afterMidnight = await charge('c', 1_000);
      assert.deepEqual(
        [(refused as { reason: string }).reason, (refused as { renewsAt: string }).renewsAt, beforeMidnight.status, afterMidnight.status, (await ctx.store.balance('w')).dailyRemaining],
        ['daily-limit', '2026-01-15T15:00:00.000Z', 'refused', 'recorded', 99_000],
      );
    });

    it('Monkedo: a workspace may change its daily limit', async () => {
      await ctx.store.createWorkspace({ id: 'w', name: 'W', plan: monkedo, timeZone: 'Asia/Tokyo', anchorDay: 1 });
      await ctx.store.setDailyLimit('w', 200_000);
      const outcome = await charge('a', 150_000);
      assert.deepEqual([outcome.status, (await ctx.store.balance('w')).dailyRemaining], ['recorded', 50_000]);
    });

    it('Monkedo: members draw on their own allocation inside a pool that does not grow', async () => {
      await ctx.store.createWorkspace({ id: 'w', name: 'W', plan: monkedo, timeZone: 'Asia/Tokyo', anchorDay: 1 });
      await ctx.store.addMember({ workspaceId: 'w', memberId: 'ann', allocation: 2_000_000 });
      await ctx.store.addMember({ workspaceId: 'w', memberId: 'bob', allocation: 50_000 });
      await rejectsWith(ctx.store.addMember({ workspaceId: 'w', memberId: 'cy', allocation: 1_000_000 }), 'invalid-input', /exceed the plan's pool of 3000000 millicredits by 50000/);
      await charge('a', 40_000, { memberId: 'bob' });
      const refused = await charge('b', 20_000, { memberId: 'bob' });
      const ann = await charge('c', 20_000, { memberId: 'ann' });
      const members = await ctx.store.listMembers('w');
      assert.deepEqual(
        [(refused as { reason: string }).reason, ann.status, members.map((m) => [m.memberId, m.consumedThisPeriod])],
        ['member-allocation', 'recorded', [['ann', 20_000], ['bob', 40_000]]],
      );
    });

    it('counts a member allocation per period', async () => {
      await ctx.store.createWorkspace({ id: 'w', name: 'W', plan: small({ allocation: 100_000 }), timeZone: 'UTC', anchorDay: 1 });
      await ctx.store.addMember({ workspaceId: 'w', memberId: 'bob', allocation: 10_000 });
      await charge('a', 10_000, { memberId: 'bob' });
      ctx.t = Date.parse('2026-02-01T00:00:00.000Z');
      const outcome = await charge('b', 10_000, { memberId: 'bob' });
      assert.equal(outcome.status, 'recorded');
    });
  });
}
