/**
 * The one conformance suite every `LedgerStore` passes. `registerConformance(name, open)`
 * registers it for a store factory; the factory gets the test's clock and returns the store plus
 * `raw` (run SQL directly, for the audit and migration tests) and `dispose`.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { LedgerError } from '../../../ledger/src/store/errors';
import type { ChargeInput, ChargeOutcome, LedgerStore } from '../../../ledger/src/store/types';
import { amplience, monkedo, small, spojit, twentyMonthly, twentyYearly } from './plans';

export interface OpenedStore {
  store: LedgerStore;
  /** Runs SQL on the store's database (`?` placeholders). */
  raw(sql: string, params?: Array<string | number | null>): Promise<Array<Record<string, unknown>>>;
  dispose(): Promise<void>;
}

export type StoreFactory = (now: () => number) => Promise<OpenedStore>;

const T0 = Date.parse('2026-01-15T03:00:00.000Z');
const DAY = 86_400_000;

async function rejectsWith(promise: Promise<unknown>, code: string, pattern?: RegExp): Promise<LedgerError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof LedgerError, `expected a LedgerError, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    if (pattern) assert.match(error.message, pattern);
    return error;
  }
  assert.fail(`expected LedgerError ${code}`);
}

function recorded(outcome: ChargeOutcome): Extract<ChargeOutcome, { status: 'recorded' }> {
  assert.equal(outcome.status, 'recorded', JSON.stringify(outcome));
  return outcome as Extract<ChargeOutcome, { status: 'recorded' }>;
}

export function registerConformance(name: string, open: StoreFactory): void {
  describe(`LedgerStore conformance: ${name}`, function () {
    this.timeout(60_000);
    let t = T0;
    let opened: OpenedStore;
    let store: LedgerStore;
    const charge = (key: string, millicredits: number, extra: Partial<ChargeInput> = {}) => store.charge({ workspaceId: 'w', key, millicredits, ...extra });
    const entryCount = async () => Number((await opened.raw('SELECT COUNT(*) AS n FROM entries'))[0].n);

    beforeEach(async () => {
      t = T0;
      opened = await open(() => t);
      store = opened.store;
    });
    afterEach(async () => {
      await opened.dispose();
    });

    describe('workspaces', () => {
      it('creates a workspace whose first period and allocation follow the plan', async () => {
        const ws = await store.createWorkspace({ id: 'w', name: 'W', plan: twentyMonthly, timeZone: 'Asia/Tokyo', anchorDay: 1 });
        const card = await store.balance('w');
        assert.deepEqual(
          [ws.periodStart, card.resetsAt, card.remaining, card.totalAvailable, card.planName],
          ['2025-12-31T15:00:00.000Z', '2026-01-31T15:00:00.000Z', 5_000_000, 5_000_000, 'twenty'],
        );
      });

      it('refuses a second workspace with the same id', async () => {
        await store.createWorkspace({ id: 'w', name: 'W', plan: twentyMonthly, timeZone: 'UTC', anchorDay: 1 });
        await rejectsWith(store.createWorkspace({ id: 'w', name: 'again', plan: twentyMonthly, timeZone: 'UTC', anchorDay: 1 }), 'duplicate-workspace', /"w"/);
      });

      it('refuses an unknown time zone and creates nothing', async () => {
        await rejectsWith(store.createWorkspace({ id: 'w', name: 'W', plan: twentyMonthly, timeZone: 'Mars/Olympus', anchorDay: 1 }), 'invalid-input', /Mars\/Olympus/);
        assert.deepEqual(await store.listWorkspaces(), []);
      });

      it('lists workspaces and finds one by id', async () => {
        await store.createWorkspace({ id: 'w', name: 'W', plan: twentyMonthly, timeZone: 'UTC', anchorDay: 1 });
        assert.deepEqual([(await store.listWorkspaces()).map((w) => w.id), (await store.getWorkspace('w'))?.name, await store.getWorkspace('x')], [['w'], 'W', null]);
      });
    });

    describe('charges', () => {
      beforeEach(async () => {
        await store.createWorkspace({ id: 'w', name: 'W', plan: small({ allocation: 10_000 }), timeZone: 'UTC', anchorDay: 1 });
      });

      it('records a charge, debits the allocation and reports the balance after it', async () => {
        const outcome = recorded(await charge('e1:Node:0:run', 1_200, { workflowId: 'wf', nodeType: 'n8n-nodes-base.httpRequest' }));
        assert.deepEqual([outcome.balance, outcome.entry.millicredits, outcome.entry.debits.length, (await store.balance('w')).remaining], [8_800, 1_200, 1, 8_800]);
      });

      it('acknowledges a repeated key with the same content without a second debit', async () => {
        await charge('k', 1_000, { executionId: 'e1' });
        const again = await charge('k', 1_000, { executionId: 'e1' });
        assert.deepEqual([again.status, (await store.balance('w')).totalAvailable, await entryCount()], ['duplicate', 9_000, 1]);
      });

      it('reports a repeated key with a different amount as a conflict and changes nothing', async () => {
        await charge('k', 1_000);
        const again = await charge('k', 1_500);
        assert.equal(again.status, 'conflict');
        assert.match((again as Extract<ChargeOutcome, { status: 'conflict' }>).message, /1000 millicredits; this entry has 1500/);
        assert.deepEqual([(await store.balance('w')).totalAvailable, await entryCount()], [9_000, 1]);
      });

      for (const bad of [1.5, -1, '5', Number.NaN, null]) {
        it(`throws invalid-amount for ${typeof bad === "string" ? JSON.stringify(bad) : String(bad)} and leaves the database unchanged`, async () => {
          await rejectsWith(charge('k', bad as number), 'invalid-amount', /millicredits must be an integer/);
          assert.deepEqual([(await store.balance('w')).totalAvailable, await entryCount()], [10_000, 0]);
        });
      }

      it('throws unknown-workspace for a workspace that does not exist', async () => {
        await rejectsWith(store.charge({ workspaceId: 'nope', key: 'k', millicredits: 1 }), 'unknown-workspace', /"nope"/);
        assert.equal(await entryCount(), 0);
      });

      it('throws unknown-member and leaves the database unchanged', async () => {
        await rejectsWith(charge('k', 100, { memberId: 'ghost' }), 'unknown-member', /"ghost"/);
        assert.deepEqual([(await store.balance('w')).totalAvailable, await entryCount()], [10_000, 0]);
      });

      it('throws for a bad entry anywhere in a batch, naming it, and writes none of the batch', async () => {
        const batch = [{ workspaceId: 'w', key: 'a', millicredits: 1 }, { workspaceId: 'w', key: 'b', millicredits: 2.5 }];
        const error = await rejectsWith(store.chargeBatch(batch), 'invalid-amount', /entries\[1\]\.millicredits/);
        assert.equal(error.details.field, 'entries[1].millicredits');
        assert.equal(await entryCount(), 0);
      });

      it('rolls back a whole batch when one entry names an unknown member', async () => {
        const batch = [{ workspaceId: 'w', key: 'a', millicredits: 1 }, { workspaceId: 'w', key: 'b', millicredits: 2, memberId: 'ghost' }];
        await rejectsWith(store.chargeBatch(batch), 'unknown-member');
        assert.deepEqual([(await store.balance('w')).totalAvailable, await entryCount()], [10_000, 0]);
      });

      it('returns batch outcomes in input order, with a repeat inside the batch as a duplicate', async () => {
        const outcomes = await store.chargeBatch([
          { workspaceId: 'w', key: 'a', millicredits: 1_000 },
          { workspaceId: 'w', key: 'a', millicredits: 1_000 },
          { workspaceId: 'w', key: 'b', millicredits: 20_000 },
          { workspaceId: 'w', key: 'c', millicredits: 500 },
        ]);
        assert.deepEqual(outcomes.map((o) => o.status), ['recorded', 'duplicate', 'refused', 'recorded']);
        assert.equal((outcomes[1] as Extract<ChargeOutcome, { status: 'duplicate' }>).entry.id, (outcomes[0] as Extract<ChargeOutcome, { status: 'recorded' }>).entry.id);
        assert.equal((await store.balance('w')).totalAvailable, 8_500);
      });

      it('consumes grants by priority, then soonest expiry, then oldest', async () => {
        const late = await store.addGrant({ workspaceId: 'w', kind: 'manual', millicredits: 1_000, expiresAt: '2026-06-01T00:00:00.000Z' });
        const soon = await store.addGrant({ workspaceId: 'w', kind: 'manual', millicredits: 1_000, expiresAt: '2026-03-01T00:00:00.000Z' });
        const promo = await store.addGrant({ workspaceId: 'w', kind: 'promo', millicredits: 500 });
        const outcome = recorded(await charge('k', 12_000));
        const allocation = (await store.listGrants('w', { all: true })).find((g) => g.kind === 'allocation')!;
        assert.deepEqual(outcome.entry.debits, [
          { grantId: promo.id, millicredits: 500 },
          { grantId: allocation.id, millicredits: 10_000 },
          { grantId: soon.id, millicredits: 1_000 },
          { grantId: late.id, millicredits: 500 },
        ]);
      });

      it('returns the first grant for a repeated grant key and refuses the key with another amount', async () => {
        const first = await store.addGrant({ workspaceId: 'w', kind: 'topup', millicredits: 5_000, key: 'payment-1' });
        const again = await store.addGrant({ workspaceId: 'w', kind: 'topup', millicredits: 5_000, key: 'payment-1' });
        await rejectsWith(store.addGrant({ workspaceId: 'w', kind: 'topup', millicredits: 6_000, key: 'payment-1' }), 'key-conflict', /payment-1/);
        assert.deepEqual([again.id, (await store.balance('w')).topUps], [first.id, 5_000]);
      });

      it('does not draw on a grant before its effective time', async () => {
        await store.addGrant({ workspaceId: 'w', kind: 'manual', millicredits: 5_000, effectiveAt: new Date(T0 + DAY).toISOString() });
        const refused = await charge('k', 12_000);
        t = T0 + DAY;
        const later = await charge('k', 12_000);
        assert.deepEqual([refused.status, later.status], ['refused', 'recorded']);
      });

      it('lists the entries of one execution in recording order, across a pause and resume', async () => {
        await charge('e1:A:0:run', 100, { executionId: 'e1', nodeName: 'A' });
        await charge('e2:A:0:run', 100, { executionId: 'e2', nodeName: 'A' });
        t += 3_600_000;
        await charge('e1:B:0:run', 200, { executionId: 'e1', nodeName: 'B' });
        const entries = await store.entriesOfExecution('w', 'e1');
        assert.deepEqual(entries.map((e) => [e.nodeName, e.millicredits]), [['A', 100], ['B', 200]]);
      });

      it('stores every field of a usage entry', async () => {
        const input: ChargeInput = {
          workspaceId: 'w', key: 'e9:Agent:1:tokens', millicredits: 321, workflowId: 'wf1', workflowName: 'Flow', executionId: 'e9', nodeName: 'Agent',
          nodeType: '@n8n/n8n-nodes-langchain.lmChatOpenAi', runIndex: 1, mode: 'trigger', kind: 'tokens', model: 'gpt-4o', tokens: { input: 1000, output: 50 }, status: 'success',
          occurredAt: '2026-01-15T02:00:00.000Z',
        };
        await store.charge(input);
        const entry = (await store.getEntry('w', 'e9:Agent:1:tokens'))!;
        const { workspaceId, key, millicredits, workflowId, workflowName, executionId, nodeName, nodeType, runIndex, mode, kind, model, tokens, status, occurredAt } = entry;
        assert.deepEqual({ workspaceId, key, millicredits, workflowId, workflowName, executionId, nodeName, nodeType, runIndex, mode, kind, model, tokens, status, occurredAt }, input);
      });
    });

    describe('exhaustion policies', () => {
      it('pause: refuses what would go below zero and says when credits renew', async () => {
        await store.createWorkspace({ id: 'w', name: 'W', plan: small({ allocation: 1_000, exhaustion: 'pause' }), timeZone: 'UTC', anchorDay: 1 });
        await charge('a', 800);
        const outcome = await charge('b', 300);
        assert.deepEqual(outcome, { status: 'refused', key: 'b', reason: 'insufficient-credits', message: (outcome as { message: string }).message, renewsAt: '2026-02-01T00:00:00.000Z', available: 200 });
        assert.equal((await store.balance('w')).totalAvailable, 200);
      });

      it('stop: refuses with an error reason and no renewal time', async () => {
        await store.createWorkspace({ id: 'w', name: 'W', plan: small({ allocation: 1_000, exhaustion: 'stop' }), timeZone: 'UTC', anchorDay: 1 });
        const outcome = await charge('b', 1_001);
        assert.deepEqual([outcome.status, (outcome as { reason: string }).reason, (outcome as { renewsAt: unknown }).renewsAt], ['refused', 'credits-exhausted', null]);
      });

      it('overdraft (Amplience): runs on into a negative balance and reports the overdraft', async () => {
        await store.createWorkspace({ id: 'w', name: 'W', plan: amplience, timeZone: 'Europe/London', anchorDay: 1 });
        await charge('a', 900_000);
        const outcome = recorded(await charge('b', 350_000));
        const card = await store.balance('w');
        assert.deepEqual([outcome.balance, outcome.overdraft, outcome.entry.overdraft, card.totalAvailable, card.overdraft, (await store.audit('w')).ok], [-250_000, 250_000, 250_000, -250_000, 250_000, true]);
      });

      it('overdraft: a top-up repays the debt first and brings the balance back above zero', async () => {
        await store.createWorkspace({ id: 'w', name: 'W', plan: amplience, timeZone: 'UTC', anchorDay: 1 });
        await charge('a', 1_250_000);
        await store.addGrant({ workspaceId: 'w', kind: 'topup', millicredits: 500_000 });
        const card = await store.balance('w');
        // 1,000,000 allocated, 1,250,000 charged: 250,000 of debt, repaid from the 500,000 top-up.
        assert.deepEqual([card.totalAvailable, card.overdraft, card.topUps, (await store.audit('w')).ok], [250_000, 0, 250_000, true]);
      });
    });

    describe('periods', () => {
      it('Twenty monthly: issues 5,000,000 each month and carries the unused part as a separate rollover line', async () => {
        await store.createWorkspace({ id: 'w', name: 'W', plan: twentyMonthly, timeZone: 'Europe/Paris', anchorDay: 1 });
        await charge('a', 2_000_000);
        t = Date.parse('2026-02-10T12:00:00.000Z');
        const card = await store.balance('w');
        assert.deepEqual(
          [card.periodStart, card.remaining, card.rollover, card.totalAvailable, card.consumedThisPeriod],
          ['2026-01-31T23:00:00.000Z', 5_000_000, 3_000_000, 8_000_000, 0],
        );
      });

      it('Twenty monthly: never carries more than one period allocation', async () => {
        await store.createWorkspace({ id: 'w', name: 'W', plan: twentyMonthly, timeZone: 'UTC', anchorDay: 1 });
        t = Date.parse('2026-02-10T00:00:00.000Z');
        await charge('a', 1_000_000);
        t = Date.parse('2026-03-02T00:00:00.000Z');
        const card = await store.balance('w');
        // February left 5,000,000 allocation − 1,000,000 + 5,000,000 rollover = 9,000,000; the cap keeps 5,000,000.
        assert.deepEqual([card.remaining, card.rollover, card.totalAvailable], [5_000_000, 5_000_000, 10_000_000]);
      });

      it('Twenty yearly: issues 50,000,000 a year, resets on the anchor, caps rollover at a year', async () => {
        await store.createWorkspace({ id: 'w', name: 'W', plan: twentyYearly, timeZone: 'America/New_York', anchorDay: 10, anchorMonth: 3 });
        const first = await store.balance('w');
        await charge('a', 45_000_000);
        t = Date.parse('2026-03-10T05:00:00.000Z');
        const second = await store.balance('w');
        t = Date.parse('2028-04-01T00:00:00.000Z');
        const fourth = await store.balance('w');
        assert.deepEqual(
          [first.periodStart, first.resetsAt, second.remaining, second.rollover, fourth.periodStart, fourth.remaining, fourth.rollover],
          ['2025-03-10T04:00:00.000Z', '2026-03-10T04:00:00.000Z', 50_000_000, 5_000_000, '2028-03-10T05:00:00.000Z', 50_000_000, 50_000_000],
        );
      });

      it('Spojit: top-ups outlive period resets and plan changes', async () => {
        await store.createWorkspace({ id: 'w', name: 'W', plan: spojit, timeZone: 'Australia/Sydney', anchorDay: 15 });
        await store.addGrant({ workspaceId: 'w', kind: 'topup', millicredits: 400_000 });
        await charge('a', 1_100_000);
        t = Date.parse('2026-03-20T00:00:00.000Z');
        const afterResets = await store.balance('w');
        await store.setPlan('w', { ...spojit, name: 'spojit-pro', allocation: 2_000_000 });
        const afterPlan = await store.balance('w');
        assert.deepEqual(
          [afterResets.topUps, afterResets.remaining, afterResets.rollover, afterPlan.topUps, afterPlan.remaining, afterPlan.planName],
          [300_000, 1_000_000, 0, 300_000, 2_000_000, 'spojit-pro'],
        );
      });

      it('lets a period-lifetime top-up lapse at the period end and a days-lifetime one after its days', async () => {
        await store.createWorkspace({ id: 'w', name: 'W', plan: small({ allocation: 0, topUps: { packs: [], lifetime: { kind: 'period' } } }), timeZone: 'UTC', anchorDay: 1 });
        await store.addGrant({ workspaceId: 'w', kind: 'topup', millicredits: 3_000 });
        await store.setPlan('w', small({ allocation: 0, topUps: { packs: [], lifetime: { kind: 'days', days: 45 } } }));
        await store.addGrant({ workspaceId: 'w', kind: 'topup', millicredits: 7_000 });
        t = Date.parse('2026-02-01T00:00:00.000Z');
        const february = (await store.balance('w')).topUps;
        t = T0 + 45 * DAY;
        const lapsed = (await store.balance('w')).topUps;
        assert.deepEqual([february, lapsed], [7_000, 0]);
      });

      it('Monkedo: a 100-credit daily limit renews at midnight in the workspace zone', async () => {
        await store.createWorkspace({ id: 'w', name: 'W', plan: monkedo, timeZone: 'Asia/Tokyo', anchorDay: 1 });
        await charge('a', 60_000);
        await charge('b', 40_000);
        const refused = await charge('c', 1_000);
        t = Date.parse('2026-01-15T14:59:59.999Z');
        const beforeMidnight = await charge('c', 1_000);
        t = Date.parse('2026-01-15T15:00:00.000Z');
        const afterMidnight = await charge('c', 1_000);
        assert.deepEqual(
          [(refused as { reason: string }).reason, (refused as { renewsAt: string }).renewsAt, beforeMidnight.status, afterMidnight.status, (await store.balance('w')).dailyRemaining],
          ['daily-limit', '2026-01-15T15:00:00.000Z', 'refused', 'recorded', 99_000],
        );
      });

      it('Monkedo: a workspace may change its daily limit', async () => {
        await store.createWorkspace({ id: 'w', name: 'W', plan: monkedo, timeZone: 'Asia/Tokyo', anchorDay: 1 });
        await store.setDailyLimit('w', 200_000);
        const outcome = await charge('a', 150_000);
        assert.deepEqual([outcome.status, (await store.balance('w')).dailyRemaining], ['recorded', 50_000]);
      });

      it('Monkedo: members draw on their own allocation inside a pool that does not grow', async () => {
        await store.createWorkspace({ id: 'w', name: 'W', plan: monkedo, timeZone: 'Asia/Tokyo', anchorDay: 1 });
        await store.addMember({ workspaceId: 'w', memberId: 'ann', allocation: 2_000_000 });
        await store.addMember({ workspaceId: 'w', memberId: 'bob', allocation: 50_000 });
        await rejectsWith(store.addMember({ workspaceId: 'w', memberId: 'cy', allocation: 1_000_000 }), 'invalid-input', /exceed the plan's pool of 3000000 millicredits by 50000/);
        await charge('a', 40_000, { memberId: 'bob' });
        const refused = await charge('b', 20_000, { memberId: 'bob' });
        const ann = await charge('c', 20_000, { memberId: 'ann' });
        const members = await store.listMembers('w');
        assert.deepEqual(
          [(refused as { reason: string }).reason, ann.status, members.map((m) => [m.memberId, m.consumedThisPeriod])],
          ['member-allocation', 'recorded', [['ann', 20_000], ['bob', 40_000]]],
        );
      });

      it('counts a member allocation per period', async () => {
        await store.createWorkspace({ id: 'w', name: 'W', plan: small({ allocation: 100_000 }), timeZone: 'UTC', anchorDay: 1 });
        await store.addMember({ workspaceId: 'w', memberId: 'bob', allocation: 10_000 });
        await charge('a', 10_000, { memberId: 'bob' });
        t = Date.parse('2026-02-01T00:00:00.000Z');
        const outcome = await charge('b', 10_000, { memberId: 'bob' });
        assert.equal(outcome.status, 'recorded');
      });
    });

    describe('reversals', () => {
      beforeEach(async () => {
        await store.createWorkspace({ id: 'w', name: 'W', plan: small({ allocation: 10_000 }), timeZone: 'UTC', anchorDay: 1 });
      });

      it('records a reversing entry that nets the original to zero', async () => {
        await charge('k', 3_000, { workflowId: 'wf' });
        const outcome = recorded(await store.reverse({ workspaceId: 'w', reversesKey: 'k' }));
        const audit = await store.audit('w');
        assert.deepEqual([outcome.entry.millicredits, outcome.entry.reversesKey, outcome.balance, audit.netCharged, audit.ok], [-3_000, 'k', 10_000, 0, true]);
      });

      it('acknowledges the same reversal twice and refuses a second reversal of the entry', async () => {
        await charge('k', 3_000);
        await store.reverse({ workspaceId: 'w', reversesKey: 'k' });
        const again = await store.reverse({ workspaceId: 'w', reversesKey: 'k' });
        await rejectsWith(store.reverse({ workspaceId: 'w', reversesKey: 'k', key: 'other' }), 'already-reversed', /"k"/);
        assert.deepEqual([again.status, (await store.balance('w')).totalAvailable], ['duplicate', 10_000]);
      });

      it('throws unknown-entry for a key never recorded', async () => {
        await rejectsWith(store.reverse({ workspaceId: 'w', reversesKey: 'nope' }), 'unknown-entry', /"nope"/);
        assert.equal(await entryCount(), 0);
      });

      it('repays the overdraft part of a reversed charge', async () => {
        await store.setPlan('w', small({ allocation: 10_000, exhaustion: 'overdraft' }));
        await charge('k', 12_000);
        await store.reverse({ workspaceId: 'w', reversesKey: 'k' });
        const card = await store.balance('w');
        assert.deepEqual([card.totalAvailable, card.overdraft, (await store.audit('w')).ok], [10_000, 0, true]);
      });
    });

    describe('reservations', () => {
      beforeEach(async () => {
        await store.createWorkspace({ id: 'w', name: 'W', plan: small({ allocation: 10_000 }), timeZone: 'UTC', anchorDay: 1 });
      });

      it('holds the reserved amount back from the balance', async () => {
        const outcome = await store.reserve({ workspaceId: 'w', key: 'r', millicredits: 4_000 });
        const card = await store.balance('w');
        assert.deepEqual([outcome.status, card.reserved, card.totalAvailable, (await charge('k', 7_000)).status], ['reserved', 4_000, 6_000, 'refused']);
      });

      it('settles for less than reserved and frees the hold', async () => {
        const { reservation } = (await store.reserve({ workspaceId: 'w', key: 'r', millicredits: 4_000 })) as { reservation: { id: string } };
        const outcome = recorded(await store.settle({ reservationId: reservation.id, key: 'r:settle', millicredits: 1_500, model: 'gpt-4o' }));
        const card = await store.balance('w');
        assert.deepEqual([outcome.entry.type, outcome.entry.reservationId, card.reserved, card.totalAvailable, (await store.getReservation('w', reservation.id))?.state], ['settlement', reservation.id, 0, 8_500, 'settled']);
      });

      it('settles for more than reserved when credits allow', async () => {
        const { reservation } = (await store.reserve({ workspaceId: 'w', key: 'r', millicredits: 1_000 })) as { reservation: { id: string } };
        await store.settle({ reservationId: reservation.id, key: 'r:settle', millicredits: 2_500 });
        assert.equal((await store.balance('w')).totalAvailable, 7_500);
      });

      it('releases a hold without charging', async () => {
        const { reservation } = (await store.reserve({ workspaceId: 'w', key: 'r', millicredits: 4_000 })) as { reservation: { id: string } };
        const released = await store.release('w', reservation.id);
        assert.deepEqual([released.state, (await store.balance('w')).totalAvailable, await entryCount()], ['released', 10_000, 0]);
      });

      it('refuses to settle a settled reservation and changes nothing', async () => {
        const { reservation } = (await store.reserve({ workspaceId: 'w', key: 'r', millicredits: 4_000 })) as { reservation: { id: string } };
        await store.settle({ reservationId: reservation.id, key: 's1', millicredits: 1_000 });
        await rejectsWith(store.settle({ reservationId: reservation.id, key: 's2', millicredits: 1_000 }), 'reservation-settled', /already settled/);
        assert.deepEqual([(await store.balance('w')).totalAvailable, await entryCount()], [9_000, 1]);
      });

      it('refuses to settle an expired reservation, and expires holds past their time', async () => {
        const { reservation } = (await store.reserve({ workspaceId: 'w', key: 'r', millicredits: 4_000, expiresAt: new Date(T0 + 60_000).toISOString() })) as { reservation: { id: string } };
        t = T0 + 60_000;
        await rejectsWith(store.settle({ reservationId: reservation.id, key: 's', millicredits: 1_000 }), 'reservation-expired', /expired at 2026-01-15T03:01:00.000Z/);
        const expired = await store.expireReservations();
        assert.deepEqual([expired, (await store.balance('w')).reserved, (await store.getReservation('w', reservation.id))?.state, await entryCount()], [1, 0, 'expired', 0]);
      });

      it('refuses a reservation beyond the balance under pause', async () => {
        const outcome = await store.reserve({ workspaceId: 'w', key: 'r', millicredits: 10_001 });
        assert.deepEqual([outcome.status, (outcome as { reason: string }).reason], ['refused', 'insufficient-credits']);
      });

      it('throws unknown-reservation for an id never issued', async () => {
        await rejectsWith(store.settle({ reservationId: 'nope', key: 's', millicredits: 1 }), 'unknown-reservation');
      });
    });

    describe('queries', () => {
      beforeEach(async () => {
        // Reports count money when it was debited: the clock, not occurredAt, places these charges (midnight in Tokyo is 15:00 UTC).
        t = Date.parse('2026-01-14T14:00:00.000Z');
        await store.createWorkspace({ id: 'w', name: 'W', plan: small({ allocation: 100_000 }), timeZone: 'Asia/Tokyo', anchorDay: 1 });
        await store.addMember({ workspaceId: 'w', memberId: 'ann' });
        await store.addMember({ workspaceId: 'w', memberId: 'bob' });
        t = Date.parse('2026-01-14T14:59:00.000Z');
        await charge('1', 1_000, { workflowId: 'wf1', workflowName: 'One', nodeType: 'http', memberId: 'ann' });
        t = Date.parse('2026-01-14T15:00:00.000Z');
        await charge('2', 2_000, { workflowId: 'wf2', workflowName: 'Two', nodeType: 'http', memberId: 'bob', occurredAt: '2001-01-01T00:00:00.000Z' });
        t = Date.parse('2026-01-15T01:00:00.000Z');
        await charge('3', 4_000, { workflowId: 'wf2', workflowName: 'Two', nodeType: 'llm', memberId: 'bob', occurredAt: '2999-01-01T00:00:00.000Z' });
        t = T0;
      });

      it('breaks usage down by workflow, largest first, with names', async () => {
        assert.deepEqual(await store.breakdown({ workspaceId: 'w', by: 'workflow' }), [
          { key: 'wf2', label: 'Two', millicredits: 6_000, entries: 2 },
          { key: 'wf1', label: 'One', millicredits: 1_000, entries: 1 },
        ]);
      });

      it('breaks usage down by node type and by member', async () => {
        const byType = await store.breakdown({ workspaceId: 'w', by: 'nodeType' });
        const byMember = await store.breakdown({ workspaceId: 'w', by: 'member' });
        assert.deepEqual([byType.map((r) => [r.key, r.millicredits]), byMember.map((r) => [r.key, r.millicredits])], [[['llm', 4_000], ['http', 3_000]], [['bob', 6_000], ['ann', 1_000]]]);
      });

      it('breaks usage down by day in the workspace time zone', async () => {
        const byDay = await store.breakdown({ workspaceId: 'w', by: 'day' });
        assert.deepEqual(byDay.map((r) => [r.key, r.millicredits]), [['2026-01-14', 1_000], ['2026-01-15', 6_000]]);
      });

      it('limits a breakdown to one member', async () => {
        const rows = await store.breakdown({ workspaceId: 'w', by: 'workflow', memberId: 'ann' });
        assert.deepEqual(rows.map((r) => [r.key, r.millicredits]), [['wf1', 1_000]]);
      });

      it('lists entries newest first with paging', async () => {
        const page = await store.listEntries({ workspaceId: 'w', limit: 2 });
        const next = await store.listEntries({ workspaceId: 'w', before: page[1].id });
        assert.deepEqual([page.map((e) => e.key), next.map((e) => e.key)], [['3', '2'], ['1']]);
      });

      it('audits balances against the entries and finds a tampered grant', async () => {
        const clean = await store.audit('w');
        await opened.raw("UPDATE grants SET remaining = remaining + 5 WHERE kind = 'allocation'");
        const tampered = await store.audit('w');
        assert.deepEqual([clean.ok, clean.entries, clean.netCharged, tampered.ok, tampered.problems.length], [true, 3, 7_000, false, 1]);
        assert.match(tampered.problems[0], /stored remaining 93005, entries say 93000/);
      });
    });

    describe('invariants', () => {
      it('keeps the balance equal to the grants minus the net of the entries over random charges, repeats and reversals', async () => {
        const op = fc.oneof(
          fc.record({ kind: fc.constant('charge' as const), key: fc.integer({ min: 0, max: 15 }), amount: fc.integer({ min: 0, max: 4_000 }) }),
          fc.record({ kind: fc.constant('reverse' as const), key: fc.integer({ min: 0, max: 15 }), amount: fc.constant(0) }),
        );
        let run = 0;
        await fc.assert(
          fc.asyncProperty(fc.array(op, { maxLength: 25 }), fc.constantFrom('pause' as const, 'overdraft' as const), async (ops, exhaustion) => {
            const id = `p${run++}`;
            await store.createWorkspace({ id, name: id, plan: small({ allocation: 20_000, exhaustion }), timeZone: 'UTC', anchorDay: 1 });
            const amounts = new Map<number, number>();
            const reversed = new Set<number>();
            for (const o of ops) {
              if (o.kind === 'charge') {
                const outcome = await store.charge({ workspaceId: id, key: `k${o.key}`, millicredits: o.amount });
                if (outcome.status === 'recorded') amounts.set(o.key, o.amount);
              } else if (amounts.has(o.key) && !reversed.has(o.key)) {
                await store.reverse({ workspaceId: id, reversesKey: `k${o.key}` });
                reversed.add(o.key);
              }
            }
            const net = [...amounts].filter(([k]) => !reversed.has(k)).reduce((sum, [, a]) => sum + a, 0);
            const card = await store.balance(id);
            const audit = await store.audit(id);
            return audit.ok && card.totalAvailable === 20_000 - net && audit.netCharged === net && (exhaustion === 'overdraft' || card.totalAvailable >= 0);
          }),
          { numRuns: 25 },
        );
      });
    });

    describe('counters', () => {
      it('counts helper runs', async () => {
        await store.createWorkspace({ id: 'w', name: 'W', plan: small(), timeZone: 'UTC', anchorDay: 1 });
        await store.addHelperRuns('w', 60);
        assert.deepEqual(await store.addHelperRuns('w', 50), { before: 60, after: 110 });
      });

      it('opens the circuit after consecutive failures and closes it on success', async () => {
        await store.createWorkspace({ id: 'w', name: 'W', plan: small({ consecutiveFailureLimit: 3 }), timeZone: 'UTC', anchorDay: 1 });
        for (let i = 0; i < 3; i++) await store.recordExecutionOutcome('w', 'wf', false);
        const open = await charge('a', 10, { workflowId: 'wf' });
        const other = await charge('b', 10, { workflowId: 'other' });
        const closed = await store.recordExecutionOutcome('w', 'wf', true);
        const after = await charge('a', 10, { workflowId: 'wf' });
        assert.deepEqual([(open as { reason: string }).reason, other.status, closed, after.status], ['circuit-open', 'recorded', { workflowId: 'wf', consecutiveFailures: 0, open: false }, 'recorded']);
      });
    });

    describe('API keys and settings', () => {
      beforeEach(async () => {
        await store.createWorkspace({ id: 'w', name: 'W', plan: small(), timeZone: 'UTC', anchorDay: 1 });
      });

      it('stores a key by hash, finds it, lists it and stops finding it once revoked', async () => {
        const key = await store.createApiKey({ workspaceId: 'w', role: 'meter', name: 'n8n', hash: 'h1', prefix: 'nc_ab' });
        const found = await store.findApiKeyByHash('h1');
        const listed = await store.listApiKeys('w');
        const revoked = await store.revokeApiKey(key.id);
        assert.deepEqual(
          [found?.id, found?.role, listed.map((k) => k.name), revoked.revokedAt !== null, await store.findApiKeyByHash('h1'), JSON.stringify(listed).includes('h1')],
          [key.id, 'meter', ['n8n'], true, null, false],
        );
      });

      it('refuses an unknown role', async () => {
        await rejectsWith(store.createApiKey({ workspaceId: 'w', role: 'root' as 'admin', name: 'x', hash: 'h', prefix: 'p' }), 'invalid-input', /role/);
      });

      it('keeps alert settings as a JSON document per workspace', async () => {
        const before = await store.getAlertSettings('w');
        await store.setAlertSettings('w', { thresholds: [50, 90], email: 'a@b.c' });
        assert.deepEqual([before, await store.getAlertSettings('w')], [null, { thresholds: [50, 90], email: 'a@b.c' }]);
      });
    });

    describe('migrations', () => {
      it('records each migration once and applies none twice', async () => {
        await store.migrate();
        const rows = await opened.raw('SELECT version, name FROM schema_migrations ORDER BY version');
        assert.deepEqual(rows.map((r) => [Number(r.version), r.name]), [[1, 'init'], [2, 'grants-index-without-remaining'], [3, 'executions-and-recorded-index'], [4, 'alert-marks-and-outbox']]);
      });
    });
  });
}
