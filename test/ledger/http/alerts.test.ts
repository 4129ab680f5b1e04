import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AlertService } from '../../../ledger/src/alerts/alertService';
import { resolveConfig } from '../../../ledger/src/service/config';
import { startService, type RunningService } from '../../../ledger/src/service/service';
import { startWebhookReceiver, type WebhookReceiver } from '../alerts/receivers';
import { makeTestApp, type TestApp } from './helpers';

describe('PUT /v1/alerts', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await makeTestApp();
  });
  afterEach(() => t.close());

  const put = (payload: Record<string, unknown>) => t.call('admin', { method: 'PUT', url: '/v1/alerts', payload: { thresholds: [80], ...payload } });

  for (const [field, value] of [
    ['webhookUrl', 'ftp://example.com/hook'],
    ['webhookUrl', 'javascript:alert(1)'],
    ['webhookUrl', 'example.com/hook'],
    ['email', 'not-an-address'],
    ['email', 'a@b@c'],
    ['spikeFactor', 0.5],
    ['spikeDays', 0],
    ['belowMillicredits', 1.5],
    ['webhookSecret', 'short'],
  ] as const) {
    it(`answers 400 naming ${field} for ${JSON.stringify(value)}, and saves nothing`, async () => {
      const before = (await t.call('member', { url: '/v1/alerts' })).json();
      const res = await put({ [field]: value });
      const after = (await t.call('member', { url: '/v1/alerts' })).json();
      assert.deepEqual([res.statusCode, res.json().error.field, after], [400, field, before]);
    });
  }

  it('answers 400 naming an unknown event toggle', async () => {
    const res = await put({ events: { depleted: false, sometimes: true } });
    assert.deepEqual([res.statusCode, res.json().error.field], [400, 'events.sometimes']);
  });

  it('keeps settings saved before the new fields: the defaults fill them in', async () => {
    await t.store.setAlertSettings(t.ws.id, { thresholds: [50], email: 'old@example.com', webhookUrl: null });
    const got = (await t.call('member', { url: '/v1/alerts' })).json();
    assert.deepEqual(got, {
      thresholds: [50], belowMillicredits: null, spikeFactor: 3, spikeDays: 7, events: { depleted: true, renewed: true, dailyLimit: true, circuitOpen: true },
      email: 'old@example.com', webhookUrl: null, webhookSecretSet: false,
    });
  });

  it('generates the webhook secret with the first webhook URL, answers it once and never reads it back', async () => {
    const first = await put({ webhookUrl: 'https://hooks.example.com/credits' });
    const second = await put({ webhookUrl: 'https://hooks.example.com/other' });
    const got = (await t.call('admin', { url: '/v1/alerts' })).json();
    const stored = (await t.store.getAlertSettings(t.ws.id)) as { webhookSecret: string };
    assert.match(first.json().webhookSecret, /^whsec_[A-Za-z0-9_-]{43}$/);
    assert.deepEqual([second.statusCode, 'webhookSecret' in second.json(), 'webhookSecret' in got, got.webhookSecretSet, stored.webhookSecret], [200, false, false, true, first.json().webhookSecret]);
  });

  it('keeps a secret the admin sets, without answering it', async () => {
    const res = await put({ webhookUrl: 'http://127.0.0.1:9/hook', webhookSecret: 'my-own-secret-0123456789' });
    const stored = (await t.store.getAlertSettings(t.ws.id)) as { webhookSecret: string };
    assert.deepEqual([res.statusCode, 'webhookSecret' in res.json(), stored.webhookSecret], [200, false, 'my-own-secret-0123456789']);
  });
});

describe('GET /v1/alerts/deliveries', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await makeTestApp();
  });
  afterEach(() => t.close());

  it('lists deliveries for admins and members, not for meter keys', async () => {
    // The twenty preset: 5,000,000 credits a month; charging all of it crosses 80% and 100% used and depletes: three alerts, one channel.
    await t.store.setAlertSettings(t.ws.id, { thresholds: [80, 100], email: 'ops@example.com', webhookUrl: null });
    const alerts = new AlertService(t.store, { smtpUrl: null });
    await t.call('meter', { method: 'POST', url: '/v1/usage', payload: { key: 'all', millicredits: 5_000_000_000 } });
    await alerts.evaluate(t.ws.id);
    await alerts.deliver();
    const member = await t.call('member', { url: '/v1/alerts/deliveries?limit=2' });
    const admin = await t.call('admin', { url: '/v1/alerts/deliveries' });
    const meter = await t.call('meter', { url: '/v1/alerts/deliveries' });
    const rows = admin.json().deliveries as Array<{ event: string; channel: string; status: string; attempts: number }>;
    assert.deepEqual([member.statusCode, member.json().deliveries.length, meter.statusCode], [200, 2, 403]);
    assert.deepEqual(rows.map((d) => [d.event, d.channel, d.status, d.attempts]).sort(), [['depleted', 'email', 'failed', 1], ['threshold', 'email', 'failed', 1], ['threshold', 'email', 'failed', 1]]);
  });
});

describe('alerts beside the charge path (n8n-credits serve)', () => {
  let dir: string;
  let service: RunningService | null = null;
  let hook: WebhookReceiver;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'n8c-alerts-serve-'));
    hook = await startWebhookReceiver('whsec_serve-test-secret-0123');
  });
  afterEach(async () => {
    await service?.stop();
    service = null;
    await hook.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers a charge at once while the webhook receiver hangs, and logs the timeout for a retry', async () => {
    hook.script = ['hang', 'hang', 'hang'];
    service = await startService(resolveConfig({ port: 0, dataDir: dir, logLevel: 'silent' }, {}, '/'), { alerts: { timing: { timeoutMs: 1000, baseDelayMs: 60_000 } } });
    const headers = { authorization: `Bearer ${service.adminKey}`, 'content-type': 'application/json' };
    const saved = await fetch(`${service.url}/v1/alerts`, { method: 'PUT', headers, body: JSON.stringify({ thresholds: [], webhookUrl: hook.url, webhookSecret: hook.secret }) });
    const started = Date.now();
    // All 5,000,000 credits of the twenty preset: depleted.
    const charged = await fetch(`${service.url}/v1/usage`, { method: 'POST', headers, body: JSON.stringify({ key: 'all', millicredits: 5_000_000_000 }) });
    const answeredIn = Date.now() - started;
    await service.alerts.idle();
    const log = (await (await fetch(`${service.url}/v1/alerts/deliveries`, { headers })).json()) as { deliveries: Array<{ event: string; status: string; attempts: number; lastError: string }> };
    assert.deepEqual([saved.status, charged.status], [200, 201]);
    assert.ok(answeredIn < 500, `the charge took ${answeredIn} ms`);
    assert.deepEqual(log.deliveries.map((d) => [d.event, d.status, d.attempts, d.lastError]), [['depleted', 'pending', 1, 'webhook: no answer within 1000 ms']]);
    assert.equal(hook.calls.length, 1);
  });
});
