import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { credits, formatCredits, isMillicredits, millicredits } from '../../../shared-pricing/src/money';
import { PricingError } from '../../../shared-pricing/src/errors';

describe('millicredits', () => {
  it('returns a whole, non-negative amount unchanged', () => {
    assert.equal(millicredits(1500), 1500);
  });

  for (const bad of [1.5, -1, Number.NaN, '3', Infinity, 2 ** 53, null]) {
    it(`rejects ${String(typeof bad === 'string' ? `'${bad}'` : bad)} with a not-integer PricingError naming the value`, () => {
      assert.throws(
        () => millicredits(bad, 'charge'),
        (error: unknown) => error instanceof PricingError && error.code === 'not-integer' && error.message.startsWith('charge must be an integer number of millicredits ≥ 0, got '),
      );
    });
  }

  it('quotes a string value in its message, so "3" and 3 read differently', () => {
    assert.throws(() => millicredits('3'), { message: 'amount must be an integer number of millicredits ≥ 0, got "3"' });
  });
});

describe('isMillicredits', () => {
  it('accepts 0 and safe integers, refuses fractions and negatives', () => {
    assert.deepEqual([0, 7, Number.MAX_SAFE_INTEGER, 0.5, -3].map(isMillicredits), [true, true, true, false, false]);
  });
});

describe('credits', () => {
  it('converts whole credits to millicredits', () => {
    assert.equal(credits(5), 5000);
  });

  it('rejects a credit amount that is not a whole number of millicredits', () => {
    assert.throws(() => credits(0.0001), PricingError);
  });
});

describe('formatCredits', () => {
  const cases: Array<[number, string]> = [
    [0, '0'],
    [5, '0.005'],
    [50, '0.05'],
    [1000, '1'],
    [1200, '1.2'],
    [1234, '1.234'],
    [1_000_001, '1000.001'],
    [-1500, '-1.5'],
    [-5, '-0.005'],
  ];
  for (const [amount, text] of cases) {
    it(`formats ${amount} mc as "${text}"`, () => {
      assert.equal(formatCredits(amount), text);
    });
  }

  it('refuses a fractional amount instead of printing nonsense', () => {
    assert.throws(() => formatCredits(1.5), { message: 'an amount must be a whole number of millicredits, got 1.5' });
  });

  it('round-trips every amount through its text (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (amount) => {
        assert.equal(Math.round(Number(formatCredits(amount)) * 1000), amount);
      }),
    );
  });
});
