/** Parked executions: recorded once per park, claimed by one resumer at a time, ended at the renewal. */
import { strict as assert } from 'node:assert';
import type { ParkInput } from '../../../../ledger/src/store/types';
import { small } from '../plans';
import { rejectsWith, type Conformance } from './kit';

const RENEWAL = '2026-02-01T00:00:00.000Z';

function park(overrides: Partial<ParkInput> = {}): ParkInput {
  return { workspaceId: 'w', executionId: '41', parkKey: 'Guard:0', resumeUrl: 'http://127.0.0.1:5678/webhook-waiting/41?credits=t', needMillicredits: 3000, renewsAt: RENEWAL, workflowId: 'wf', nodeName: 'Guard', ...overrides };
}

export function describeParked(ctx: Conformance): void {
  describe('parked executions', () => {
    beforeEach(async () => {
      await ctx.store.createWorkspace({ id: 'w', name: 'W', plan: small(), timeZone: 'UTC', anchorDay: 1 });
    });

    it('records a park once: the same park key again changes nothing', async () => {
      const first = await ctx.store.parkExecution(park());
      ctx.t += 1000;
      const again = await ctx.store.parkExecution(park({ needMillicredits: 9000 }));
      assert.deepEqual(
        [first.created, again.created, again.parked.needMillicredits, again.parked.status, again.parked.parkedAt, await ctx.store.workspacesWithParked()],
        [true, false, 3000, 'waiting', new Date(ctx.t - 1000).toISOString(), ['w']],
      );
    });

    it('lets one claim call the URL until its lease lapses, then another', async () => {
      await ctx.store.parkExecution(park());
      const first = await ctx.store.claimResumption('w', '41', 30_000);
      const meanwhile = await ctx.store.claimResumption('w', '41', 30_000);
      ctx.t += 30_000;
      const afterLease = await ctx.store.claimResumption('w', '41', 30_000);
      assert.deepEqual([first?.status, first?.attempts, meanwhile, afterLease?.attempts], ['resuming', 1, null, 2]);
    });

    it('waits until the retry time after a failed call, and ends a resumed one for good', async () => {
      await ctx.store.parkExecution(park());
      await ctx.store.claimResumption('w', '41', 30_000);
      await ctx.store.finishResumption('w', '41', { outcome: 'retry', error: 'no answer', retryAt: new Date(ctx.t + 5000).toISOString() });
      const early = await ctx.store.claimResumption('w', '41', 30_000);
      ctx.t += 5000;
      const due = await ctx.store.claimResumption('w', '41', 30_000);
      await ctx.store.finishResumption('w', '41', { outcome: 'resumed' });
      const [row] = await ctx.store.listParked('w', 10);
      assert.deepEqual(
        [early, due?.attempts, due?.lastError, row?.status, row?.endedAt, await ctx.store.activeParked('w'), await ctx.store.workspacesWithParked()],
        [null, 2, 'no answer', 'resumed', new Date(ctx.t).toISOString(), [], []],
      );
    });

    it('ignores the result of a claim that lapsed and was taken again', async () => {
      await ctx.store.parkExecution(park());
      await ctx.store.claimResumption('w', '41', 1000);
      await ctx.store.finishResumption('w', '41', { outcome: 'resumed' });
      await ctx.store.finishResumption('w', '41', { outcome: 'failed', error: 'late' });
      assert.deepEqual((await ctx.store.listParked('w', 10)).map((p) => [p.status, p.lastError]), [['resumed', null]]);
    });

    it('parks the execution again at a new park key once it resumed (a later Guard)', async () => {
      await ctx.store.parkExecution(park());
      await ctx.store.claimResumption('w', '41', 1000);
      await ctx.store.finishResumption('w', '41', { outcome: 'resumed' });
      const later = await ctx.store.parkExecution(park({ parkKey: 'Second Guard:0', needMillicredits: 500 }));
      assert.deepEqual([later.created, later.parked.status, later.parked.attempts, later.parked.needMillicredits, later.parked.endedAt], [true, 'waiting', 0, 500, null]);
    });

    it('hands waiting executions to the renewal once its time passed', async () => {
      await ctx.store.parkExecution(park());
      await ctx.store.parkExecution(park({ executionId: '42', renewsAt: '2026-03-01T00:00:00.000Z' }));
      const before = await ctx.store.endParkedAtRenewal('w');
      ctx.t = Date.parse(RENEWAL);
      const at = await ctx.store.endParkedAtRenewal('w');
      assert.deepEqual([before, at, (await ctx.store.activeParked('w')).map((p) => p.executionId), (await ctx.store.listParked('w', 10)).map((p) => [p.executionId, p.status])], [0, 1, ['42'], [['42', 'waiting'], ['41', 'renewal']]]);
    });

    it('refuses a resume URL that is not http(s), an amount below zero and a missing renewal, writing nothing', async () => {
      await rejectsWith(ctx.store.parkExecution(park({ resumeUrl: 'file:///etc/passwd' })), 'invalid-input', /resumeUrl must be an http\(s\) URL/);
      await rejectsWith(ctx.store.parkExecution(park({ needMillicredits: -1 })), 'invalid-amount', /needMillicredits/);
      await rejectsWith(ctx.store.parkExecution(park({ renewsAt: undefined as unknown as string })), 'invalid-input', /renewsAt/);
      await rejectsWith(ctx.store.parkExecution(park({ workspaceId: 'nope' })), 'unknown-workspace');
      assert.deepEqual(await ctx.store.listParked('w', 10), []);
    });
  });
}
