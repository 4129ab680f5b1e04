/** Reversals: netting a charge to zero, repeats, and repaying its overdraft part. */
import { strict as assert } from 'node:assert';
import { small } from '../plans';
import { recorded, rejectsWith, type Conformance } from './kit';

export function describeReversals(ctx: Conformance): void {
  const { charge, entryCount } = ctx;
  describe('reversals', () => {
    beforeEach(async () => {
      await ctx.store.createWorkspace({ id: 'w', name: 'W', plan: small({ allocation: 10_000 }), timeZone: 'UTC', anchorDay: 1 });
    });

    it('records a reversing entry that nets the original to zero', async () => {
      await charge('k', 3_000, { workflowId: 'wf' });
      const outcome = recorded(await ctx.store.reverse({ workspaceId: 'w', reversesKey: 'k' }));
      const audit = await ctx.store.audit('w');
      assert.deepEqual([outcome.entry.millicredits, outcome.entry.reversesKey, outcome.balance, audit.netCharged, audit.ok], [-3_000, 'k', 10_000, 0, true]);
    });

    it('acknowledges the same reversal twice and refuses a second reversal of the entry', async () => {
      await charge('k', 3_000);
      await ctx.store.reverse({ workspaceId: 'w', reversesKey: 'k' });
      const again = await ctx.store.reverse({ workspaceId: 'w', reversesKey: 'k' });
      await rejectsWith(ctx.store.reverse({ workspaceId: 'w', reversesKey: 'k', key: 'other' }), 'already-reversed', /"k"/);
      assert.deepEqual([again.status, (await ctx.store.balance('w')).totalAvailable], ['duplicate', 10_000]);
    });

    it('throws unknown-entry for a key never recorded', async () => {
      await rejectsWith(ctx.store.reverse({ workspaceId: 'w', reversesKey: 'nope' }), 'unknown-entry', /"nope"/);
      assert.equal(await entryCount(), 0);
    });

    it('repays the overdraft part of a reversed charge', async () => {
      await ctx.store.setPlan('w', small({ allocation: 10_000, exhaustion: 'overdraft' }));
      await charge('k', 12_000);
      await ctx.store.reverse({ workspaceId: 'w', reversesKey: 'k' });
      const card = await ctx.store.balance('w');
      assert.deepEqual([card.totalAvailable, card.overdraft, (await ctx.store.audit('w')).ok], [10_000, 0, true]);
    });
  });
}
