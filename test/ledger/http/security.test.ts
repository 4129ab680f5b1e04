import { strict as assert } from 'node:assert';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashApiKey } from '../../../ledger/src/http/keys';
import { makeTestApp, type TestApp } from './helpers';

// Every route and page view × every role: security-matrix.test.ts and page-roles.test.ts.
describe('HTTP security', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await makeTestApp();
  });
  afterEach(async () => t.close());

  it('documents only health, readiness, the OpenAPI document, the session routes and the Stripe webhook as reachable without a key', () => {
    const open = t.ctx.routes.filter((r) => r.public).map((r) => `${r.method} ${r.url}`).sort();
    // The OpenAPI document describes the API and holds no workspace's data; /metrics stays behind a key by default.
    // The webhook carries Stripe's signature instead of a key (test/ledger/payments/webhook.test.ts).
    assert.deepEqual(open, ['delete /session', 'post /session', 'get /healthz', 'get /readyz', 'get /v1/openapi.json', 'post /v1/payments/stripe/webhook'].sort());
  });

  it('answers health and readiness without a key', async () => {
    const [health, ready] = await Promise.all([t.app.inject({ url: '/healthz' }), t.app.inject({ url: '/readyz' })]);
    assert.deepEqual([health.statusCode, health.json().status, ready.statusCode, ready.json().status], [200, 'ok', 200, 'ready']);
  });

  it('tells browsers not to sniff any answer: JSON, CSV, errors and the page', async () => {
    const auth = { authorization: `Bearer ${t.keys.admin}` };
    const answers = await Promise.all([
      t.app.inject({ url: '/v1/balance', headers: auth }),
      t.app.inject({ url: '/v1/reports?by=workflow&format=csv', headers: auth }),
      t.app.inject({ url: '/v1/balance' }),
      t.app.inject({ url: '/' }),
    ]);
    assert.deepEqual(answers.map((a) => [a.statusCode, a.headers['x-content-type-options']]), [[200, 'nosniff'], [200, 'nosniff'], [401, 'nosniff'], [200, 'nosniff']]);
  });

  it('answers 401 for an unknown key and for a malformed Authorization header', async () => {
    const unknown = await t.app.inject({ url: '/v1/balance', headers: { authorization: 'Bearer n8c_not-a-key' } });
    const basic = await t.app.inject({ url: '/v1/balance', headers: { authorization: `Basic ${t.keys.admin}` } });
    assert.deepEqual([unknown.statusCode, basic.statusCode], [401, 401]);
  });

  it('stops working for a key once it is revoked', async () => {
    const list = (await t.call('admin', { url: '/v1/keys' })).json().keys as Array<{ id: string; role: string }>;
    const meter = list.find((k) => k.role === 'meter')!;
    await t.call('admin', { method: 'DELETE', url: `/v1/keys/${meter.id}` });
    const res = await t.call('meter', { url: '/v1/balance' });
    assert.equal(res.statusCode, 401);
  });

  it('shows a workflow name that is HTML as text on the page', async () => {
    const name = '<img src=x onerror=alert(1)>';
    await t.call('meter', { method: 'POST', url: '/v1/usage', payload: { key: 'xss:1', millicredits: 1000, workflowId: 'wf-x', workflowName: name } });
    const signIn = await t.app.inject({ method: 'POST', url: '/session', payload: { key: t.keys.admin } });
    const page = await t.app.inject({ url: '/', cookies: { n8c_session: signIn.cookies[0]!.value } });
    assert.ok(page.body.includes('&lt;img src=x onerror=alert(1)&gt;'));
    assert.equal(page.body.includes('<img'), false);
  });

  it('stores SQL-looking strings verbatim', async () => {
    const name = "Robert'); DROP TABLE entries;-- \" OR 1=1";
    await t.call('meter', { method: 'POST', url: '/v1/usage', payload: { key: "k'; DELETE FROM entries;--", millicredits: 7, workflowId: "wf' OR '1'='1", workflowName: name } });
    const report = (await t.call('admin', { url: '/v1/reports?by=workflow' })).json();
    assert.deepEqual(report.rows, [{ key: "wf' OR '1'='1", label: name, millicredits: 7, entries: 1 }]);
  });

  it('sets the session cookie HttpOnly and SameSite=Strict', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/session', payload: { key: t.keys.member } });
    const cookie = res.cookies[0]!;
    assert.deepEqual([res.statusCode, cookie.name, cookie.httpOnly, cookie.sameSite], [200, 'n8c_session', true, 'Strict']);
  });

  it('refuses a write with the session cookie but without the CSRF token', async () => {
    const signIn = await t.app.inject({ method: 'POST', url: '/session', payload: { key: t.keys.admin } });
    const res = await t.app.inject({ method: 'POST', url: '/v1/topups', cookies: { n8c_session: signIn.cookies[0]!.value }, payload: { packId: t.ws.plan.topUps.packs[0]!.id } });
    assert.deepEqual([res.statusCode, res.json().error.code], [403, 'csrf']);
  });

  it('shows the sign-in form and no numbers to a browser without a session', async () => {
    const page = await t.app.inject({ url: '/' });
    assert.deepEqual([page.statusCode, page.body.includes('id="signin"'), page.body.includes('usage-card')], [200, true, false]);
  });

  it('refuses to sign in with a wrong key', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/session', payload: { key: 'n8c_wrong' } });
    assert.deepEqual([res.statusCode, res.cookies.length], [401, 0]);
  });
});

describe('API keys at rest', () => {
  it('leaves no plaintext key in the database files, only its sha256 hash', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'n8c-keys-'));
    try {
      const t = await makeTestApp({ path: join(dir, 'ledger.sqlite') });
      const created = (await t.call('admin', { method: 'POST', url: '/v1/keys', payload: { role: 'meter', name: 'hook' } })).json().key as string;
      const secrets = [...Object.values(t.keys), created];
      await t.close();
      const bytes = readdirSync(dir).map((f) => readFileSync(join(dir, f)).toString('latin1')).join('');
      assert.deepEqual(secrets.map((k) => bytes.includes(k.slice(4))), secrets.map(() => false));
      assert.deepEqual(secrets.map((k) => bytes.includes(hashApiKey(k))), secrets.map(() => true));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
