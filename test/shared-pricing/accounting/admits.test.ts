import { strict as assert } from 'node:assert';
import { admits, type AdmissionCard } from '../../../shared-pricing/src/accounting/admits';

const card = (over: Partial<AdmissionCard> = {}): AdmissionCard => ({ available: 300, dailyRemaining: null, memberRemaining: null, policy: 'stop', ...over });

describe('unit: admits', () => {
  it('admits what the available credits cover, with nothing below zero', () => {
    assert.deepEqual(admits(card(), 300), { ok: true, overdraft: 0 });
  });

  it('refuses past the credits by policy: pause renews, stop is exhausted', () => {
    assert.deepEqual([admits(card({ policy: 'pause' }), 301), admits(card(), 301)], [{ ok: false, reason: 'insufficient-credits', missing: 1 }, { ok: false, reason: 'credits-exhausted', missing: 1 }]);
  });

  it('overdraft: admits past the credits, reporting what goes below zero (450 − 300 = 150; all 50 when already at −20)', () => {
    assert.deepEqual([admits(card({ policy: 'overdraft' }), 450), admits(card({ policy: 'overdraft', available: -20 }), 50)], [{ ok: true, overdraft: 150 }, { ok: true, overdraft: 50 }]);
  });

  it('overdraft: still refuses past the daily limit (120 left today, 121 asked)', () => {
    assert.deepEqual(admits(card({ policy: 'overdraft', available: 5000, dailyRemaining: 120 }), 121), { ok: false, reason: 'daily-limit', missing: 1 });
  });

  it('overdraft: still refuses past the member allocation', () => {
    assert.deepEqual(admits(card({ policy: 'overdraft', memberRemaining: 10 }), 11), { ok: false, reason: 'member-allocation', missing: 1 });
  });

  it('names the daily limit first when both it and the credits are short, as the ledger does', () => {
    assert.deepEqual(admits(card({ dailyRemaining: 100 }), 400), { ok: false, reason: 'daily-limit', missing: 300 });
  });

  it('pause: an execution\'s charge is admitted past zero (1000 left, 1800 asked: 800 below zero)', () => {
    assert.deepEqual(admits(card({ policy: 'pause', available: 1000 }), 1800, 'execution'), { ok: true, overdraft: 800 });
  });

  it('pause: an execution\'s charge passes the daily limit and the member allocation (0 left of each)', () => {
    assert.deepEqual(admits(card({ policy: 'pause', dailyRemaining: 0, memberRemaining: 0 }), 200, 'execution'), { ok: true, overdraft: 0 });
  });

  it('stop and overdraft: an execution\'s charge is decided as any other work', () => {
    assert.deepEqual([admits(card(), 301, 'execution'), admits(card({ policy: 'overdraft', dailyRemaining: 5 }), 6, 'execution')], [{ ok: false, reason: 'credits-exhausted', missing: 1 }, { ok: false, reason: 'daily-limit', missing: 1 }]);
  });

  it('admission: refuses an estimate 400 credits over what is left (1000 left, 1400 estimated)', () => {
    assert.deepEqual(admits(card({ policy: 'pause', available: 1000 }), 1400, 'admission'), { ok: false, reason: 'insufficient-credits', missing: 400 });
  });

  it('admission: refuses a workspace 800 in debt even for a free workflow, and one at exactly zero', () => {
    assert.deepEqual([admits(card({ policy: 'pause', available: -800 }), 0, 'admission'), admits(card({ policy: 'pause', available: 0 }), 0, 'admission')], [{ ok: false, reason: 'insufficient-credits', missing: 800 }, { ok: false, reason: 'insufficient-credits', missing: 0 }]);
  });

  it('admission: admits an estimate the credits cover exactly', () => {
    assert.deepEqual(admits(card({ policy: 'pause', available: 1400 }), 1400, 'admission'), { ok: true, overdraft: 0 });
  });

  it('admission: refuses when today\'s limit is used up, naming how much is missing (50 left, 70 estimated)', () => {
    assert.deepEqual(admits(card({ policy: 'pause', dailyRemaining: 50 }), 70, 'admission'), { ok: false, reason: 'daily-limit', missing: 20 });
  });
});
