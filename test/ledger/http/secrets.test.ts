import { strict as assert } from 'node:assert';
import { maskSecret, maskTarget, maskUrl } from '../../../ledger/src/http/mask';
import { makeTestApp, type TestApp } from './helpers';

const WEBHOOK = 'https://hooks.example.com/services/T0/B0/SECRETTOKEN1234wxyz';

describe('masks', () => {
  it('keeps the last four characters of a secret longer than eight', () => {
    assert.deepEqual([maskSecret('whsec_0123456789abcd'), maskSecret('12345678'), maskSecret('')], ['••••abcd', '••••', '••••']);
  });

  it('keeps a URL scheme and host, drops its user and password, masks path and query', () => {
    assert.deepEqual(
      [maskUrl(WEBHOOK), maskUrl('https://u:pw@example.com:8443/h?token=abcdefgh1234'), maskUrl('http://127.0.0.1:9/'), maskUrl('not a url at all')],
      ['https://hooks.example.com/••••wxyz', 'https://example.com:8443/••••1234', 'http://127.0.0.1:9/', '•••• all'],
    );
  });

  it('masks a webhook target and leaves an e-mail address as is', () => {
    assert.deepEqual([maskTarget('webhook', WEBHOOK), maskTarget('email', 'ops@example.com')], ['https://hooks.example.com/••••wxyz', 'ops@example.com']);
  });
});

describe('the alert webhook URL through the API', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await makeTestApp();
    const put = await t.call('admin', { method: 'PUT', url: '/v1/alerts', payload: { thresholds: [80], webhookUrl: WEBHOOK } });
    assert.equal(put.statusCode, 200);
    await t.store.recordAlerts({
      workspaceId: t.ws.id, active: [{ key: 'depleted', scope: 'p1' }], keep: [],
      deliveriesFor: (fired) => fired.map((alertId) => ({ alertId, event: 'depleted', channel: 'webhook' as const, target: WEBHOOK, payload: '{}' })),
    });
  });
  afterEach(async () => t.close());

  it('answers it in full to an admin and masked to a member, in the settings and the delivery log', async () => {
    const read = async (role: 'admin' | 'member') => [
      (await t.call(role, { url: '/v1/alerts' })).json().webhookUrl,
      (await t.call(role, { url: '/v1/alerts/deliveries' })).json().deliveries[0].target,
    ];
    assert.deepEqual([await read('admin'), await read('member')], [[WEBHOOK, WEBHOOK], ['https://hooks.example.com/••••wxyz', 'https://hooks.example.com/••••wxyz']]);
  });

  it('keeps the saved URL when the page sends its mask back unchanged', async () => {
    const put = await t.call('admin', { method: 'PUT', url: '/v1/alerts', payload: { thresholds: [90], webhookUrl: 'https://hooks.example.com/••••wxyz' } });
    const saved = (await t.call('admin', { url: '/v1/alerts' })).json();
    assert.deepEqual([put.statusCode, saved.webhookUrl, saved.thresholds], [200, WEBHOOK, [90]]);
  });

  it('refuses a mask that is not the saved URL\'s, naming the field', async () => {
    const put = await t.call('admin', { method: 'PUT', url: '/v1/alerts', payload: { thresholds: [90], webhookUrl: 'https://hooks.example.com/••••abcd' } });
    assert.deepEqual([put.statusCode, put.json().error.field, (await t.call('admin', { url: '/v1/alerts' })).json().webhookUrl], [400, 'webhookUrl', WEBHOOK]);
  });
});
