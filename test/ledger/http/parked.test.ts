/** `POST /v1/parked` and `GET /v1/parked`: who may park, what is refused, and a top-up through the API resuming at once. */
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveConfig } from '../../../ledger/src/service/config';
import { startService, type RunningService } from '../../../ledger/src/service/service';
import { getPlan } from '../../../shared-pricing/src/plans/loadPlan';
import { freePort } from '../../support/freePort';
import { makeKey, makeTestApp, type TestApp } from './helpers';

const RENEWAL = '2027-01-01T00:00:00.000Z';
const body = (over: Record<string, unknown> = {}) => ({ executionId: '12', parkKey: 'Guard:0', resumeUrl: 'http://127.0.0.1:5678/webhook-waiting/12?credits=abc', needMillicredits: 2000, renewsAt: RENEWAL, workflowId: 'wf1', nodeName: 'Guard', ...over });

describe('parked executions API', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await makeTestApp();
  });
  afterEach(async () => t.close());

  it('takes a park from a meter key once (201, then 200) and lists it without its resume URL', async () => {
    const first = await t.call('meter', { method: 'POST', url: '/v1/parked', payload: body() });
    const again = await t.call('meter', { method: 'POST', url: '/v1/parked', payload: body() });
    const listed = await t.call('member', { method: 'GET', url: '/v1/parked' });
    assert.deepEqual([first.statusCode, first.json().status, again.statusCode, again.json().status], [201, 'parked', 200, 'duplicate']);
    assert.deepEqual(listed.json().parked.map((p: Record<string, unknown>) => [p.executionId, p.status, p.needMillicredits, p.nodeName]), [['12', 'waiting', 2000, 'Guard']]);
    assert.equal(listed.body.includes('credits=abc'), false);
    assert.equal(listed.body.includes('resumeUrl'), false);
  });

  it('answers 400 naming the field for a URL that is not http(s), a negative amount, a bad time or an unknown field', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [body({ resumeUrl: 'file:///etc/passwd' }), 'resumeUrl'],
      [body({ resumeUrl: 'javascript:alert(1)' }), 'resumeUrl'],
      [body({ needMillicredits: -5 }), 'needMillicredits'],
      [body({ needMillicredits: '5' }), 'needMillicredits'],
      [body({ renewsAt: 'tomorrow' }), 'renewsAt'],
      [body({ extra: 1 }), 'extra'],
    ];
    for (const [payload, field] of cases) {
      const res = await t.call('meter', { method: 'POST', url: '/v1/parked', payload });
      assert.equal(res.statusCode, 400, `${field}: ${res.body}`);
      assert.match(JSON.stringify(res.json().error), new RegExp(field), res.body);
    }
    assert.deepEqual((await t.call('admin', { method: 'GET', url: '/v1/parked' })).json().parked, []);
  });

  it('refuses a park without a key (401) and the listing to a meter key (403)', async () => {
    const anonymous = await t.call(null, { method: 'POST', url: '/v1/parked', payload: body() });
    const meterList = await t.call('meter', { method: 'GET', url: '/v1/parked' });
    assert.deepEqual([anonymous.statusCode, meterList.statusCode], [401, 403]);
  });
});

describe('parked executions in a running service', function () {
  this.timeout(60_000);
  let dir: string;
  let service: RunningService;
  afterEach(async () => {
    await service?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('calls the resume URL once after an admin top-up (the write, not the hourly timer), and nothing before it', async () => {
    dir = mkdtempSync(join(tmpdir(), 'n8c-parked-'));
    const calls: string[] = [];
    const port = await freePort();
    const n8n = createServer((req, res) => {
      calls.push(req.url ?? '');
      res.writeHead(200).end('{}');
    });
    await new Promise<void>((resolve) => n8n.listen(port, '127.0.0.1', resolve));
    try {
      service = await startService(resolveConfig({ port: 0, dataDir: dir, logLevel: 'silent' }, {}, '/'), { resumer: { everyMs: 3_600_000 } });
      const admin = { authorization: `Bearer ${service.adminKey}`, 'content-type': 'application/json' };
      const put = await fetch(`${service.url}/v1/plan`, { method: 'PUT', headers: admin, body: JSON.stringify({ plan: { ...getPlan('twenty'), allocation: 0, rolloverCap: 0 } }) });
      assert.equal(put.status, 200);
      const meter = await makeKey(service.store, service.workspaceId, 'meter');
      const parked = await fetch(`${service.url}/v1/parked`, {
        method: 'POST', headers: { authorization: `Bearer ${meter}`, 'content-type': 'application/json' },
        body: JSON.stringify(body({ resumeUrl: `http://127.0.0.1:${port}/webhook-waiting/12?credits=abc` })),
      });
      assert.equal(parked.status, 201);
      await new Promise((r) => setTimeout(r, 1500));
      const beforeTopUp = calls.length;
      const started = performance.now();
      const topUp = await fetch(`${service.url}/v1/topups`, { method: 'POST', headers: admin, body: JSON.stringify({ packId: 'twenty-1m' }) });
      assert.equal(topUp.status, 201);
      while (calls.length === 0 && performance.now() - started < 10_000) await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, 1500));
      await service.resumer.idle();
      const listed = (await (await fetch(`${service.url}/v1/parked`, { headers: admin })).json()) as { parked: Array<{ status: string }> };
      // The timer is an hour (and its first pass ran at start, before the park): only the top-up's write made the call.
      assert.deepEqual([beforeTopUp, calls, listed.parked.map((p) => p.status)], [0, ['/webhook-waiting/12?credits=abc'], ['resumed']]);
    } finally {
      await new Promise<void>((resolve) => n8n.close(() => resolve()));
    }
  });
});
