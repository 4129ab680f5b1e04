/** Creating, finding and listing workspaces. */
import { strict as assert } from 'node:assert';
import { twentyMonthly } from '../plans';
import { rejectsWith, type Conformance } from './kit';

export function describeWorkspaces(ctx: Conformance): void {
  describe('workspaces', () => {
    it('creates a workspace whose first period and allocation follow the plan', async () => {
      const ws = await ctx.store.createWorkspace({ id: 'w', name: 'W', plan: twentyMonthly, timeZone: 'Asia/Tokyo', anchorDay: 1 });
      const card = await ctx.store.balance('w');
      assert.deepEqual(
        [ws.periodStart, card.resetsAt, card.remaining, card.totalAvailable, card.planName],
        ['2025-12-31T15:00:00.000Z', '2026-01-31T15:00:00.000Z', 5_000_000, 5_000_000, 'twenty'],
      );
    });

    it('refuses a second workspace with the same id', async () => {
      await ctx.store.createWorkspace({ id: 'w', name: 'W', plan: twentyMonthly, timeZone: 'UTC', anchorDay: 1 });
      await rejectsWith(ctx.store.createWorkspace({ id: 'w', name: 'again', plan: twentyMonthly, timeZone: 'UTC', anchorDay: 1 }), 'duplicate-workspace', /"w"/);
    });

    it('refuses an unknown time zone and creates nothing', async () => {
      await rejectsWith(ctx.store.createWorkspace({ id: 'w', name: 'W', plan: twentyMonthly, timeZone: 'Mars/Olympus', anchorDay: 1 }), 'invalid-input', /Mars\/Olympus/);
      assert.deepEqual(await ctx.store.listWorkspaces(), []);
    });

    it('lists workspaces and finds one by id', async () => {
      await ctx.store.createWorkspace({ id: 'w', name: 'W', plan: twentyMonthly, timeZone: 'UTC', anchorDay: 1 });
      assert.deepEqual([(await ctx.store.listWorkspaces()).map((w) => w.id), (await ctx.store.getWorkspace('w'))?.name, await ctx.store.getWorkspace('x')], [['w'], 'W', null]);
    });
  });
}
