import { strict as assert } from 'node:assert';
import { makeKey, ledgerState, makeTestApp, type TestApp } from './helpers';

describe('HTTP bad input', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await makeTestApp({ bodyLimit: 4096 });
    await t.call('meter', { method: 'POST', url: '/v1/usage', payload: { key: 'seed:1', millicredits: 1500, workflowId: 'wf1' } });
  });
  afterEach(async () => t.close());

  /** Sends a request and returns its status, error body and whether the ledger stayed as it was. */
  async function refused(options: Parameters<TestApp['call']>[1], role: 'admin' | 'meter' = 'meter') {
    const before = await ledgerState(t);
    const res = await t.call(role, options);
    const after = await ledgerState(t);
    return { status: res.statusCode, error: res.json().error as { code: string; field?: string; message: string }, unchanged: JSON.stringify(before) === JSON.stringify(after) };
  }

  it('answers 400 malformed_json for a body that is not JSON and records nothing', async () => {
    const r = await refused({ method: 'POST', url: '/v1/usage', headers: { 'content-type': 'application/json' }, payload: '{"key": "a", "millicredits": 1' });
    assert.deepEqual([r.status, r.error.code, r.error.field, r.unchanged], [400, 'malformed_json', 'body', true]);
  });

  it('names the field of a wrong type', async () => {
    const r = await refused({ method: 'POST', url: '/v1/usage', payload: { key: 'a', millicredits: '1000' } });
    assert.deepEqual([r.status, r.error.field, r.error.message, r.unchanged], [400, 'millicredits', 'millicredits must be integer', true]);
  });

  it('refuses a negative amount', async () => {
    const r = await refused({ method: 'POST', url: '/v1/usage', payload: { key: 'a', millicredits: -5 } });
    assert.deepEqual([r.status, r.error.field, r.error.message, r.unchanged], [400, 'millicredits', 'millicredits must be >= 0', true]);
  });

  it('refuses a fractional amount', async () => {
    const r = await refused({ method: 'POST', url: '/v1/usage', payload: { key: 'a', millicredits: 2.5 } });
    assert.deepEqual([r.status, r.error.field, r.unchanged], [400, 'millicredits', true]);
  });

  it('refuses an unknown field and names it', async () => {
    const r = await refused({ method: 'POST', url: '/v1/usage', payload: { key: 'a', millicredits: 5, credits: 5 } });
    assert.deepEqual([r.status, r.error.field, r.error.message, r.unchanged], [400, 'credits', 'unknown field "credits" in body', true]);
  });

  it('refuses a missing field and names it', async () => {
    const r = await refused({ method: 'POST', url: '/v1/usage', payload: { millicredits: 5 } });
    assert.deepEqual([r.status, r.error.field, r.unchanged], [400, 'key', true]);
  });

  it('refuses a whole batch when one event is bad, naming its index', async () => {
    const r = await refused({ method: 'POST', url: '/v1/usage/batch', payload: { events: [{ key: 'b1', millicredits: 5 }, { key: 'b2', millicredits: 1.25 }] } });
    assert.deepEqual([r.status, r.error.field, r.unchanged], [400, 'events.1.millicredits', true]);
  });

  it('answers 413 for a body over the limit', async () => {
    const events = Array.from({ length: 200 }, (_, i) => ({ key: `big:${i}`, millicredits: 1 }));
    const r = await refused({ method: 'POST', url: '/v1/usage/batch', payload: { events } });
    assert.deepEqual([r.status, r.error.code, r.unchanged], [413, 'body_too_large', true]);
  });

  it('answers 404 for a workspace the key does not belong to', async () => {
    const r = await refused({ method: 'POST', url: '/v1/usage?workspaceId=nope', payload: { key: 'a', millicredits: 5 } });
    assert.deepEqual([r.status, r.error.code, r.error.field, r.unchanged], [404, 'unknown-workspace', 'workspaceId', true]);
  });

  it('answers 404 for an unknown workspace named by an instance-wide key', async () => {
    const instanceKey = await makeKey(t.store, null, 'admin');
    const before = await ledgerState(t);
    const res = await t.app.inject({ method: 'POST', url: '/v1/usage?workspaceId=ghost', headers: { authorization: `Bearer ${instanceKey}` }, payload: { key: 'a', millicredits: 5 } });
    assert.deepEqual([res.statusCode, res.json().error.code, JSON.stringify(await ledgerState(t)) === JSON.stringify(before)], [404, 'unknown-workspace', true]);
  });

  it('answers 409 for a key recorded with another amount and debits nothing', async () => {
    const r = await refused({ method: 'POST', url: '/v1/usage', payload: { key: 'seed:1', millicredits: 1600, workflowId: 'wf1' } });
    assert.deepEqual([r.status, r.error.code, r.error.field, r.unchanged], [409, 'key-conflict', 'key', true]);
  });

  it('answers 400 for a top-up pack the plan does not have', async () => {
    const r = await refused({ method: 'POST', url: '/v1/topups', payload: { packId: 'free-money' } }, 'admin');
    assert.deepEqual([r.status, r.error.code, r.error.field, r.unchanged], [400, 'unknown-pack', 'packId', true]);
  });

  it('answers 400 for an unknown plan preset and keeps the plan', async () => {
    const r = await refused({ method: 'PUT', url: '/v1/plan', payload: { preset: 'gold' } }, 'admin');
    const ws = await t.store.getWorkspace(t.ws.id);
    assert.deepEqual([r.status, r.error.code, r.error.field, ws!.plan.name], [400, 'unknown-preset', 'preset', 'twenty']);
  });

  it('names the JSON path of a bad plan document', async () => {
    const r = await refused({ method: 'PUT', url: '/v1/plan', payload: { plan: { extends: 'twenty', allocation: -1 } } }, 'admin');
    assert.deepEqual([r.status, r.error.code, r.error.field], [400, 'invalid-plan', 'plan.allocation']);
  });

  it('answers 400 for a report dimension that does not exist', async () => {
    const res = await t.call('admin', { url: '/v1/reports?by=colour' });
    assert.deepEqual([res.statusCode, res.json().error.field], [400, 'by']);
  });

  it('answers 400 for execution run data without an execution id', async () => {
    const r = await refused({ method: 'POST', url: '/v1/executions', payload: { workflow: { nodes: [], connections: {} }, run: { mode: 'trigger' } } });
    assert.deepEqual([r.status, r.error.field, r.unchanged], [400, 'run.executionId', true]);
  });

  it('answers 402 with the refusal and when credits renew when a pause plan runs out, recording nothing', async () => {
    await t.call('admin', { method: 'PUT', url: '/v1/plan', payload: { plan: { extends: 'twenty', name: 'tiny', allocation: 1000, rolloverCap: 0 } } });
    const r = await refused({ method: 'POST', url: '/v1/usage', payload: { key: 'big', millicredits: 5000 } });
    const res = await t.call('meter', { method: 'POST', url: '/v1/usage', payload: { key: 'big', millicredits: 5000 } });
    assert.deepEqual([r.status, r.error.code, r.unchanged, res.json().outcome.status, typeof res.json().outcome.renewsAt], [402, 'insufficient-credits', true, 'refused', 'string']);
  });

  it('answers 409 for settling a reservation that was released, and debits nothing', async () => {
    const held = (await t.call('meter', { method: 'POST', url: '/v1/reservations', payload: { key: 'r9', millicredits: 100 } })).json();
    await t.call('meter', { method: 'POST', url: `/v1/reservations/${held.reservation.id}/release` });
    const r = await refused({ method: 'POST', url: `/v1/reservations/${held.reservation.id}/settle`, payload: { key: 'r9:s', millicredits: 50 } });
    assert.deepEqual([r.status, r.error.code, r.unchanged], [409, 'reservation-released', true]);
  });

  it('answers 404 for a reservation that does not exist', async () => {
    const r = await refused({ method: 'POST', url: '/v1/reservations/nope/settle', payload: { key: 'x', millicredits: 50 } });
    assert.deepEqual([r.status, r.error.code, r.error.field, r.unchanged], [404, 'unknown-reservation', 'id', true]);
  });

  it('answers 404 with a JSON error for a route that does not exist', async () => {
    const res = await t.call('admin', { url: '/v1/nothing' });
    assert.deepEqual([res.statusCode, res.json().error.code], [404, 'not_found']);
  });
});

describe('HTTP empty bodies', () => {
  it('treats an empty JSON body as no body: release works, a usage event is a 400 naming the body', async () => {
    const t = await makeTestApp();
    const held = (await t.call('meter', { method: 'POST', url: '/v1/reservations', payload: { key: 'r', millicredits: 10 } })).json();
    const release = await t.call('meter', { method: 'POST', url: `/v1/reservations/${held.reservation.id}/release`, headers: { 'content-type': 'application/json' }, payload: '' });
    const usage = await t.call('meter', { method: 'POST', url: '/v1/usage', headers: { 'content-type': 'application/json' }, payload: '' });
    await t.close();
    assert.deepEqual([release.statusCode, usage.statusCode, usage.json().error.field], [200, 400, 'body']);
  });
});
