/** What each exhaustion policy (pause, stop, overdraft) does when credits run out. */
import { strict as assert } from 'node:assert';
import { amplience, small } from '../plans';
import { recorded, type Conformance } from './kit';

export function describeExhaustion(ctx: Conformance): void {
  const { charge } = ctx;
  describe('exhaustion policies', () => {
    it('pause: refuses what would go below zero and says when credits renew', async () => {
      await ctx.store.createWorkspace({ id: 'w', name: 'W', plan: small({ allocation: 1_000, exhaustion: 'pause' }), timeZone: 'UTC', anchorDay: 1 });
      await charge('a', 800);
      const outcome = await charge('b', 300);
      assert.deepEqual(outcome, { status: 'refused', key: 'b', reason: 'insufficient-credits', message: (outcome as { message: string }).message, renewsAt: '2026-02-01T00:00:00.000Z', available: 200 });
      assert.equal((await ctx.store.balance('w')).totalAvailable, 200);
    });

    it('stop: refuses with an error reason and no renewal time', async () => {
      await ctx.store.createWorkspace({ id: 'w', name: 'W', plan: small({ allocation: 1_000, exhaustion: 'stop' }), timeZone: 'UTC', anchorDay: 1 });
      const outcome = await charge('b', 1_001);
      assert.deepEqual([outcome.status, (outcome as { reason: string }).reason, (outcome as { renewsAt: unknown }).renewsAt], ['refused', 'credits-exhausted', null]);
    });

    it('overdraft (Amplience): runs on into a negative balance and reports the overdraft', async () => {
      await ctx.store.createWorkspace({ id: 'w', name: 'W', plan: amplience, timeZone: 'Europe/London', anchorDay: 1 });
      await charge('a', 900_000);
      const outcome = recorded(await charge('b', 350_000));
      const card = await ctx.store.balance('w');
      assert.deepEqual([outcome.balance, outcome.overdraft, outcome.entry.overdraft, card.totalAvailable, card.overdraft, (await ctx.store.audit('w')).ok], [-250_000, 250_000, 250_000, -250_000, 250_000, true]);
    });

    it('overdraft: a top-up repays the debt first and brings the balance back above zero', async () => {
      await ctx.store.createWorkspace({ id: 'w', name: 'W', plan: amplience, timeZone: 'UTC', anchorDay: 1 });
      await charge('a', 1_250_000);
      await ctx.store.addGrant({ workspaceId: 'w', kind: 'topup', millicredits: 500_000 });
      const card = await ctx.store.balance('w');
      // 1,000,000 allocated, 1,250,000 charged: 250,000 of debt, repaid from the 500,000 top-up.
      assert.deepEqual([card.totalAvailable, card.overdraft, card.topUps, (await ctx.store.audit('w')).ok], [250_000, 0, 250_000, true]);
    });
  });
}
