import { strict as assert } from 'node:assert';
import { get, limitServer, type LimitServer } from './limitServer';

/** Statuses of `n` requests sent one after another. */
async function statuses(n: number, send: (i: number) => Promise<Response>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push((await send(i)).status);
  return out;
}

const count = (list: number[], status: number) => list.filter((s) => s === status).length;

describe('failed authentication limit per client address', () => {
  let s: LimitServer;
  beforeEach(async () => {
    s = await limitServer({ rateLimits: { perKey: 0, perMeterKey: 0, authFailures: 5 } });
  });
  afterEach(() => s.close());

  it('answers 401 to the first 5 bad keys of a minute, then 429 with Retry-After, and still admits a valid key', async () => {
    const bad = await statuses(40, (i) => get(s, '/v1/balance', `n8c_wrong_${i}`));
    const refused = await get(s, '/v1/balance', 'n8c_wrong_again');
    const body = (await refused.json()) as { error: { code: string; limit: number } };
    const retryAfter = Number(refused.headers.get('retry-after'));
    const valid = await get(s, '/v1/balance', s.adminKey);
    console.log(`      40 bad keys: ${count(bad, 401)} × 401, ${count(bad, 429)} × 429; Retry-After ${retryAfter} s`);
    assert.deepEqual([count(bad, 401), count(bad, 429), bad.slice(0, 6)], [5, 35, [401, 401, 401, 401, 401, 429]]);
    assert.deepEqual([refused.status, body.error.code, body.error.limit], [429, 'rate_limited', 5]);
    assert.ok(retryAfter >= 1 && retryAfter <= 60, `Retry-After ${retryAfter} is not within the minute`);
    assert.equal(valid.status, 200);
  });

  it('counts requests with no key and failed sign-ins to the billing page alike', async () => {
    const noKey = await statuses(3, () => get(s, '/v1/balance', null));
    const signIns = await statuses(3, () => fetch(`${s.url}/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ key: 'n8c_guess' }) }));
    assert.deepEqual([...noKey, ...signIns], [401, 401, 401, 401, 401, 429]);
  });
});

describe('failed authentication limit turned off', () => {
  it('answers 401 to 60 bad keys in a row', async () => {
    const s = await limitServer({ rateLimits: { perKey: 0, perMeterKey: 0, authFailures: 0 } });
    try {
      assert.equal(count(await statuses(60, (i) => get(s, '/v1/balance', `n8c_wrong_${i}`)), 401), 60);
    } finally {
      await s.close();
    }
  });
});

describe('requests per key', () => {
  let s: LimitServer;
  beforeEach(async () => {
    s = await limitServer({ rateLimits: { perKey: 3, perMeterKey: 0, authFailures: 0 } });
  });
  afterEach(() => s.close());

  it('refuses the 4th request of a member key in a minute with 429 and Retry-After, and counts each key apart', async () => {
    const member = await statuses(4, () => get(s, '/v1/balance', s.memberKey));
    const refused = await get(s, '/v1/balance', s.memberKey);
    const admin = await statuses(3, () => get(s, '/v1/balance', s.adminKey));
    assert.deepEqual([member, refused.status, Number(refused.headers.get('retry-after')) > 0, admin], [[200, 200, 200, 429], 429, true, [200, 200, 200]]);
  });

  it('leaves meter keys unlimited by default (the hook and the nodes): 20 in a row', async () => {
    assert.equal(count(await statuses(20, () => get(s, '/v1/balance', s.meterKey)), 200), 20);
  });
});
