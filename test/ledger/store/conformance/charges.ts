/** Charges: recording, repeats and conflicts, bad input, batches, the order grants are drawn in. */
import { strict as assert } from 'node:assert';
import type { ChargeInput, ChargeOutcome } from '../../../../ledger/src/store/types';
import { small } from '../plans';
import { DAY, recorded, rejectsWith, T0, type Conformance } from './kit';

export function describeCharges(ctx: Conformance): void {
  const { charge, entryCount } = ctx;
  describe('charges', () => {
    beforeEach(async () => {
      await ctx.store.createWorkspace({ id: 'w', name: 'W', plan: small({ allocation: 10_000 }), timeZone: 'UTC', anchorDay: 1 });
    });

    it('records a charge, debits the allocation and reports the balance after it', async () => {
      const outcome = recorded(await charge('e1:Node:0:run', 1_200, { workflowId: 'wf', nodeType: 'n8n-nodes-base.httpRequest' }));
      assert.deepEqual([outcome.balance, outcome.entry.millicredits, outcome.entry.debits.length, (await ctx.store.balance('w')).remaining], [8_800, 1_200, 1, 8_800]);
    });

    it('acknowledges a repeated key with the same content without a second debit', async () => {
      await charge('k', 1_000, { executionId: 'e1' });
      const again = await charge('k', 1_000, { executionId: 'e1' });
      assert.deepEqual([again.status, (await ctx.store.balance('w')).totalAvailable, await entryCount()], ['duplicate', 9_000, 1]);
    });

    it('reports a repeated key with a different amount as a conflict and changes nothing', async () => {
      await charge('k', 1_000);
      const again = await charge('k', 1_500);
      assert.equal(again.status, 'conflict');
      assert.match((again as Extract<ChargeOutcome, { status: 'conflict' }>).message, /1000 millicredits; this entry has 1500/);
      assert.deepEqual([(await ctx.store.balance('w')).totalAvailable, await entryCount()], [9_000, 1]);
    });

    for (const bad of [1.5, -1, '5', Number.NaN, null]) {
      it(`throws invalid-amount for ${typeof bad === "string" ? JSON.stringify(bad) : String(bad)} and leaves the database unchanged`, async () => {
        await rejectsWith(charge('k', bad as number), 'invalid-amount', /millicredits must be an integer/);
        assert.deepEqual([(await ctx.store.balance('w')).totalAvailable, await entryCount()], [10_000, 0]);
      });
    }

    it('throws unknown-workspace for a workspace that does not exist', async () => {
      await rejectsWith(ctx.store.charge({ workspaceId: 'nope', key: 'k', millicredits: 1 }), 'unknown-workspace', /"nope"/);
      assert.equal(await entryCount(), 0);
    });

    it('throws unknown-member and leaves the database unchanged', async () => {
      await rejectsWith(charge('k', 100, { memberId: 'ghost' }), 'unknown-member', /"ghost"/);
      assert.deepEqual([(await ctx.store.balance('w')).totalAvailable, await entryCount()], [10_000, 0]);
    });

    it('throws for a bad entry anywhere in a batch, naming it, and writes none of the batch', async () => {
      const batch = [{ workspaceId: 'w', key: 'a', millicredits: 1 }, { workspaceId: 'w', key: 'b', millicredits: 2.5 }];
      const error = await rejectsWith(ctx.store.chargeBatch(batch), 'invalid-amount', /entries\[1\]\.millicredits/);
      assert.equal(error.details.field, 'entries[1].millicredits');
      assert.equal(await entryCount(), 0);
    });

    it('rolls back a whole batch when one entry names an unknown member', async () => {
      const batch = [{ workspaceId: 'w', key: 'a', millicredits: 1 }, { workspaceId: 'w', key: 'b', millicredits: 2, memberId: 'ghost' }];
      await rejectsWith(ctx.store.chargeBatch(batch), 'unknown-member');
      assert.deepEqual([(await ctx.store.balance('w')).totalAvailable, await entryCount()], [10_000, 0]);
    });

    it('returns batch outcomes in input order, with a repeat inside the batch as a duplicate', async () => {
      const outcomes = await ctx.store.chargeBatch([
        { workspaceId: 'w', key: 'a', millicredits: 1_000 },
        { workspaceId: 'w', key: 'a', millicredits: 1_000 },
        { workspaceId: 'w', key: 'b', millicredits: 20_000 },
        { workspaceId: 'w', key: 'c', millicredits: 500 },
      ]);
      assert.deepEqual(outcomes.map((o) => o.status), ['recorded', 'duplicate', 'refused', 'recorded']);
      assert.equal((outcomes[1] as Extract<ChargeOutcome, { status: 'duplicate' }>).entry.id, (outcomes[0] as Extract<ChargeOutcome, { status: 'recorded' }>).entry.id);
      assert.equal((await ctx.store.balance('w')).totalAvailable, 8_500);
    });

    it('consumes grants by priority, then soonest expiry, then oldest', async () => {
      const late = await ctx.store.addGrant({ workspaceId: 'w', kind: 'manual', millicredits: 1_000, expiresAt: '2026-06-01T00:00:00.000Z' });
      const soon = await ctx.store.addGrant({ workspaceId: 'w', kind: 'manual', millicredits: 1_000, expiresAt: '2026-03-01T00:00:00.000Z' });
      const promo = await ctx.store.addGrant({ workspaceId: 'w', kind: 'promo', millicredits: 500 });
      const outcome = recorded(await charge('k', 12_000));
      const allocation = (await ctx.store.listGrants('w', { all: true })).find((g) => g.kind === 'allocation')!;
      assert.deepEqual(outcome.entry.debits, [
        { grantId: promo.id, millicredits: 500 },
        { grantId: allocation.id, millicredits: 10_000 },
        { grantId: soon.id, millicredits: 1_000 },
        { grantId: late.id, millicredits: 500 },
      ]);
    });

    it('returns the first grant for a repeated grant key and refuses the key with another amount', async () => {
      const first = await ctx.store.addGrant({ workspaceId: 'w', kind: 'topup', millicredits: 5_000, key: 'payment-1' });
      const again = await ctx.store.addGrant({ workspaceId: 'w', kind: 'topup', millicredits: 5_000, key: 'payment-1' });
      await rejectsWith(ctx.store.addGrant({ workspaceId: 'w', kind: 'topup', millicredits: 6_000, key: 'payment-1' }), 'key-conflict', /payment-1/);
      assert.deepEqual([again.id, (await ctx.store.balance('w')).topUps], [first.id, 5_000]);
    });

    it('does not draw on a grant before its effective time', async () => {
      await ctx.store.addGrant({ workspaceId: 'w', kind: 'manual', millicredits: 5_000, effectiveAt: new Date(T0 + DAY).toISOString() });
      const refused = await charge('k', 12_000);
      ctx.t = T0 + DAY;
      const later = await charge('k', 12_000);
      assert.deepEqual([refused.status, later.status], ['refused', 'recorded']);
    });

    it('lists the entries of one execution in recording order, across a pause and resume', async () => {
      await charge('e1:A:0:run', 100, { executionId: 'e1', nodeName: 'A' });
      await charge('e2:A:0:run', 100, { executionId: 'e2', nodeName: 'A' });
      ctx.t += 3_600_000;
      await charge('e1:B:0:run', 200, { executionId: 'e1', nodeName: 'B' });
      const entries = await ctx.store.entriesOfExecution('w', 'e1');
      assert.deepEqual(entries.map((e) => [e.nodeName, e.millicredits]), [['A', 100], ['B', 200]]);
    });

    it('stores every field of a usage entry', async () => {
      const input: ChargeInput = {
        workspaceId: 'w', key: 'e9:Agent:1:tokens', millicredits: 321, workflowId: 'wf1', workflowName: 'Flow', executionId: 'e9', nodeName: 'Agent',
        nodeType: '@n8n/n8n-nodes-langchain.lmChatOpenAi', runIndex: 1, mode: 'trigger', kind: 'tokens', model: 'gpt-4o', tokens: { input: 1000, output: 50 }, status: 'success',
        occurredAt: '2026-01-15T02:00:00.000Z',
      };
      await ctx.store.charge(input);
      const entry = (await ctx.store.getEntry('w', 'e9:Agent:1:tokens'))!;
      const { workspaceId, key, millicredits, workflowId, workflowName, executionId, nodeName, nodeType, runIndex, mode, kind, model, tokens, status, occurredAt } = entry;
      assert.deepEqual({ workspaceId, key, millicredits, workflowId, workflowName, executionId, nodeName, nodeType, runIndex, mode, kind, model, tokens, status, occurredAt }, input);
    });
  });
}
