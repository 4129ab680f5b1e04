import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { roundMillicredits } from '../../../shared-pricing/src/money';

describe('roundMillicredits', () => {
  const cases: Array<[number, 'ceil' | 'floor' | 'half-up', number]> = [
    [2.1, 'ceil', 3],
    [2.9, 'floor', 2],
    [2.5, 'half-up', 3],
    [2.4999, 'half-up', 2],
    [-2.5, 'half-up', -2],
    [7, 'ceil', 7],
    [0.000_000_1, 'ceil', 0],
  ];
  for (const [value, mode, expected] of cases) {
    it(`rounds ${value} with ${mode} to ${expected}`, () => {
      assert.equal(roundMillicredits(value, mode), expected);
    });
  }

  it('ignores binary noise: (0.1 + 0.2) × 1000 ceils to 300, not 301', () => {
    assert.equal((0.1 + 0.2) * 1000, 300.00000000000006);
    assert.equal(roundMillicredits((0.1 + 0.2) * 1000, 'ceil'), 300);
  });

  it('ignores binary noise below: 0.7 + 0.1 = 0.7999… floors after × 10 to 8', () => {
    assert.equal((0.7 + 0.1) * 10, 7.999999999999999);
    assert.equal(roundMillicredits((0.7 + 0.1) * 10, 'floor'), 8);
  });

  it('never returns -0', () => {
    assert.ok(Object.is(roundMillicredits(-0.2, 'ceil'), 0));
  });

  for (const bad of [Number.NaN, Infinity, -Infinity]) {
    it(`throws a RangeError for ${bad}`, () => {
      assert.throws(() => roundMillicredits(bad, 'ceil'), { name: 'RangeError', message: `cannot round ${bad} to millicredits` });
    });
  }

  it('throws a RangeError for a result beyond the safe integer range', () => {
    assert.throws(() => roundMillicredits(2 ** 60, 'floor'), RangeError);
  });

  it('keeps floor ≤ half-up ≤ ceil, at most 1 apart (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e9, max: 1e9, noNaN: true }), (value) => {
        const [floor, half, ceil] = (['floor', 'half-up', 'ceil'] as const).map((mode) => roundMillicredits(value, mode)) as [number, number, number];
        assert.ok(floor <= half && half <= ceil && ceil - floor <= 1, `${value}: ${floor} ${half} ${ceil}`);
      }),
    );
  });
});
