import { strict as assert } from 'node:assert';
import { decideCharge } from '../../../shared-pricing/src/accounting/decideCharge';
import type { ChargeState } from '../../../shared-pricing/src/accounting/types';

const state = (over: Partial<ChargeState> = {}): ChargeState => ({
  amount: 100, policy: 'pause', ofExecution: false, grants: [{ id: 'a', remaining: 300 }], reserved: 0, overdraft: 0, dailyLimit: null, dailyConsumed: 0,
  dayEnd: 5_000, memberAllocation: null, memberConsumed: 0, periodEnd: 9_000, breakerOpen: false, ...over,
});

describe('unit: decideCharge', () => {
  it('debits the grants when credits suffice', () => {
    assert.deepEqual(decideCharge(state()), { ok: true, debits: [{ grantId: 'a', millicredits: 100 }], overdraft: 0 });
  });

  it('pause: refuses what would go below zero and renews at the period end', () => {
    assert.deepEqual(decideCharge(state({ amount: 301 })), { ok: false, reason: 'insufficient-credits', renewsAt: 9_000, available: 300 });
  });

  it('counts held reservations as spent', () => {
    assert.equal(decideCharge(state({ reserved: 250 })).ok, false);
  });

  it('stop: refuses with credits-exhausted and no renewal', () => {
    assert.deepEqual(decideCharge(state({ amount: 301, policy: 'stop' })), { ok: false, reason: 'credits-exhausted', renewsAt: null, available: 300 });
  });

  it('overdraft: debits what is there and reports the rest as overdraft', () => {
    assert.deepEqual(decideCharge(state({ amount: 450, policy: 'overdraft' })), { ok: true, debits: [{ grantId: 'a', millicredits: 300 }], overdraft: 150 });
  });

  it('overdraft: an existing overdraft is repaid before grants are drawn again', () => {
    assert.deepEqual(decideCharge(state({ amount: 250, policy: 'overdraft', overdraft: 100 })), { ok: true, debits: [{ grantId: 'a', millicredits: 200 }], overdraft: 50 });
  });

  it('refuses past the daily limit, renewing at the next local midnight', () => {
    assert.deepEqual(decideCharge(state({ dailyLimit: 150, dailyConsumed: 60 })), { ok: false, reason: 'daily-limit', renewsAt: 5_000, available: 300 });
  });

  it('refuses past the member allocation even under overdraft', () => {
    assert.equal((decideCharge(state({ policy: 'overdraft', memberAllocation: 120, memberConsumed: 30 })) as { reason: string }).reason, 'member-allocation');
  });

  it('refuses a workflow whose circuit is open', () => {
    assert.deepEqual(decideCharge(state({ breakerOpen: true })), { ok: false, reason: 'circuit-open', renewsAt: null, available: 300 });
  });

  it('records a zero charge even with no credits', () => {
    assert.deepEqual(decideCharge(state({ amount: 0, grants: [] })), { ok: true, debits: [], overdraft: 0 });
  });

  it('pause: records an execution\'s charge past zero, the rest as debt (600 asked, 300 held: 300 drawn, 300 owed)', () => {
    assert.deepEqual(decideCharge(state({ amount: 600, ofExecution: true })), { ok: true, debits: [{ grantId: 'a', millicredits: 300 }], overdraft: 300 });
  });

  it('pause: records an execution\'s charge past the daily limit and the member allocation (60 + 100 > 150; 30 + 100 > 120)', () => {
    assert.deepEqual(decideCharge(state({ ofExecution: true, dailyLimit: 150, dailyConsumed: 60, memberAllocation: 120, memberConsumed: 30 })), { ok: true, debits: [{ grantId: 'a', millicredits: 100 }], overdraft: 0 });
  });

  it('pause: an execution\'s charge on a workspace already owing 100 is all debt (300 held − 100 owed − 250 reserved < 0)', () => {
    assert.deepEqual(decideCharge(state({ ofExecution: true, overdraft: 100, reserved: 250 })), { ok: true, debits: [], overdraft: 100 });
  });

  it('stop: still refuses an execution\'s charge past the credits', () => {
    assert.deepEqual(decideCharge(state({ amount: 301, policy: 'stop', ofExecution: true })), { ok: false, reason: 'credits-exhausted', renewsAt: null, available: 300 });
  });

  it('pause: the circuit breaker still refuses an execution\'s charge', () => {
    assert.equal((decideCharge(state({ ofExecution: true, breakerOpen: true })) as { reason: string }).reason, 'circuit-open');
  });
});
