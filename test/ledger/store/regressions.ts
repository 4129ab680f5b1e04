/**
 * One test per money defect found by trying the ledger over a workspace's lifetime (issue 12), on every
 * store. Each expected figure is counted by hand in the comment beside it.
 */
import { strict as assert } from 'node:assert';
import { priceExecution } from '../../../shared-pricing/src/execution/priceExecution';
import type { ExecutionRun, Workflow } from '../../../shared-pricing/src/execution/types';
import { getPriceBook } from '../../../shared-pricing/src/price-book/loadPriceBook';
import { LedgerError } from '../../../ledger/src/store/errors';
import type { ExecutionRecord, LedgerStore } from '../../../ledger/src/store/types';
import type { OpenedStore, StoreFactory } from './conformance';
import { small, twentyMonthly, twentyYearly } from './plans';

const T0 = Date.parse('2026-01-15T03:00:00.000Z');

/** A workflow of one Code node (a Monkedo helper: 1 credit every 100 runs) and one HTTP node (1 credit a run). */
const workflow: Workflow = {
  id: 'wf', name: 'W', connections: {},
  nodes: [{ name: 'Code', type: 'n8n-nodes-base.code' }, { name: 'HTTP', type: 'n8n-nodes-base.httpRequest' }],
};

function execution(executionId: string, codeRuns: number, options: { status?: string; mode?: string; http?: boolean } = {}): ExecutionRun {
  const ok = { executionStatus: 'success', data: { main: [[{ json: {} }]] } };
  const runData: Record<string, unknown[]> = { Code: Array.from({ length: codeRuns }, () => ok) };
  if (options.http) runData.HTTP = [ok];
  return { executionId, mode: options.mode ?? 'trigger', status: options.status ?? 'success', data: { resultData: { runData: runData as never } } };
}

const monkedoLike = small({ name: 'helpers', priceBook: 'monkedo', allocation: 100_000_000, consecutiveFailureLimit: 3 });

function post(store: LedgerStore, run: ExecutionRun, workflowId: string | null = 'wf'): Promise<ExecutionRecord> {
  return store.recordExecution({
    workspaceId: 'w', executionId: run.executionId, workflowId, mode: run.mode, status: run.status,
    price: (state) => {
      const priced = priceExecution(run, workflow, getPriceBook('monkedo'), monkedoLike, state);
      return { charges: priced.charges.map((c) => ({ key: c.key, millicredits: c.millicredits, executionId: c.executionId, nodeName: c.nodeName, runIndex: c.runIndex, kind: c.kind, workflowId, status: run.status })), state: priced.state };
    },
  });
}

async function rejectsWith(promise: Promise<unknown>, code: string): Promise<void> {
  await assert.rejects(promise, (error) => error instanceof LedgerError && error.code === code);
}

export function registerRegressions(name: string, open: StoreFactory): void {
  describe(`ledger defects over time: ${name}`, function () {
    this.timeout(60_000);
    let t = T0;
    let opened: OpenedStore;
    let store: LedgerStore;
    const charge = (key: string, millicredits: number, extra: Record<string, unknown> = {}) => store.charge({ workspaceId: 'w', key, millicredits, ...extra });
    const spent = async () => (await store.breakdown({ workspaceId: 'w', by: 'workflow' })).reduce((sum, r) => sum + r.millicredits, 0);
    // A pack of 5 credits for 5.00 USD, bought and paid through Stripe (issue 14), and money given back for it.
    const PACK = { id: 'p5', millicredits: 5_000, price: 500, currency: 'usd' };
    const buyPack = async () => {
      await store.createPurchase({ id: 'pur', workspaceId: 'w', provider: 'stripe', sessionId: 'cs', packId: 'p5', millicredits: 5_000, amount: 500, currency: 'usd', boughtBy: 'admin' });
      return store.confirmPayment({ provider: 'stripe', eventId: 'evt_paid', eventType: 'checkout.session.completed', sessionId: 'cs', amount: 500, currency: 'usd', workspaceId: 'w', paymentId: 'pi', customerId: null, paid: true });
    };
    const giveBack = (eventId: string, moneyBack: number, eventType = 'charge.refunded') => store.reversePayment({ provider: 'stripe', eventId, eventType, paymentId: 'pi', moneyBack, currency: 'usd' });
    const entryTypes = async () => (await store.listEntries({ workspaceId: 'w', limit: 100 })).sort((a, b) => a.id - b.id).map((e) => [e.type, e.millicredits, e.overdraft]);

    beforeEach(async () => {
      t = T0;
      opened = await open(() => t);
      store = opened.store;
    });
    afterEach(async () => {
      await opened.dispose();
    });

    it('repays an overdraft once: a year 50k in debt makes only the next year 50k short', async () => {
      await store.createWorkspace({ id: 'w', name: 'W', plan: small({ cycle: 'yearly', allocation: 100_000, exhaustion: 'overdraft' }), timeZone: 'UTC', anchorDay: 1 });
      await charge('a', 150_000);
      const indebted = await store.balance('w');
      t = Date.parse('2027-02-01T00:00:00.000Z');
      const repaying = await store.balance('w');
      t = Date.parse('2028-02-01T00:00:00.000Z');
      const later = await store.balance('w');
      // 100k − 150k = −50k; 2027's 100k repays 50k and leaves 50k; 2028 starts with its full 100k.
      assert.deepEqual(
        [indebted.totalAvailable, indebted.overdraft, repaying.remaining, repaying.totalAvailable, repaying.overdraft, later.remaining, later.totalAvailable, (await store.audit('w')).ok],
        [-50_000, 50_000, 50_000, 50_000, 0, 100_000, 100_000, true],
      );
    });

    it('gives back a reversed charge that went into debt already repaid, as a refund grant', async () => {
      await store.createWorkspace({ id: 'w', name: 'W', plan: small({ allocation: 10_000, exhaustion: 'overdraft' }), timeZone: 'UTC', anchorDay: 1 });
      await charge('a', 12_000);
      await store.addGrant({ workspaceId: 'w', kind: 'topup', millicredits: 5_000 });
      await store.reverse({ workspaceId: 'w', reversesKey: 'a' });
      const card = await store.balance('w');
      // 10k + 2k of debt; the top-up repays the 2k (3k left); the reversal puts 10k back on the allocation and
      // returns the repaid 2k as a refund: 10k + 3k + 2k = 15k, what there was with no charge at all.
      assert.deepEqual([card.remaining, card.topUps, card.other, card.totalAvailable, card.overdraft, (await store.audit('w')).ok], [10_000, 3_000, 2_000, 15_000, 0, true]);
    });

    it('takes a pack refunded before any of it was spent back off its grant, as no debt and no usage', async () => {
      await store.createWorkspace({ id: 'w', name: 'W', plan: small({ allocation: 10_000, topUps: { packs: [PACK], lifetime: { kind: 'plan' } } }), timeZone: 'UTC', anchorDay: 1 });
      await charge('a', 4_000, { workflowId: 'wf' });
      await buyPack();
      const outcome = await giveBack('evt_refund', 500);
      const card = await store.balance('w');
      // The 4,000 came off the allocation (priority 30 before top-ups' 50): the pack's 5,000 are all unspent, so
      // all 5,000 come off its grant; 6,000 left, nothing owed, and the report still says 4,000 spent.
      assert.deepEqual(
        [outcome.status === 'applied' ? [outcome.reclaimed, outcome.debt] : outcome.status, card.topUps, card.totalAvailable, card.overdraft, await spent(), await entryTypes(), (await store.audit('w')).ok],
        [[5_000, 0], 0, 6_000, 0, 4_000, [['charge', 4_000, 0], ['clawback', 0, 0]], true],
      );
    });

    it('makes the spent part of a refunded pack debt, repaid first by the next credits, and only once', async () => {
      await store.createWorkspace({ id: 'w', name: 'W', plan: small({ allocation: 10_000, topUps: { packs: [PACK], lifetime: { kind: 'plan' } } }), timeZone: 'UTC', anchorDay: 1 });
      await buyPack();
      await charge('a', 13_000);
      const partial = await giveBack('evt_refund_1', 300);
      const indebted = await store.balance('w');
      t = Date.parse('2026-02-01T00:00:00.000Z');
      const renewed = await store.balance('w');
      const rest = await giveBack('evt_refund_2', 500);
      const after = await store.balance('w');
      // 13,000 = the allocation's 10,000 + 3,000 of the pack (2,000 left). 300 of 500 back: ⌊5,000 × 300 ÷ 500⌋ =
      // 3,000: the 2,000 left come off the grant, 1,000 is debt (−1,000). February's 10,000 repay it: 9,000.
      // The rest of the money back: 5,000 − 3,000 = 2,000 more, none left on the grant, so all debt, repaid at
      // once from the allocation: 7,000 and nothing owed.
      assert.deepEqual(
        [
          partial.status === 'applied' ? [partial.reclaimed, partial.debt] : partial.status, indebted.totalAvailable, indebted.overdraft,
          renewed.remaining, renewed.overdraft, rest.status === 'applied' ? [rest.reclaimed, rest.debt] : rest.status, after.totalAvailable, after.overdraft,
        ],
        [[3_000, 1_000], -1_000, 1_000, 9_000, 0, [2_000, 2_000], 7_000, 0],
      );
      assert.deepEqual(await entryTypes(), [['charge', 13_000, 0], ['clawback', 0, 1_000], ['repayment', 0, -1_000], ['clawback', 0, 2_000], ['repayment', 0, -2_000]]);
      assert.equal((await store.audit('w')).ok, true);
    });

    it('takes a dispute after a partial refund only for what the refund did not take', async () => {
      await store.createWorkspace({ id: 'w', name: 'W', plan: small({ allocation: 10_000, topUps: { packs: [PACK], lifetime: { kind: 'plan' } } }), timeZone: 'UTC', anchorDay: 1 });
      await buyPack();
      const refund = await giveBack('evt_refund', 100);
      const dispute = await giveBack('evt_dispute', 500, 'charge.dispute.created');
      const [purchase] = await store.listPurchases('w');
      // 100 of 500: ⌊5,000 × 100 ÷ 500⌋ = 1,000; the dispute of the whole 500 takes 5,000 less those 1,000 = 4,000.
      // All unspent (the allocation goes first): 10,000 left, no debt.
      assert.deepEqual(
        [refund.status === 'applied' ? refund.reclaimed : refund.status, dispute.status === 'applied' ? dispute.reclaimed : dispute.status, purchase.reclaimed, purchase.moneyBack, (await store.balance('w')).totalAvailable],
        [1_000, 4_000, 5_000, 500, 10_000],
      );
    });

    it('changes nothing when the same plan is saved again', async () => {
      await store.createWorkspace({ id: 'w', name: 'W', plan: twentyMonthly, timeZone: 'UTC', anchorDay: 1 });
      await charge('a', 2_000_000);
      t = Date.parse('2026-02-10T00:00:00.000Z');
      await store.addGrant({ workspaceId: 'w', kind: 'topup', millicredits: 700_000 });
      await charge('b', 1_000_000);
      const before = await store.balance('w');
      const grants = (await store.listGrants('w', { all: true })).length;
      await store.setPlan('w', { ...twentyMonthly });
      await store.setPlan('w', Object.fromEntries(Object.entries(twentyMonthly).reverse()) as typeof twentyMonthly);
      assert.deepEqual([await store.balance('w'), (await store.listGrants('w', { all: true })).length], [before, grants]);
    });

    it('keeps paid top-ups and Twenty rollover through a monthly → yearly upgrade', async () => {
      await store.createWorkspace({ id: 'w', name: 'W', plan: twentyMonthly, timeZone: 'UTC', anchorDay: 1 });
      await charge('a', 2_000_000);
      t = Date.parse('2026-02-10T00:00:00.000Z');
      await store.addGrant({ workspaceId: 'w', kind: 'topup', millicredits: 1_000_000 });
      await charge('b', 1_000_000);
      await store.setPlan('w', twentyYearly);
      const upgraded = await store.balance('w');
      t = Date.parse('2026-06-01T00:00:00.000Z');
      const june = await store.balance('w');
      // January left 3M, carried as rollover; February's 1M charge took rollover first (priority 20): 2M left.
      // The yearly plan: 50M less the 0 February's allocation gave; rollover and top-up kept until 2027-01-01.
      // Consumed this (yearly) period, from 2026-01-01: 2M + 1M.
      assert.deepEqual(
        [upgraded.remaining, upgraded.rollover, upgraded.topUps, upgraded.resetsAt, upgraded.consumedThisPeriod, june.rollover, june.remaining],
        [50_000_000, 2_000_000, 1_000_000, '2027-01-01T00:00:00.000Z', 3_000_000, 2_000_000, 50_000_000],
      );
    });

    it('never resets what the period used when the plan goes up and down', async () => {
      await store.createWorkspace({ id: 'w', name: 'W', plan: small({ allocation: 10_000 }), timeZone: 'UTC', anchorDay: 1 });
      await charge('a', 4_000);
      await store.setPlan('w', small({ allocation: 12_000 }));
      const up = (await store.balance('w')).remaining;
      await store.setPlan('w', small({ allocation: 3_000 }));
      const down = (await store.balance('w')).remaining;
      await store.setPlan('w', small({ allocation: 10_000, exhaustion: 'stop' }));
      const back = (await store.balance('w')).remaining;
      // 4k used this period: 12k − 4k = 8k; 3k − 4k → 0; 10k − 4k = 6k; never more than the plan minus the use.
      assert.deepEqual([up, down, back], [8_000, 0, 6_000]);
    });

    it('counts helper runs once when an execution is posted again (retries, resumes, sync)', async () => {
      await store.createWorkspace({ id: 'w', name: 'W', plan: monkedoLike, timeZone: 'UTC', anchorDay: 1 });
      const first = await post(store, execution('e1', 150, { status: 'waiting' }));
      const again = await post(store, execution('e1', 150, { status: 'waiting' }));
      const resumed = await post(store, execution('e1', 250, { http: true }));
      const entries = await store.entriesOfExecution('w', 'e1');
      // 250 Code runs counted once: helper charges at runs 100 and 200 (1 credit each), and one HTTP run (1 credit).
      assert.deepEqual(
        [first.helperRuns.after, again.helperRuns.after, resumed.helperRuns.after, entries.map((e) => [e.key, e.millicredits, e.status])],
        [150, 150, 250, [['e1:Code:99:helper', 1_000, 'success'], ['e1:Code:199:helper', 1_000, 'success'], ['e1:HTTP:0:run', 1_000, 'success']]],
      );
    });

    it('counts concurrent executions of one workspace exactly: 10 × 50 helper runs charge 5 credits', async () => {
      await store.createWorkspace({ id: 'w', name: 'W', plan: monkedoLike, timeZone: 'UTC', anchorDay: 1 });
      await Promise.all(Array.from({ length: 10 }, (_, i) => post(store, execution(`c${i}`, 50))));
      // 500 helper runs, one credit each time the counter passes a multiple of 100.
      assert.deepEqual([(await store.balance('w')).consumedThisPeriod, (await store.addHelperRuns('w', 0)).after], [5_000, 500]);
    });

    it('answers duplicate, not conflict, for the runs before a Wait when the execution resumes', async () => {
      await store.createWorkspace({ id: 'w', name: 'W', plan: monkedoLike, timeZone: 'UTC', anchorDay: 1 });
      await post(store, execution('e1', 0, { status: 'waiting', http: true }));
      const resumed = await post(store, execution('e1', 100, { status: 'success', http: true }));
      assert.deepEqual(resumed.outcomes.map((o) => [o.key, o.status]), [['e1:Code:99:helper', 'recorded'], ['e1:HTTP:0:run', 'duplicate']]);
    });

    it('opens the circuit breaker on production failures only, each execution counted once', async () => {
      await store.createWorkspace({ id: 'w', name: 'W', plan: monkedoLike, timeZone: 'UTC', anchorDay: 1 });
      for (let i = 0; i < 5; i++) await post(store, execution(`editor${i}`, 1, { mode: 'manual', status: 'error' }));
      const afterEditor = await store.getFailureCount('w', 'wf');
      for (let i = 0; i < 5; i++) await post(store, execution('prod', 1, { status: 'error' }));
      const afterRedelivery = await store.getFailureCount('w', 'wf');
      await post(store, execution('waiting', 1, { status: 'waiting' }));
      // Editor runs count for nothing, five posts of one failed execution count once, a waiting one not yet.
      assert.deepEqual([afterEditor.consecutiveFailures, afterRedelivery.consecutiveFailures, (await store.getFailureCount('w', 'wf')).consecutiveFailures], [0, 1, 1]);
    });

    it('reports a charge dated 2001 or 2999 in the period that paid for it', async () => {
      await store.createWorkspace({ id: 'w', name: 'W', plan: small({ allocation: 10_000 }), timeZone: 'UTC', anchorDay: 1 });
      await charge('old', 1_000, { workflowId: 'wf', occurredAt: '2001-01-01T00:00:00.000Z' });
      await charge('future', 2_000, { workflowId: 'wf', occurredAt: '2999-01-01T00:00:00.000Z' });
      const entries = await store.listEntries({ workspaceId: 'w', from: '2026-01-01T00:00:00.000Z' });
      assert.deepEqual([await spent(), (await store.balance('w')).consumedThisPeriod, entries.map((e) => e.occurredAt)], [
        3_000, 3_000, ['2999-01-01T00:00:00.000Z', '2001-01-01T00:00:00.000Z'],
      ]);
    });

    it('refuses a charge that would take the debt past 2^53 and keeps every total exact', async () => {
      await store.createWorkspace({ id: 'w', name: 'W', plan: small({ allocation: 0, exhaustion: 'overdraft' }), timeZone: 'UTC', anchorDay: 1 });
      for (let i = 0; i < 9; i++) await charge(`big${i}`, 1e15);
      await rejectsWith(charge('one-more', 1e15), 'invalid-amount');
      await rejectsWith(charge('max', Number.MAX_SAFE_INTEGER), 'invalid-amount');
      const audit = await store.audit('w');
      // 9 × 10^15 = 9,000,000,000,000,000 < 2^53 − 1 = 9,007,199,254,740,991; a tenth would pass it.
      assert.deepEqual([(await store.balance('w')).overdraft, audit.ok, audit.netCharged, audit.entries], [9e15, true, 9e15, 9]);
    });

    it('answers duplicate when a settlement is retried with its key', async () => {
      await store.createWorkspace({ id: 'w', name: 'W', plan: small({ allocation: 10_000 }), timeZone: 'UTC', anchorDay: 1 });
      const held = await store.reserve({ workspaceId: 'w', key: 'r', millicredits: 3_000 });
      assert.equal(held.status, 'reserved');
      const reservationId = (held as { reservation: { id: string } }).reservation.id;
      const first = await store.settle({ reservationId, key: 's', millicredits: 2_000 });
      const retry = await store.settle({ reservationId, key: 's', millicredits: 2_000 });
      const changed = await store.settle({ reservationId, key: 's', millicredits: 2_500 });
      // Settled for 2k of the 3k held: 8k left, whatever the retries.
      assert.deepEqual([first.status, retry.status, changed.status, (await store.balance('w')).totalAvailable], ['recorded', 'duplicate', 'conflict', 8_000]);
    });

    it('answers a settlement whose key another entry holds as a conflict, even after its hold expired', async () => {
      await store.createWorkspace({ id: 'w', name: 'W', plan: small({ allocation: 10_000 }), timeZone: 'UTC', anchorDay: 1 });
      const held = await store.reserve({ workspaceId: 'w', key: 'r', millicredits: 1_000 });
      await charge('s', 500);
      t += 86_400_000;
      const reservationId = (held as { reservation: { id: string } }).reservation.id;
      const settled = await store.settle({ reservationId, key: 's', millicredits: 500 });
      // The key "s" is a charge; a settlement under it is a different entry type. 10,000 − 500 left.
      assert.deepEqual([settled.status, (await store.balance('w')).totalAvailable, (await store.audit('w')).ok], ['conflict', 9_500, true]);
    });

    it('keeps a rolled period whole when a call that rolled it answers early', async () => {
      await store.createWorkspace({ id: 'w', name: 'W', plan: small({ allocation: 10_000 }), timeZone: 'UTC', anchorDay: 1 });
      await store.addGrant({ workspaceId: 'w', kind: 'promo', millicredits: 1_000, key: 'g' });
      t = Date.parse('2026-02-02T00:00:00.000Z');
      await store.addGrant({ workspaceId: 'w', kind: 'promo', millicredits: 1_000, key: 'g' });
      const grants = (await store.listGrants('w', { all: true })).filter((g) => g.kind === 'allocation').length;
      // January's allocation and February's, one each: a second roll would have issued February's twice.
      assert.deepEqual([grants, (await store.balance('w')).remaining], [2, 10_000]);
    });

    it('says in each recorded charge the balance right after it, under concurrent writers', async () => {
      await store.createWorkspace({ id: 'w', name: 'W', plan: small({ allocation: 1_000 }), timeZone: 'UTC', anchorDay: 1 });
      const outcomes = await Promise.all(Array.from({ length: 20 }, (_, i) => charge(`k${i}`, 1)));
      const balances = outcomes.map((o) => (o.status === 'recorded' ? o.balance : null)).sort((a, b) => (b ?? 0) - (a ?? 0));
      // 20 charges of 1 mc from 1,000: every balance from 999 down to 980, each once.
      assert.deepEqual(balances, Array.from({ length: 20 }, (_, i) => 999 - i));
    });

    it('records every step of an execution that runs out under pause, as debt a top-up repays first', async () => {
      await store.createWorkspace({ id: 'w', name: 'W', plan: small({ allocation: 1_000, exhaustion: 'pause' }), timeZone: 'UTC', anchorDay: 1 });
      const steps = [];
      for (const n of [1, 2, 3]) steps.push(await charge(`x1:Step ${n}:0:run`, 600, { executionId: 'x1' }));
      const indebted = await store.balance('w');
      const plain = await charge('no-execution', 1);
      await store.addGrant({ workspaceId: 'w', kind: 'topup', millicredits: 2_000 });
      const repaid = await store.balance('w');
      // 1,000 − 3 × 600 = −800 owed; a charge naming no execution is still refused; the top-up of 2,000 repays
      // the 800 first and leaves 1,200.
      assert.deepEqual(
        [steps.map((o) => o.status), steps.map((o) => (o.status === 'recorded' ? o.overdraft : null)), indebted.totalAvailable, indebted.overdraft, plain.status, repaid.totalAvailable, repaid.overdraft, (await store.audit('w')).ok],
        [['recorded', 'recorded', 'recorded'], [0, 200, 800], -800, 800, 'refused', 1_200, 0, true],
      );
    });

    it('records an execution\'s steps past the daily limit and a member\'s allocation under pause, not under stop', async () => {
      await store.createWorkspace({ id: 'w', name: 'W', plan: small({ allocation: 100_000, dailyLimit: 1_000, exhaustion: 'pause', memberAllocations: true }), timeZone: 'UTC', anchorDay: 1 });
      await store.addMember({ workspaceId: 'w', memberId: 'm', allocation: 1_500 });
      const paused = [];
      for (const n of [1, 2, 3]) paused.push((await charge(`x1:Step ${n}:0:run`, 600, { executionId: 'x1', memberId: 'm' })).status);
      const card = await store.balance('w');
      await store.setPlan('w', small({ allocation: 100_000, dailyLimit: 1_000, exhaustion: 'stop', memberAllocations: true }));
      const stopped = (await charge('x2:Step 1:0:run', 600, { executionId: 'x2' })).status;
      // 3 × 600 = 1,800 past the day's 1,000 and the member's 1,500; none owed (100,000 held). Under stop the day's
      // 1,800 already passes 1,000: refused.
      assert.deepEqual([paused, card.totalAvailable, card.dailyRemaining, card.overdraft, stopped], [['recorded', 'recorded', 'recorded'], 98_200, 0, 0, 'refused']);
    });
  });
}
