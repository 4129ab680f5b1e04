import { strict as assert } from 'node:assert';
import { DEMO_WORKFLOWS, demoRunData } from '../../../ledger/src/service/demoWorkflows';
import { makeTestApp, type TestApp } from './helpers';

const lead = DEMO_WORKFLOWS[0]!;
const leadRun = (executionId: string) => ({ executionId, mode: 'trigger', status: 'success', data: { resultData: { runData: demoRunData(lead, Date.parse('2026-01-05T10:00:00Z')) } } });

describe('HTTP API', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await makeTestApp();
  });
  afterEach(async () => t.close());

  const total = async () => (await t.call('meter', { url: '/v1/balance' })).json().totalAvailable as number;

  it('records a usage event once: 201, then 200 duplicate, debiting once', async () => {
    const start = await total();
    const first = await t.call('meter', { method: 'POST', url: '/v1/usage', payload: { key: 'e:n:0:run', millicredits: 1234 } });
    const again = await t.call('meter', { method: 'POST', url: '/v1/usage', payload: { key: 'e:n:0:run', millicredits: 1234 } });
    assert.deepEqual([first.statusCode, first.json().status, again.statusCode, again.json().status, start - (await total())], [201, 'recorded', 200, 'duplicate', 1234]);
  });

  it('answers a batch with one outcome per event in input order', async () => {
    await t.call('meter', { method: 'POST', url: '/v1/usage', payload: { key: 'k2', millicredits: 20 } });
    const res = await t.call('meter', { method: 'POST', url: '/v1/usage/batch', payload: { events: [{ key: 'k1', millicredits: 10 }, { key: 'k2', millicredits: 20 }, { key: 'k2', millicredits: 21 }] } });
    const body = res.json();
    assert.deepEqual([body.recorded, body.duplicates, body.conflicts, body.outcomes.map((o: { status: string }) => o.status)], [1, 1, 1, ['recorded', 'duplicate', 'conflict']]);
  });

  it('prices a posted execution and records one entry per charge', async () => {
    const res = await t.call('meter', { method: 'POST', url: '/v1/executions', payload: { workflow: lead.workflow, run: leadRun('ex-1') } });
    const entries = (await t.call('admin', { url: '/v1/executions/ex-1/entries' })).json();
    assert.deepEqual(
      [res.statusCode, res.json().totalMillicredits, res.json().recorded, entries.millicredits, entries.entries.map((e: { nodeName: string; millicredits: number }) => `${e.nodeName}=${e.millicredits}`)],
      // The twenty price book: an HTTP call 10 credits, a Set and an app node 1 credit each, the trigger free.
      [200, 12000, 3, 12000, ['Enrich company=10000', 'Shape lead=1000', 'Post to Slack=1000']],
    );
  });

  it('records nothing new when the same execution is posted again', async () => {
    await t.call('meter', { method: 'POST', url: '/v1/executions', payload: { workflow: lead.workflow, run: leadRun('ex-2') } });
    const before = await total();
    const again = (await t.call('meter', { method: 'POST', url: '/v1/executions', payload: { workflow: lead.workflow, run: leadRun('ex-2') } })).json();
    assert.deepEqual([again.recorded, again.duplicates, before - (await total())], [0, 3, 0]);
  });

  it('takes the execution id beside the run when the run data (n8n IRun) has none', async () => {
    const { executionId: _id, ...run } = leadRun('ex-3');
    const res = await t.call('meter', { method: 'POST', url: '/v1/executions', payload: { workflow: lead.workflow, run, executionId: 'ex-3' } });
    assert.deepEqual([res.statusCode, res.json().charges.map((c: { key: string }) => c.key)], [200, ['ex-3:Enrich company:0:run', 'ex-3:Shape lead:0:run', 'ex-3:Post to Slack:0:run']]);
  });

  it('reserves, settles for less and frees the rest of the hold', async () => {
    const start = await total();
    const reserved = (await t.call('meter', { method: 'POST', url: '/v1/reservations', payload: { key: 'r1', millicredits: 5000 } })).json();
    const held = await total();
    const settled = await t.call('meter', { method: 'POST', url: `/v1/reservations/${reserved.reservation.id}/settle`, payload: { key: 'r1:settle', millicredits: 1200 } });
    assert.deepEqual([start - held, settled.statusCode, start - (await total())], [5000, 201, 1200]);
  });

  it('gives the whole hold back on release', async () => {
    const start = await total();
    const reserved = (await t.call('meter', { method: 'POST', url: '/v1/reservations', payload: { key: 'r2', millicredits: 5000 } })).json();
    const released = await t.call('meter', { method: 'POST', url: `/v1/reservations/${reserved.reservation.id}/release` });
    assert.deepEqual([released.statusCode, released.json().state, await total()], [200, 'released', start]);
  });

  it('reports usage by workflow as JSON and as CSV with the same numbers', async () => {
    await t.call('meter', { method: 'POST', url: '/v1/usage/batch', payload: { events: [{ key: 'a', millicredits: 1500, workflowId: 'w1', workflowName: 'One' }, { key: 'b', millicredits: 250, workflowId: 'w2', workflowName: 'Two, "quoted"' }] } });
    const json = (await t.call('admin', { url: '/v1/reports?by=workflow' })).json();
    const csv = await t.call('admin', { url: '/v1/reports?by=workflow&format=csv' });
    assert.deepEqual(json.rows.map((r: { key: string; millicredits: number }) => [r.key, r.millicredits]), [['w1', 1500], ['w2', 250]]);
    assert.equal(csv.headers['content-type'], 'text/csv; charset=utf-8');
    assert.equal(csv.body, 'workflow,label,millicredits,credits,entries\r\nw1,One,1500,1.500,1\r\nw2,"Two, ""quoted""",250,0.250,1\r\n');
  });

  it('shows a member only its own usage in reports', async () => {
    await t.call('meter', { method: 'POST', url: '/v1/usage/batch', payload: { events: [{ key: 'a', millicredits: 100, memberId: 'alice', workflowId: 'w' }, { key: 'b', millicredits: 900, workflowId: 'w' }] } });
    const rows = (await t.call('member', { url: '/v1/reports?by=workflow' })).json().rows;
    assert.deepEqual(rows.map((r: { millicredits: number }) => r.millicredits), [100]);
  });

  it('adds a top-up pack to the total for an admin', async () => {
    const pack = t.ws.plan.topUps.packs[0]!;
    const start = await total();
    const res = await t.call('admin', { method: 'POST', url: '/v1/topups', payload: { packId: pack.id } });
    assert.deepEqual([res.statusCode, res.json().balance.totalAvailable - start, (await total()) - start], [201, pack.millicredits, pack.millicredits]);
  });

  it('changes the plan to a preset', async () => {
    const res = await t.call('admin', { method: 'PUT', url: '/v1/plan', payload: { preset: 'amplience' } });
    const plan = (await t.call('member', { url: '/v1/plan' })).json();
    assert.deepEqual([res.statusCode, plan.plan.name, plan.plan.exhaustion], [200, 'amplience', 'overdraft']);
  });

  it('creates a key that works at once and shows its secret only in the answer', async () => {
    const created = (await t.call('admin', { method: 'POST', url: '/v1/keys', payload: { role: 'meter', name: 'n8n hook' } })).json();
    const who = (await t.app.inject({ url: '/v1/whoami', headers: { authorization: `Bearer ${created.key}` } })).json();
    const listed = JSON.stringify((await t.call('admin', { url: '/v1/keys' })).json());
    assert.deepEqual([who.role, who.name, who.workspace.id, listed.includes(created.key)], ['meter', 'n8n hook', 'default', false]);
  });

  it('saves and reads alert settings', async () => {
    const put = await t.call('admin', { method: 'PUT', url: '/v1/alerts', payload: { thresholds: [90, 50], email: 'ops@example.com', webhookUrl: null } });
    const got = (await t.call('member', { url: '/v1/alerts' })).json();
    // The fields the request left out take their documented defaults; no webhook, so no secret.
    const defaults = { belowMillicredits: null, spikeFactor: 3, spikeDays: 7, events: { depleted: true, renewed: true, dailyLimit: true, circuitOpen: true }, webhookSecretSet: false };
    assert.deepEqual([put.statusCode, got], [200, { thresholds: [50, 90], email: 'ops@example.com', webhookUrl: null, ...defaults }]);
  });

  it('counts charges by outcome in the Prometheus metrics', async () => {
    await t.call('meter', { method: 'POST', url: '/v1/usage', payload: { key: 'm1', millicredits: 40 } });
    await t.call('meter', { method: 'POST', url: '/v1/usage', payload: { key: 'm1', millicredits: 40 } });
    const text = (await t.call('meter', { url: '/metrics' })).body;
    assert.ok(text.includes('n8n_credits_charges_total{outcome="recorded"} 1\n'));
    assert.ok(text.includes('n8n_credits_charges_total{outcome="duplicate"} 1\n'));
    assert.ok(text.includes('n8n_credits_charged_millicredits_total 40\n'));
  });

  it('serves an OpenAPI 3.1 document with every documented route and the request schemas', async () => {
    const doc = (await t.call('meter', { url: '/v1/openapi.json' })).json();
    const ops = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([p, m]) => Object.keys(m).map((k) => `${k} ${p}`));
    assert.equal(doc.openapi, '3.1.0');
    assert.equal(ops.length, t.ctx.routes.length);
    assert.deepEqual(doc.paths['/v1/usage'].post.requestBody.content['application/json'].schema.required, ['key', 'millicredits']);
    assert.deepEqual(doc.paths['/v1/keys'].post['x-roles'], ['admin']);
  });
});

describe('docs/api.md', () => {
  it('lists every route the server documents', async () => {
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const t = await makeTestApp();
    const doc = readFileSync(join(__dirname, '../../../docs/api.md'), 'utf8');
    const missing = t.ctx.routes.map((r) => `${r.method.toUpperCase()} ${r.url}`).filter((r) => !doc.includes(`\`${r}\``));
    await t.close();
    assert.deepEqual(missing, []);
  });
});
