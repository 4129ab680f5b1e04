import { strict as assert } from 'node:assert';
import { PricingError } from '../../../shared-pricing/src/errors';
import { priceUnit } from '../../../shared-pricing/src/price-book/priceUnit';

describe('priceUnit', () => {
  it('multiplies the rate by whole units for run, item and execution classes', () => {
    // 3 × 1000, 11 × 7, 1 × 250.
    assert.deepEqual([
      priceUnit({ unit: 'run', rate: 1000 }, { units: 3 }),
      priceUnit({ unit: 'item', rate: 7 }, { units: 11 }),
      priceUnit({ unit: 'execution', rate: 250 }, { units: 1 }),
    ], [3000, 77, 250]);
  });

  it('charges a helper class once for each multiple of `every` the counter passes', () => {
    const helper = { unit: 'helper' as const, rate: 1000, every: 100 };
    // 0→99 passes none; 0→101 passes 100; 99→100 passes 100; 50→300 passes 100, 200, 300.
    assert.deepEqual([
      priceUnit(helper, { units: 99 }),
      priceUnit(helper, { units: 101 }),
      priceUnit(helper, { units: 1, helperRunsBefore: 99 }),
      priceUnit(helper, { units: 250, helperRunsBefore: 50 }),
    ], [0, 1000, 1000, 3000]);
  });

  it('prices tokens at the model rate per 1K, rounded up once', () => {
    // (1000 × 150 + 501 × 600) / 1000 = 450.6 → 451.
    assert.equal(priceUnit({ unit: 'tokens', rate: 0 }, { tokens: { input: 1000, output: 501 }, rate: { input: 150, output: 600 } }), 451);
  });

  it('gives the unrounded mean for expected units: rate × units, and rate × units / every for helpers', () => {
    // 2.5 × 10 = 25; 1000 × 4 / 3 = 1333.33…
    assert.deepEqual([priceUnit({ unit: 'item', rate: 10 }, { expectedUnits: 2.5 }), priceUnit({ unit: 'helper', rate: 1000, every: 3 }, { expectedUnits: 4 })], [25, 4000 / 3]);
  });

  it('throws for a tokens class given units, and for a unit class given tokens', () => {
    assert.throws(() => priceUnit({ unit: 'tokens', rate: 0 }, { units: 1 }), PricingError);
    assert.throws(() => priceUnit({ unit: 'run', rate: 1 }, { tokens: { input: 1, output: 1 }, rate: { input: 1, output: 1 } }), /priced by units/);
  });

  it('throws for fractional or negative units, and for an amount past the safe integer range', () => {
    assert.throws(() => priceUnit({ unit: 'run', rate: 1 }, { units: 1.5 }), /units must be a whole number/);
    assert.throws(() => priceUnit({ unit: 'run', rate: 1 }, { units: -1 }), /units must be a whole number/);
    assert.throws(() => priceUnit({ unit: 'item', rate: 2 ** 40 }, { units: 2 ** 20 }), PricingError);
  });
});
