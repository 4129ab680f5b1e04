import assert from 'node:assert/strict';
import { formatChange } from '../../cli/src/format/formatChange';
import { compareCost } from '../../shared-pricing/src/lint/compareCost';

describe('formatChange', () => {
  const cases: Array<[number, number | undefined, string]> = [
    [720000, 360000, '360 → 720 credits/month (+360, +100%)'],
    [100000, 300000, '300 → 100 credits/month (-200, -66.7%)'],
    [5500, 0, '0 → 5.5 credits/month (+5.5)'],
    [5000, 5000, 'unchanged: 5 credits/month'],
    [2000000, undefined, 'new workflow: 2000 credits/month'],
  ];
  for (const [after, before, text] of cases) {
    it(`does write ${before ?? 'no baseline'} → ${after} as "${text}"`, () => {
      assert.equal(formatChange(compareCost(after, before)), text);
    });
  }
});
