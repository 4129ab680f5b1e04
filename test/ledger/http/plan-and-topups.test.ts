import { strict as assert } from 'node:assert';
import { ledgerState, makeTestApp, type TestApp } from './helpers';

describe('http: plan changes and top-ups over time', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await makeTestApp();
  });
  afterEach(async () => {
    await t.close();
  });

  it('answers 200 and adds nothing when a top-up key is delivered again', async () => {
    const first = await t.call('admin', { method: 'POST', url: '/v1/topups', payload: { packId: 'twenty-1m', key: 'pi_123' } });
    const again = await t.call('admin', { method: 'POST', url: '/v1/topups', payload: { packId: 'twenty-1m', key: 'pi_123' } });
    // Twenty: 5,000,000,000 mc allocated a month, plus one 1,000,000,000 mc pack, once.
    assert.deepEqual([first.statusCode, again.statusCode, again.json().grant.id, again.json().balance.totalAvailable], [201, 200, first.json().grant.id, 6_000_000_000]);
  });

  it('keeps paid top-ups and the balance when the same preset is saved again', async () => {
    await t.call('admin', { method: 'POST', url: '/v1/topups', payload: { packId: 'twenty-1m' } });
    await t.call('meter', { method: 'POST', url: '/v1/usage', payload: { key: 'a', millicredits: 2_000 } });
    const before = await ledgerState(t);
    const saved = await t.call('admin', { method: 'PUT', url: '/v1/plan', payload: { preset: 'twenty' } });
    const card = (await t.call('admin', { method: 'GET', url: '/v1/balance' })).json();
    // 5e9 + 1e9 − 2,000 before and after; the top-up line still holds its 1e9.
    assert.deepEqual([saved.statusCode, await ledgerState(t), card.topUps], [200, before, 1_000_000_000]);
    assert.equal(before.totalAvailable, 5_999_998_000);
  });
});
