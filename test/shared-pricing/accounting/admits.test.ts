import { strict as assert } from 'node:assert';
import { admits, type AdmissionCard } from '../../../shared-pricing/src/accounting/admits';

const card = (over: Partial<AdmissionCard> = {}): AdmissionCard => ({ available: 300, dailyRemaining: null, memberRemaining: null, policy: 'stop', ...over });

describe('unit: admits', () => {
  it('admits what the available credits cover, with nothing below zero', () => {
    assert.deepEqual(admits(card(), 300), { ok: true, overdraft: 0 });
  });

  it('refuses past the credits by policy: pause renews, stop is exhausted', () => {
    assert.deepEqual([admits(card({ policy: 'pause' }), 301), admits(card(), 301)], [{ ok: false, reason: 'insufficient-credits' }, { ok: false, reason: 'credits-exhausted' }]);
  });

  it('overdraft: admits past the credits, reporting what goes below zero (450 − 300 = 150; all 50 when already at −20)', () => {
    assert.deepEqual([admits(card({ policy: 'overdraft' }), 450), admits(card({ policy: 'overdraft', available: -20 }), 50)], [{ ok: true, overdraft: 150 }, { ok: true, overdraft: 50 }]);
  });

  it('overdraft: still refuses past the daily limit (120 left today, 121 asked)', () => {
    assert.deepEqual(admits(card({ policy: 'overdraft', available: 5000, dailyRemaining: 120 }), 121), { ok: false, reason: 'daily-limit' });
  });

  it('overdraft: still refuses past the member allocation', () => {
    assert.deepEqual(admits(card({ policy: 'overdraft', memberRemaining: 10 }), 11), { ok: false, reason: 'member-allocation' });
  });

  it('names the daily limit first when both it and the credits are short, as the ledger does', () => {
    assert.deepEqual(admits(card({ dailyRemaining: 100 }), 400), { ok: false, reason: 'daily-limit' });
  });
});
