import assert from 'node:assert/strict';
import { WorkflowEstimates } from '../../../ledger/src/http/workflowEstimates';
import { makeTestApp, pauseWith, type TestApp } from './helpers';

// Hand counts from the twenty price book (docs/plans.md): a trigger is free, Set and If 1 credit each, Code 10.
const node = (name: string, type: string) => ({ name, type, typeVersion: 1, position: [0, 0], parameters: {} });
const trigger = node('Start', 'n8n-nodes-base.manualTrigger');
/** Start → Set → Code: 1 + 10 = 11 credits per execution. */
const linear = (versionId: string | null, withCode = true) => ({
  id: 'wf-linear', versionId, name: 'Linear',
  nodes: [trigger, node('Set', 'n8n-nodes-base.set'), ...(withCode ? [node('Code', 'n8n-nodes-base.code')] : [])],
  connections: { Start: { main: [[{ node: 'Set', type: 'main', index: 0 }]] }, ...(withCode ? { Set: { main: [[{ node: 'Code', type: 'main', index: 0 }]] } } : {}) },
});
/**
 * Start → If → (Yes | No), one item: the If runs once (1 credit); each branch gets the item with share 0.5
 * (docs/assumptions.md), so expected 1 + 0.5 + 0.5 = 2 credits and max 1 + 1 + 1 = 3 credits.
 */
const branching = {
  id: 'wf-if', versionId: 'if-1', name: 'Branching',
  nodes: [trigger, node('If', 'n8n-nodes-base.if'), node('Yes', 'n8n-nodes-base.set'), node('No', 'n8n-nodes-base.set')],
  connections: { Start: { main: [[{ node: 'If', type: 'main', index: 0 }]] }, If: { main: [[{ node: 'Yes', type: 'main', index: 0 }], [{ node: 'No', type: 'main', index: 0 }]] } },
};

describe('admission on the workflow\'s estimate', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await makeTestApp();
  });
  afterEach(async () => {
    await t.close();
  });

  async function admit(workflow: object, mode = 'webhook') {
    const res = await t.call('meter', { method: 'POST', url: '/v1/admission', payload: { workflow, mode } });
    assert.equal(res.statusCode, 200, res.body);
    return res.json();
  }

  async function ask(query: string) {
    const res = await t.call('meter', { method: 'GET', url: `/v1/admission?${query}` });
    assert.equal(res.statusCode, 200, res.body);
    return res.json();
  }

  it('refuses a workspace 0.4 credits short of the estimate, saying what is missing and when credits renew', async () => {
    await pauseWith(t, 10_600);
    const card = await t.store.balance(t.ws.id);
    const body = await admit(linear('v1'));
    assert.deepEqual([body.allowed, body.reason, body.missing, body.estimate, body.renewsAt], [false, 'insufficient-credits', 400, { millicredits: 11_000, figure: 'expected', versionId: 'v1' }, card.resetsAt]);
    assert.equal(body.message, `n8n Credits: 0.4 credits missing to start workflow "Linear" (estimated at 11 credits per execution, expected): 10.6 credits available (plan twenty, policy pause); executions are paused until credits renew at ${card.resetsAt} or a top-up is added`);
  });

  it('admits a workspace whose balance covers the estimate exactly (11 credits)', async () => {
    await pauseWith(t, 11_000);
    const body = await admit(linear('v1'));
    assert.deepEqual([body.allowed, body.reason, body.missing], [true, null, null]);
  });

  it('compares the max figure when the plan says so (2.5 credits: covers the expected 2, not the max 3)', async () => {
    await pauseWith(t, 2_500);
    const expected = await admit(branching);
    await pauseWith(t, 2_500, { admissionEstimate: 'max' });
    const max = await admit(branching);
    assert.deepEqual([expected.allowed, expected.estimate.millicredits, max.allowed, max.estimate, max.missing], [true, 2_000, false, { millicredits: 3_000, figure: 'max', versionId: 'if-1' }, 500]);
  });

  it('refuses under the daily limit when today\'s rest cannot cover the estimate (5 left today, 11 estimated)', async () => {
    await pauseWith(t, 100_000, { dailyLimit: 5_000 });
    const card = await t.store.balance(t.ws.id);
    const body = await admit(linear('v1'));
    assert.deepEqual([body.allowed, body.reason, body.missing, body.renewsAt], [false, 'daily-limit', 6_000, card.dailyResetsAt]);
    assert.match(body.message, /^n8n Credits: 6 credits missing today to start workflow "Linear" .*until it renews at /);
  });

  it('admits any estimate under stop and overdraft (charges decide there)', async () => {
    await pauseWith(t, 1_000, { exhaustion: 'stop' });
    const stop = await admit(linear('v1'));
    await pauseWith(t, 1_000, { exhaustion: 'overdraft' });
    const overdraft = await admit(linear('v1'));
    assert.deepEqual([stop.allowed, overdraft.allowed], [true, true]);
  });

  it('prices a workflow version once: the same version answers its first estimate, a new version is priced anew', async () => {
    await pauseWith(t, 100_000);
    const first = await admit(linear('v1'));
    // Same id and version with the Code node gone: n8n never does this, so the cached 11 credits prove the cache.
    const sameVersion = await admit(linear('v1', false));
    const newVersion = await admit(linear('v2', false));
    assert.deepEqual([first.estimate.millicredits, sameVersion.estimate.millicredits, newVersion.estimate], [11_000, 11_000, { millicredits: 1_000, figure: 'expected', versionId: 'v2' }]);
  });

  it('answers a GET by version from the cache, and asks for the workflow of a version it has not priced', async () => {
    await pauseWith(t, 10_600);
    await admit(linear('v1'));
    const known = await ask('workflowId=wf-linear&versionId=v1&mode=webhook');
    const unknown = await ask('workflowId=wf-linear&versionId=v3&mode=webhook');
    assert.deepEqual([known.allowed, known.estimate?.millicredits, known.workflowNeeded, known.missing], [false, 11_000, false, 400]);
    assert.match(known.message, /^n8n Credits: 0\.4 credits missing to start workflow "Linear" \(estimated at 11 credits/);
    assert.deepEqual([unknown.allowed, unknown.estimate, unknown.workflowNeeded], [true, null, true]);
  });

  it('keeps the GET without a version working: refused only when nothing is left', async () => {
    await pauseWith(t, 10_600);
    const body = await ask('workflowId=wf-linear&mode=webhook');
    assert.deepEqual([body.allowed, body.estimate, body.workflowNeeded], [true, null, false]);
  });

  it('names a workflow without a version by a hash of its nodes and connections', async () => {
    await pauseWith(t, 100_000);
    const a = await admit(linear(null));
    const again = await admit(linear(null));
    const changed = await admit(linear(null, false));
    assert.match(a.estimate.versionId, /^sha256:[0-9a-f]{64}$/);
    assert.deepEqual([again.estimate.versionId === a.estimate.versionId, changed.estimate.versionId === a.estimate.versionId, changed.estimate.millicredits], [true, false, 1_000]);
  });

  it('admits an editor run whatever the estimate', async () => {
    await pauseWith(t, 1_000);
    const body = await admit(linear('v1'), 'manual');
    assert.deepEqual([body.allowed, body.reason], [true, null]);
  });

  it('answers 400 naming the field when the workflow has no nodes', async () => {
    const res = await t.call('meter', { method: 'POST', url: '/v1/admission', payload: { workflow: { connections: {} } } });
    assert.equal(res.statusCode, 400);
    assert.match(res.json().error.field, /workflow/);
  });
});

describe('WorkflowEstimates', () => {
  it('forgets the least recently used version past its capacity', async () => {
    const cache = new WorkflowEstimates(2);
    const analyze = async () => ({ perExecution: { expected: 1, min: 1, max: 1 }, nodes: [] });
    const price = (versionId: string) => cache.price('ws', 'twenty', { id: 'w', versionId, nodes: [], connections: {} }, analyze);
    await price('v1');
    await price('v2');
    cache.get('ws', 'twenty', 'w', 'v1');
    await price('v3');
    assert.deepEqual([cache.size, !!cache.get('ws', 'twenty', 'w', 'v1'), !!cache.get('ws', 'twenty', 'w', 'v2'), !!cache.get('ws', 'twenty', 'w', 'v3')], [2, true, false, true]);
  });
});
