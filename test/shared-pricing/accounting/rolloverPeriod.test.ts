import { strict as assert } from 'node:assert';
import { rolloverPeriod } from '../../../shared-pricing/src/accounting/rolloverPeriod';
import type { GrantBalance } from '../../../shared-pricing/src/accounting/types';

const ended = { start: 0, end: 1_000 };
const next = { start: 1_000, end: 2_000 };
const g = (id: string, kind: GrantBalance['kind'], remaining: number, expiresAt: number | null = 1_000): GrantBalance => ({ id, kind, remaining, priority: 30, effectiveAt: 0, expiresAt, createdAt: 0 });

describe('unit: rolloverPeriod', () => {
  it('issues the allocation and carries the unused part as a rollover grant', () => {
    const result = rolloverPeriod({ allocation: 5_000_000, rolloverCap: 5_000_000 }, [g('a', 'allocation', 3_000_000)], ended, next);
    assert.deepEqual(result, {
      lapse: ['a'],
      issue: [
        { kind: 'allocation', millicredits: 5_000_000, priority: 30, effectiveAt: 1_000, expiresAt: 2_000 },
        { kind: 'rollover', millicredits: 3_000_000, priority: 20, effectiveAt: 1_000, expiresAt: 2_000 },
      ],
    });
  });

  it('caps the rollover at the plan cap (Twenty: one period allocation)', () => {
    const result = rolloverPeriod({ allocation: 5_000_000, rolloverCap: 5_000_000 }, [g('a', 'allocation', 4_000_000), g('r', 'rollover', 5_000_000)], ended, next);
    assert.equal(result.issue[1].millicredits, 5_000_000);
  });

  it('carries nothing with a zero cap and leaves top-ups alone', () => {
    const result = rolloverPeriod({ allocation: 1_000, rolloverCap: 0 }, [g('a', 'allocation', 500), g('t', 'topup', 700, null)], ended, next);
    assert.deepEqual([result.lapse, result.issue.map((i) => i.kind)], [['a'], ['allocation']]);
  });
});
