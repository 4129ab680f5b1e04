/**
 * Out of credits under `pause`, in the real n8n app (n8n@2.0.3) with the packed community package, the hook and a
 * real `n8n-credits serve`: an execution that runs out midway is charged for every node run (the rest as debt),
 * the next webhook execution is refused with the message, a Guard-parked execution resumes once an admin tops up,
 * and another at the renewal. Both processes run on one fake clock (libfaketime, the same offset) that starts a
 * few minutes before the period ends, so the renewal happens during the test.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { priceBookOf } from '../../ledger/src/http/pricing';
import { priceExecution } from '../../shared-pricing/src/execution/priceExecution';
import type { ExecutionRun, Workflow } from '../../shared-pricing/src/execution/types';
import { getPlan } from '../../shared-pricing/src/plans/loadPlan';
import { buildLedger, eventually, freePort, Ledger, N8n, packCommunityPackage, setupN8n, sleep } from './n8n/harness';

const FAKETIME_LIB = '/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1';
/** The period of the ledger's default workspace (anchor day 1, UTC) ends here; the fake clock starts before it. */
const RENEWAL = Date.UTC(2027, 0, 1);
const START_BEFORE_RENEWAL_MS = 8 * 60_000;

describe('n8n app out of credits under pause: debt, refusal, park and resume', function () {
  this.timeout(600_000);
  let root: string;
  let ledger: Ledger;
  let n8n: N8n;
  /** The fake clock both processes run on: real time plus this offset. */
  let offsetMs: number;
  const fakeNow = () => Date.now() + offsetMs;
  const plan = { ...getPlan('twenty'), allocation: 3000, rolloverCap: 0, exhaustion: 'pause' as const };

  async function pricing(executionId: string): Promise<Record<string, number>> {
    const e = await n8n.execution(executionId);
    const run: ExecutionRun = { executionId, mode: e.mode, status: e.status, data: e.data as ExecutionRun['data'] };
    const priced = priceExecution(run, e.workflowData as unknown as Workflow, priceBookOf(plan), plan, { helperRuns: 0 });
    return Object.fromEntries(priced.charges.map((c) => [c.key, c.millicredits]));
  }

  const available = async () => (await ledger.api('GET', '/v1/balance')).body.totalAvailable as number;
  /** Spends what is left above `keep` millicredits with a plain usage event, as another workflow would. */
  async function leave(keep: number, key: string): Promise<void> {
    const spend = (await available()) - keep;
    if (spend > 0) assert.equal((await ledger.api('POST', '/v1/usage', { key, millicredits: spend })).status, 201);
    assert.equal(await available(), keep);
  }
  const statusOf = async (id: string) => (await n8n.execution(id)).status;
  const parkedList = async () => (await ledger.api('GET', '/v1/parked')).body.parked as Array<{ executionId: string; status: string; needMillicredits: number }>;
  const parkedStatus = async (id: string) => (await parkedList()).find((p) => p.executionId === id)?.status;
  /**
   * Starts a Guard execution through its webhook and waits until the ledger has it parked and n8n has it waiting.
   * The id comes from the ledger: n8n's public API lists no execution while it waits.
   */
  async function parkOne(order: string): Promise<string> {
    const known = new Set((await parkedList()).map((p) => p.executionId));
    const res = await n8n.webhook('credits-e2e-guard', { order });
    assert.equal(res.status, 200, res.body);
    try {
      const id = await eventually(async () => (await parkedList()).find((p) => !known.has(p.executionId) && p.status === 'waiting')?.executionId, 30_000, 'the Guard execution parked with the ledger');
      await eventually(async () => ((await statusOf(id)) === 'waiting' ? true : undefined), 30_000, `n8n to have execution ${id} waiting`);
      return id;
    } catch (error) {
      // Say what the ledger holds instead, and what n8n logged.
      throw new Error(`${(error as Error).message}; the ledger's parked list: ${JSON.stringify(await parkedList())}\n${n8n.server?.output.slice(-3000)}`);
    }
  }

  before(async function () {
    this.timeout(30 * 60 * 1000);
    const bin = setupN8n();
    buildLedger();
    root = mkdtempSync(join(tmpdir(), 'credits-n8n-pause-e2e-'));
    // Whole seconds, as libfaketime takes them: this test's idea of the fake time is then the processes' own.
    const offsetSeconds = Math.round((RENEWAL - START_BEFORE_RENEWAL_MS - Date.now()) / 1000);
    offsetMs = offsetSeconds * 1000;
    const clock = { LD_PRELOAD: FAKETIME_LIB, FAKETIME: `+${offsetSeconds}`, FAKETIME_DONT_FAKE_MONOTONIC: '1' };
    ledger = new Ledger(await freePort(), join(root, 'ledger'), clock);
    await ledger.start();
    assert.equal((await ledger.api('PUT', '/v1/plan', { plan })).status, 200);
    const port = await freePort();
    n8n = new N8n(bin, root, port, await freePort(), { N8N_CREDITS_URL: ledger.url, N8N_CREDITS_API_KEY: ledger.meterKey }, { ...clock, WEBHOOK_URL: `http://127.0.0.1:${port}/` });
    n8n.installCommunityPackage(packCommunityPackage(root));
    n8n.importCredential({ id: 'credE2eCredits01', name: 'Credits ledger', type: 'creditsApi', data: { url: ledger.url, apiKey: ledger.meterKey } });
    n8n.importWorkflow('midway.workflow.json', true);
    n8n.importWorkflow('guard.workflow.json', true);
    await n8n.start();
    await n8n.setupOwnerAndApiKey();
    assert.equal((await ledger.api('GET', '/v1/balance')).body.resetsAt, new Date(RENEWAL).toISOString());
  });

  after(async () => {
    await n8n?.stop();
    await ledger?.stop();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  let refusedId: string;

  it('charges every node run of an execution that runs out midway: 4 credits on 3, 1 as debt', async () => {
    // Admission prices the workflow at 2.5 credits expected (Is Big 1, then 3 steps on half the runs): 3 cover it.
    const res = await n8n.webhook('credits-e2e-midway', { big: 'yes' });
    assert.equal(res.status, 200, res.body);
    const [id] = await n8n.executionIds();
    const want = await pricing(id!);
    assert.deepEqual(Object.values(want).reduce((a, b) => a + b, 0), 4000);
    const entries = await eventually(async () => {
      const e = await ledger.entries(id!);
      return Object.keys(e).length === 4 ? e : undefined;
    }, 30_000, 'four entries');
    assert.deepEqual(entries, want);
    assert.equal(await available(), -1000);
  });

  it('refuses the next webhook execution, saying what is missing and when credits renew', async () => {
    const res = await n8n.webhook('credits-e2e-midway', { big: 'no' });
    // All n8n lets a caller of a "when last node finishes" webhook see: a 500 with one of its generic messages (both
    // were seen here); the reason is only in the execution (docs/plans.md).
    const answer = JSON.parse(res.body) as { message?: string };
    assert.deepEqual([res.status, ['Error in workflow', 'No item to return was found'].includes(answer.message ?? '')], [500, true], res.body);
    [refusedId] = (await n8n.executionIds()) as [string];
    const e = await n8n.execution(refusedId);
    assert.equal(e.status, 'error');
    assert.equal(e.data.resultData.error?.message, `n8n Credits: 3.5 credits missing to start workflow "credits e2e midway" (estimated at 2.5 credits per execution, expected): the workspace owes 1 credit (plan twenty, policy pause); executions are paused until credits renew at ${new Date(RENEWAL).toISOString()} or a top-up is added`);
    assert.deepEqual(await ledger.entries(refusedId), {});
  });

  it('parks a Guard execution the balance does not cover and resumes it within seconds of an admin top-up', async () => {
    // A top-up repays the debt first; then 2 credits are left: enough to start (1 expected), not for the Guard's 5.
    assert.equal((await ledger.api('POST', '/v1/topups', { packId: 'twenty-1m' })).status, 201);
    await leave(2000, 'e2e-spend-1');
    const id = await parkOne('P-1');
    await sleep(3000);
    // One item at the Guard's 5 credits: what the balance must cover before the ledger resumes it.
    const row = (await parkedList()).find((p) => p.executionId === id);
    assert.deepEqual([await statusOf(id), row?.status, row?.needMillicredits], ['waiting', 'waiting', 5000]);
    assert.equal((await ledger.api('POST', '/v1/topups', { packId: 'twenty-1m' })).status, 201);
    const e = await eventually(async () => {
      const x = await n8n.execution(id);
      return x.status === 'success' ? x : undefined;
    }, 30_000, `execution ${id} resumed`);
    assert.ok(fakeNow() < RENEWAL - 60_000, 'resumed by the top-up, before the renewal');
    assert.deepEqual(Object.keys(e.data.resultData.runData).sort(), ['After Guard', 'Guard', 'Webhook']);
    assert.equal(await parkedStatus(id), 'resumed');
    const entries = await eventually(async () => {
      const x = await ledger.entries(id);
      return Object.keys(x).length > 0 ? x : undefined;
    }, 30_000, 'the resumed execution\'s entries');
    assert.deepEqual(entries, await pricing(id));
    assert.deepEqual(entries, { [`${id}:After Guard:0:run`]: 1000 });
  });

  it('never runs the refused execution later', async () => {
    const e = await n8n.execution(refusedId);
    assert.deepEqual([e.status, Object.keys(e.data.resultData.runData), await ledger.entries(refusedId)], ['error', ['Webhook'], {}]);
  });

  let atRenewal: string;

  it('keeps a parked execution waiting when its resume URL is called without the ledger\'s token', async () => {
    await leave(2000, 'e2e-spend-2');
    atRenewal = await parkOne('P-2');
    const bare = await fetch(`${n8n.url}/webhook-waiting/${atRenewal}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    const forged = await fetch(`${n8n.url}/webhook-waiting/${atRenewal}?credits=${'0'.repeat(40)}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    assert.deepEqual([bare.status, forged.status], [403, 403]);
    await sleep(2000);
    assert.deepEqual([await statusOf(atRenewal), await parkedStatus(atRenewal)], ['waiting', 'waiting']);
  });

  it('resumes the other parked execution at the renewal, on n8n\'s own timer', async function () {
    this.timeout(15 * 60_000);
    const e = await eventually(async () => {
      const x = await n8n.execution(atRenewal);
      return x.status === 'success' ? x : undefined;
    }, RENEWAL - fakeNow() + 5 * 60_000, `execution ${atRenewal} resumed at the renewal`);
    // n8n's timer fires at the renewal by its clock; this poll sees it up to one poll later, never a poll earlier.
    assert.ok(fakeNow() >= RENEWAL - 1000, `resumed at ${new Date(fakeNow()).toISOString()}, before the renewal`);
    assert.deepEqual(Object.keys(e.data.resultData.runData).sort(), ['After Guard', 'Guard', 'Webhook']);
    assert.equal(await eventually(async () => ((await parkedStatus(atRenewal)) === 'renewal' ? 'renewal' : undefined), 60_000, 'the park handed to the renewal'), 'renewal');
    // Its run after the Guard is charged, and in the new period: the renewal is what let it go on.
    const entries = await eventually(async () => {
      const got = (await ledger.api('GET', `/v1/executions/${atRenewal}/entries`)).body.entries as Array<{ key: string; millicredits: number; recordedAt: string }> | undefined;
      return got && got.length > 0 ? got : undefined;
    }, 30_000, 'the resumed run charged');
    assert.deepEqual(entries.map((x) => [x.key, x.millicredits, Date.parse(x.recordedAt) >= RENEWAL]), [[`${atRenewal}:After Guard:0:run`, 1000, true]]);
    assert.deepEqual(Object.fromEntries(entries.map((x) => [x.key, x.millicredits])), await pricing(atRenewal));
  });
});
