import assert from 'node:assert/strict';
import { compareCost } from '../../../shared-pricing/src/lint/compareCost';

describe('compareCost', () => {
  it('does report an increase with delta and percent', () => {
    assert.deepEqual(compareCost(150000, 120000), { status: 'changed', before: 120000, after: 150000, delta: 30000, percent: 25 });
  });

  it('does report a decrease with negative delta and percent to one decimal', () => {
    assert.deepEqual(compareCost(100000, 300000), { status: 'changed', before: 300000, after: 100000, delta: -200000, percent: -66.7 });
  });

  it('does report an unchanged cost', () => {
    assert.deepEqual(compareCost(5000, 5000), { status: 'unchanged', before: 5000, after: 5000, delta: 0, percent: 0 });
  });

  it('does report a workflow without baseline as added', () => {
    assert.deepEqual(compareCost(5000, undefined), { status: 'added', after: 5000, delta: 0 });
  });

  it('does leave out the percent when the baseline cost was 0', () => {
    assert.deepEqual(compareCost(5000, 0), { status: 'changed', before: 0, after: 5000, delta: 5000 });
  });
});
