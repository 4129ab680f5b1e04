/** Counters: helper runs and the consecutive-failure circuit. */
import { strict as assert } from 'node:assert';
import { small } from '../plans';
import type { Conformance } from './kit';

export function describeCounters(ctx: Conformance): void {
  const { charge } = ctx;
  describe('counters', () => {
    it('counts helper runs', async () => {
      await ctx.store.createWorkspace({ id: 'w', name: 'W', plan: small(), timeZone: 'UTC', anchorDay: 1 });
      await ctx.store.addHelperRuns('w', 60);
      assert.deepEqual(await ctx.store.addHelperRuns('w', 50), { before: 60, after: 110 });
    });

    it('opens the circuit after consecutive failures and closes it on success', async () => {
      await ctx.store.createWorkspace({ id: 'w', name: 'W', plan: small({ consecutiveFailureLimit: 3 }), timeZone: 'UTC', anchorDay: 1 });
      for (let i = 0; i < 3; i++) await ctx.store.recordExecutionOutcome('w', 'wf', false);
      const open = await charge('a', 10, { workflowId: 'wf' });
      const other = await charge('b', 10, { workflowId: 'other' });
      const closed = await ctx.store.recordExecutionOutcome('w', 'wf', true);
      const after = await charge('a', 10, { workflowId: 'wf' });
      assert.deepEqual([(open as { reason: string }).reason, other.status, closed, after.status], ['circuit-open', 'recorded', { workflowId: 'wf', consecutiveFailures: 0, open: false }, 'recorded']);
    });
  });
}
