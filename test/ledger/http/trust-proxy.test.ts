import { strict as assert } from 'node:assert';
import { limitServer, type LimitServer } from './limitServer';

const signIn = (s: LimitServer, key: string, headers: Record<string, string> = {}) =>
  fetch(`${s.url}/session`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ key }) });

describe('trust proxy', () => {
  it('marks the session cookie Secure behind a trusted TLS proxy (X-Forwarded-Proto: https), and not without trust', async () => {
    const trusted = await limitServer({ trustProxy: '127.0.0.1' });
    const untrusted = await limitServer({});
    try {
      const behindProxy = (await signIn(trusted, trusted.adminKey, { 'x-forwarded-proto': 'https' })).headers.get('set-cookie') ?? '';
      const plainHttp = (await signIn(trusted, trusted.adminKey)).headers.get('set-cookie') ?? '';
      const spoofed = (await signIn(untrusted, untrusted.adminKey, { 'x-forwarded-proto': 'https' })).headers.get('set-cookie') ?? '';
      assert.deepEqual([/n8c_session=/.test(behindProxy), /;\s*Secure/i.test(behindProxy), /;\s*Secure/i.test(plainHttp), /n8c_session=/.test(spoofed), /;\s*Secure/i.test(spoofed)], [true, true, false, true, false]);
    } finally {
      await trusted.close();
      await untrusted.close();
    }
  });

  it('counts failed authentications per forwarded client address when trusted, and per connection address when not', async () => {
    const limits = { perKey: 0, perMeterKey: 0, authFailures: 2 };
    const trusted = await limitServer({ trustProxy: '127.0.0.1', rateLimits: limits });
    const untrusted = await limitServer({ rateLimits: limits });
    try {
      const from = async (s: LimitServer, client: string) => (await fetch(`${s.url}/v1/balance`, { headers: { authorization: 'Bearer n8c_wrong', 'x-forwarded-for': client } })).status;
      const run = async (s: LimitServer) => [await from(s, '203.0.113.1'), await from(s, '203.0.113.1'), await from(s, '203.0.113.1'), await from(s, '203.0.113.2')];
      // Trusted: the third failure of .1 is over its limit of 2, .2 has its own count. Untrusted: all four are 127.0.0.1's.
      assert.deepEqual([await run(trusted), await run(untrusted)], [[401, 401, 429, 401], [401, 401, 429, 429]]);
    } finally {
      await trusted.close();
      await untrusted.close();
    }
  });
});
