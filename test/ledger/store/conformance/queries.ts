/** Reports and queries: breakdowns, paged entries and the audit. */
import { strict as assert } from 'node:assert';
import { small } from '../plans';
import { T0, type Conformance } from './kit';

export function describeQueries(ctx: Conformance): void {
  const { charge } = ctx;
  describe('queries', () => {
    beforeEach(async () => {
      // Reports count money when it was debited: the clock, not occurredAt, places these charges (midnight in Tokyo is 15:00 UTC).
      ctx.t = Date.parse('2026-01-14T14:00:00.000Z');
      await ctx.store.createWorkspace({ id: 'w', name: 'W', plan: small({ allocation: 100_000 }), timeZone: 'Asia/Tokyo', anchorDay: 1 });
      await ctx.store.addMember({ workspaceId: 'w', memberId: 'ann' });
      await ctx.store.addMember({ workspaceId: 'w', memberId: 'bob' });
      ctx.t = Date.parse('2026-01-14T14:59:00.000Z');
      await charge('1', 1_000, { workflowId: 'wf1', workflowName: 'One', nodeType: 'http', memberId: 'ann' });
      ctx.t = Date.parse('2026-01-14T15:00:00.000Z');
      await charge('2', 2_000, { workflowId: 'wf2', workflowName: 'Two', nodeType: 'http', memberId: 'bob', occurredAt: '2001-01-01T00:00:00.000Z' });
      ctx.t = Date.parse('2026-01-15T01:00:00.000Z');
      await charge('3', 4_000, { workflowId: 'wf2', workflowName: 'Two', nodeType: 'llm', memberId: 'bob', occurredAt: '2999-01-01T00:00:00.000Z' });
      ctx.t = T0;
    });

    it('breaks usage down by workflow, largest first, with names', async () => {
      assert.deepEqual(await ctx.store.breakdown({ workspaceId: 'w', by: 'workflow' }), [
        { key: 'wf2', label: 'Two', millicredits: 6_000, entries: 2 },
        { key: 'wf1', label: 'One', millicredits: 1_000, entries: 1 },
      ]);
    });

    it('breaks usage down by node type and by member', async () => {
      const byType = await ctx.store.breakdown({ workspaceId: 'w', by: 'nodeType' });
      const byMember = await ctx.store.breakdown({ workspaceId: 'w', by: 'member' });
      assert.deepEqual([byType.map((r) => [r.key, r.millicredits]), byMember.map((r) => [r.key, r.millicredits])], [[['llm', 4_000], ['http', 3_000]], [['bob', 6_000], ['ann', 1_000]]]);
    });

    it('breaks usage down by day in the workspace time zone', async () => {
      const byDay = await ctx.store.breakdown({ workspaceId: 'w', by: 'day' });
      assert.deepEqual(byDay.map((r) => [r.key, r.millicredits]), [['2026-01-14', 1_000], ['2026-01-15', 6_000]]);
    });

    it('limits a breakdown to one member', async () => {
      const rows = await ctx.store.breakdown({ workspaceId: 'w', by: 'workflow', memberId: 'ann' });
      assert.deepEqual(rows.map((r) => [r.key, r.millicredits]), [['wf1', 1_000]]);
    });

    it('lists entries newest first with paging', async () => {
      const page = await ctx.store.listEntries({ workspaceId: 'w', limit: 2 });
      const next = await ctx.store.listEntries({ workspaceId: 'w', before: page[1].id });
      assert.deepEqual([page.map((e) => e.key), next.map((e) => e.key)], [['3', '2'], ['1']]);
    });

    it('audits balances against the entries and finds a tampered grant', async () => {
      const clean = await ctx.store.audit('w');
      await ctx.opened.raw("UPDATE grants SET remaining = remaining + 5 WHERE kind = 'allocation'");
      const tampered = await ctx.store.audit('w');
      assert.deepEqual([clean.ok, clean.entries, clean.netCharged, tampered.ok, tampered.problems.length], [true, 3, 7_000, false, 1]);
      assert.match(tampered.problems[0], /stored remaining 93005, entries say 93000/);
    });
  });
}
