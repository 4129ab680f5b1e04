import assert from 'node:assert/strict';
import { fixture } from '../hook/helpers';
import { makeTestApp, pauseWith, type TestApp } from './helpers';

describe('no free work under pause (HTTP)', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await makeTestApp();
  });
  afterEach(async () => {
    await t.close();
  });

  const step = (n: number, extra: object = { executionId: 'exec-1' }) => ({ key: `exec-1:Step ${n}:0:run`, millicredits: 600, workflowId: 'wf1', mode: 'webhook', ...extra });
  const usage = (payload: object) => t.call('meter', { method: 'POST', url: '/v1/usage', payload });
  const get = async (url: string) => (await t.call('admin', { method: 'GET', url })).json();

  it('records all three 0.6-credit steps of an execution on 1.0 credit, 0.8 as debt; refuses the next one; a top-up of 2 repays 0.8 first', async () => {
    await pauseWith(t, 1_000);
    const statuses = [];
    for (const n of [1, 2, 3]) statuses.push((await usage(step(n))).statusCode);
    // 1000 − 3 × 600 = −800.
    const card = await get('/v1/balance');
    assert.deepEqual([statuses, card.totalAvailable, card.overdraft, card.consumedThisPeriod], [[201, 201, 201], -800, 800, 1_800]);
    const admission = await get('/v1/admission?workflowId=wf1&mode=webhook');
    assert.deepEqual([admission.allowed, admission.reason, admission.missing], [false, 'credits-exhausted', 800]);
    assert.equal(admission.message, `n8n Credits: 0.8 credits missing to start workflow "wf1": the workspace owes 0.8 credits (plan twenty, policy pause); executions are paused until credits renew at ${card.resetsAt} or a top-up is added`);
    await t.store.addGrant({ workspaceId: t.ws.id, kind: 'topup', millicredits: 2_000 });
    // 2000 − 800 repaid = 1200 left.
    const after = await get('/v1/balance');
    assert.deepEqual([after.totalAvailable, after.overdraft, (await get('/v1/admission?workflowId=wf1&mode=webhook')).allowed], [1_200, 0, true]);
  });

  it('still refuses a charge past zero that names no execution (402, nothing recorded)', async () => {
    await pauseWith(t, 1_000);
    const res = await usage(step(1, { executionId: null, millicredits: 1_001 }));
    assert.deepEqual([res.statusCode, res.json().outcome.reason, (await get('/v1/balance')).totalAvailable], [402, 'insufficient-credits', 1_000]);
  });

  it('records every node run of an execution posted past zero (1 + 10 credits on 1 credit: 10 owed)', async () => {
    await pauseWith(t, 1_000);
    const { run, workflow, executionId } = fixture('linear');
    const res = await t.call('meter', { method: 'POST', url: '/v1/executions', payload: { workflow, run: { ...run, mode: 'webhook' }, executionId, workflowId: 'wf-1' } });
    const card = await get('/v1/balance');
    assert.deepEqual([res.statusCode, res.json().recorded, res.json().refused, card.totalAvailable, card.overdraft], [200, 2, 0, -10_000, 10_000]);
  });

  it('records an execution\'s steps past the daily limit (1 credit a day, 3 × 0.6) and then refuses new executions until midnight', async () => {
    await pauseWith(t, 100_000, { dailyLimit: 1_000 });
    const statuses = [];
    for (const n of [1, 2, 3]) statuses.push((await usage(step(n))).statusCode);
    const card = await get('/v1/balance');
    const admission = await get('/v1/admission?workflowId=wf1&mode=webhook');
    assert.deepEqual([statuses, card.totalAvailable, card.dailyRemaining, card.overdraft], [[201, 201, 201], 98_200, 0, 0]);
    assert.deepEqual([admission.allowed, admission.reason, admission.renewsAt], [false, 'daily-limit', card.dailyResetsAt]);
  });

  it('stop: still refuses an execution\'s charge past zero', async () => {
    await pauseWith(t, 1_000, { exhaustion: 'stop' });
    const statuses = [];
    for (const n of [1, 2]) statuses.push((await usage(step(n))).statusCode);
    assert.deepEqual([statuses, (await get('/v1/balance')).totalAvailable], [[201, 402], 400]);
  });
});
