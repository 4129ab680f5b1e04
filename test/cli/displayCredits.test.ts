import assert from 'node:assert/strict';
import { displayCredits, displayRange } from '../../cli/src/format/displayCredits';

describe('displayCredits', () => {
  // Each expected value is counted by hand from the rule in displayCredits.ts, not by the code.
  const cases: Array<[number, string, string]> = [
    [6_321_926, '6,322', 'whole credits from 100 up: 6321.926 rounds half up to 6322, with a separator'],
    [5_223_000, '5,223', 'an exact whole amount keeps its digits'],
    [100_000, '100', 'exactly 100 credits is whole'],
    [99_960, '100', '99.96 has three significant digits 100.0 (step 0.1), shown as 100'],
    [12_345, '12.3', '12.345 to three significant digits'],
    [12_350, '12.4', '12.35 rounds half up'],
    [1_255, '1.26', '1.255 rounds half up to two decimals'],
    [1_000, '1', 'trailing zeros dropped: 1.00 is 1'],
    [125, '0.125', 'below one credit every millicredit shows'],
    [5, '0.005', 'the smallest amount, one millicredit step'],
    [0, '0', 'zero'],
    [-1_500, '-1.5', 'a negative amount keeps its sign'],
    [-250_400, '-250', 'a negative amount rounds by its size'],
  ];
  for (const [millicredits, expected, why] of cases) {
    it(`does show ${millicredits} millicredits as "${expected}" (${why})`, () => {
      assert.equal(displayCredits(millicredits), expected);
    });
  }

  it('does round each end of a range by the same rule', () => {
    // The example: 6321.926 (5223–6323) credits.
    assert.equal(displayRange({ expected: 6_321_926, min: 5_223_000, max: 6_323_000 }), '6,322 (5,223–6,323)');
  });

  it('does show a range of one value once', () => {
    assert.equal(displayRange({ expected: 2_000, min: 2_000, max: 2_000 }), '2');
  });
});
