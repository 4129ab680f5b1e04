import { strict as assert } from 'node:assert';
import { amountForUnits, PricingError } from './pricing';

describe('amountForUnits', () => {
  it('multiplies the rate by the units for run, item and execution classes', () => {
    assert.deepEqual([
      amountForUnits({ unit: 'run', rate: 1000 }, 3),
      amountForUnits({ unit: 'item', rate: 7 }, 11),
      amountForUnits({ unit: 'execution', rate: 250 }, 1),
    ], [3000, 77, 250]);
  });

  it('charges a helper class once for each multiple of `every` the counter passes', () => {
    const helper = { unit: 'helper' as const, rate: 1000, every: 100 };
    assert.deepEqual([amountForUnits(helper, 99, 0), amountForUnits(helper, 101, 0), amountForUnits(helper, 1, 99), amountForUnits(helper, 250, 50)], [0, 1000, 1000, 3000]);
  });

  it('throws for a tokens class, which is priced by model', () => {
    assert.throws(() => amountForUnits({ unit: 'tokens', rate: 0 }, 1), PricingError);
  });

  it('throws for fractional or negative units', () => {
    assert.throws(() => amountForUnits({ unit: 'run', rate: 1 }, 1.5), /units must be a whole number/);
    assert.throws(() => amountForUnits({ unit: 'run', rate: 1 }, -1), /units must be a whole number/);
  });
});
