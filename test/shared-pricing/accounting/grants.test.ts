import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { allocateDebits } from '../../../shared-pricing/src/accounting/allocateDebits';
import { usableGrants } from '../../../shared-pricing/src/accounting/usableGrants';
import { defaultGrantPriority } from '../../../shared-pricing/src/accounting/defaultGrantPriority';
import type { GrantBalance } from '../../../shared-pricing/src/accounting/types';

const grant = (id: string, over: Partial<GrantBalance> = {}): GrantBalance => ({ id, kind: 'manual', remaining: 100, priority: 40, effectiveAt: 0, expiresAt: null, createdAt: 0, ...over });

describe('unit: usableGrants', () => {
  it('orders by priority, then soonest expiry, then oldest', () => {
    const grants = [grant('never'), grant('late', { expiresAt: 900 }), grant('soon-new', { expiresAt: 500, createdAt: 2 }), grant('soon-old', { expiresAt: 500, createdAt: 1 }), grant('promo', { priority: 10 })];
    assert.deepEqual(usableGrants(grants, 100).map((g) => g.id), ['promo', 'soon-old', 'soon-new', 'late', 'never']);
  });

  it('leaves out grants that are empty, not yet effective or lapsed', () => {
    const grants = [grant('empty', { remaining: 0 }), grant('future', { effectiveAt: 200 }), grant('lapsed', { expiresAt: 100 }), grant('ok')];
    assert.deepEqual(usableGrants(grants, 100).map((g) => g.id), ['ok']);
  });

  it('spends promotions first and top-ups last by default', () => {
    assert.deepEqual((['promo', 'rollover', 'allocation', 'manual', 'topup'] as const).map(defaultGrantPriority), [10, 20, 30, 40, 50]);
  });
});

describe('unit: allocateDebits', () => {
  it('takes from each grant in order until the amount is covered', () => {
    assert.deepEqual(allocateDebits([{ id: 'a', remaining: 30 }, { id: 'b', remaining: 50 }, { id: 'c', remaining: 50 }], 60), {
      debits: [{ grantId: 'a', millicredits: 30 }, { grantId: 'b', millicredits: 30 }],
      shortfall: 0,
    });
  });

  it('reports what no grant covers as the shortfall', () => {
    assert.deepEqual(allocateDebits([{ id: 'a', remaining: 30 }], 45), { debits: [{ grantId: 'a', millicredits: 30 }], shortfall: 15 });
  });

  it('splits any amount into parts that sum to the whole, none above its grant', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(1_000_000), { maxLength: 8 }), fc.nat(5_000_000), (remainders, amount) => {
        const grants = remainders.map((remaining, i) => ({ id: String(i), remaining }));
        const { debits, shortfall } = allocateDebits(grants, amount);
        const sum = debits.reduce((s, d) => s + d.millicredits, 0);
        return sum + shortfall === amount && debits.every((d) => d.millicredits > 0 && d.millicredits <= grants[Number(d.grantId)].remaining);
      }),
    );
  });
});
