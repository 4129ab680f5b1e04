import assert from 'node:assert/strict';
import { getPlan } from '../../../shared-pricing/src/plans/loadPlan';
import { makeTestApp, type TestApp } from './helpers';

describe('GET /v1/admission', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await makeTestApp();
  });
  afterEach(async () => {
    await t.close();
  });

  async function usePausePlan(allocation: number, dailyLimit: number | null): Promise<void> {
    await t.store.setPlan(t.ws.id, { ...getPlan('monkedo'), allocation, dailyLimit });
  }

  async function admission(query: string) {
    const res = await t.call('meter', { method: 'GET', url: `/v1/admission?${query}` });
    assert.equal(res.statusCode, 200, res.body);
    return res.json();
  }

  it('admits a webhook execution while credits remain', async () => {
    await usePausePlan(5000, null);
    const body = await admission('mode=webhook&workflowId=wf1');
    assert.deepEqual([body.allowed, body.reason, body.totalAvailable], [true, null, 5000]);
  });

  it('refuses a webhook execution of a depleted workspace under pause, saying when credits renew', async () => {
    await usePausePlan(1000, null);
    await t.store.charge({ workspaceId: t.ws.id, key: 'x:a:0:run', millicredits: 1000 });
    const card = await t.store.balance(t.ws.id);
    const body = await admission('mode=webhook&workflowId=wf1');
    assert.deepEqual([body.allowed, body.reason, body.renewsAt], [false, 'credits-exhausted', card.resetsAt]);
    assert.match(body.message, new RegExp(`no credits left .* until credits renew at ${card.resetsAt}`));
  });

  it('refuses when the daily limit is used, renewing at the next midnight', async () => {
    await usePausePlan(100000, 2000);
    await t.store.charge({ workspaceId: t.ws.id, key: 'x:a:0:run', millicredits: 2000 });
    const card = await t.store.balance(t.ws.id);
    const body = await admission('mode=trigger');
    assert.deepEqual([body.allowed, body.reason, body.renewsAt], [false, 'daily-limit', card.dailyResetsAt]);
  });

  it('admits an editor run of a depleted workspace', async () => {
    await usePausePlan(1000, null);
    await t.store.charge({ workspaceId: t.ws.id, key: 'x:a:0:run', millicredits: 1000 });
    const body = await admission('mode=manual&workflowId=wf1');
    assert.deepEqual([body.allowed, body.reason], [true, null]);
  });

  it('admits a depleted workspace whose policy is not pause', async () => {
    await t.store.setPlan(t.ws.id, { ...getPlan('twenty'), allocation: 1000, exhaustion: 'stop' });
    await t.store.charge({ workspaceId: t.ws.id, key: 'x:a:0:run', millicredits: 1000 });
    const body = await admission('mode=webhook');
    assert.deepEqual([body.allowed, body.exhaustion], [true, 'stop']);
  });

  it('refuses a workflow whose consecutive failures reached the plan limit', async () => {
    await usePausePlan(100000, null);
    for (let i = 0; i < 5; i++) await t.store.recordExecutionOutcome(t.ws.id, 'wf1', false);
    const body = await admission('mode=trigger&workflowId=wf1');
    assert.deepEqual([body.allowed, body.reason, body.consecutiveFailures], [false, 'circuit-open', 5]);
  });

  it('admits another workflow while one workflow\'s breaker is open', async () => {
    await usePausePlan(100000, null);
    for (let i = 0; i < 5; i++) await t.store.recordExecutionOutcome(t.ws.id, 'wf1', false);
    const body = await admission('mode=trigger&workflowId=wf2');
    assert.deepEqual([body.allowed, body.consecutiveFailures], [true, 0]);
  });

  it('answers 401 without a key', async () => {
    const res = await t.call(null, { method: 'GET', url: '/v1/admission' });
    assert.equal(res.statusCode, 401);
  });
});
