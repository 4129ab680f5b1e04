import { strict as assert } from 'node:assert';
import { checkMemberAllocations } from '../../../shared-pricing/src/accounting/checkMemberAllocations';
import { helperChargesDue } from '../../../shared-pricing/src/accounting/helperChargesDue';
import { nextFailureCount } from '../../../shared-pricing/src/accounting/nextFailureCount';
import { topUpExpiresAt } from '../../../shared-pricing/src/accounting/topUpExpiresAt';

describe('unit: helperChargesDue', () => {
  it('falls due each time the counter passes a multiple of the interval', () => {
    assert.deepEqual([helperChargesDue(95, 10, 100), helperChargesDue(0, 99, 100), helperChargesDue(50, 250, 100)], [1, 0, 3]);
  });

  it('refuses an interval that is not a positive integer', () => {
    assert.throws(() => helperChargesDue(0, 1, 0), /positive integer, got 0/);
  });
});

describe('unit: nextFailureCount', () => {
  it('counts failures in a row and opens at the limit', () => {
    assert.deepEqual([nextFailureCount(1, false, 3), nextFailureCount(2, false, 3)], [{ consecutiveFailures: 2, open: false }, { consecutiveFailures: 3, open: true }]);
  });

  it('resets on success and never opens without a limit', () => {
    assert.deepEqual([nextFailureCount(7, true, 3), nextFailureCount(7, false, null)], [{ consecutiveFailures: 0, open: false }, { consecutiveFailures: 8, open: false }]);
  });
});

describe('unit: checkMemberAllocations', () => {
  it('accepts allocations that fit in the pool and reports the excess of those that do not', () => {
    assert.deepEqual([checkMemberAllocations(100, [40, null, 60]), checkMemberAllocations(100, [40, 70])], [null, 10]);
  });
});

describe('unit: topUpExpiresAt', () => {
  const period = { start: 0, end: 5_000 };
  it('lets plan-lifetime top-ups live until the plan ends', () => {
    assert.deepEqual(topUpExpiresAt({ kind: 'plan' }, 100, period), { expiresAt: null, endsWithPlan: true });
  });

  it('ends period top-ups with the period and day top-ups after their days', () => {
    assert.deepEqual([topUpExpiresAt({ kind: 'period' }, 100, period), topUpExpiresAt({ kind: 'days', days: 2 }, 100, period)], [
      { expiresAt: 5_000, endsWithPlan: false },
      { expiresAt: 100 + 2 * 86_400_000, endsWithPlan: false },
    ]);
  });
});
