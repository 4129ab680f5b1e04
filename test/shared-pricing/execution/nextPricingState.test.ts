import { strict as assert } from 'node:assert';
import { HELPER_MEMORY, nextPricingState } from './pricing';

describe('nextPricingState', () => {
  it('sets the counter and leaves no per-execution record when the execution had no helper runs', () => {
    assert.deepEqual(nextPricingState({ helperRuns: 4 }, 4, 'e1', 0), { helperRuns: 4 });
  });

  it('records how many helper runs of the execution are counted', () => {
    assert.deepEqual(nextPricingState({ helperRuns: 0, helperRunsCounted: { e0: 2 } }, 5, 'e1', 3), { helperRuns: 5, helperRunsCounted: { e0: 2, e1: 3 } });
  });

  it('remembers only the most recent executions, dropping the oldest', () => {
    const full: Record<string, number> = {};
    for (let i = 0; i < HELPER_MEMORY; i++) full[`e${i}`] = 1;
    const next = nextPricingState({ helperRuns: 0, helperRunsCounted: full }, 1, 'new', 1);
    const ids = Object.keys(next.helperRunsCounted ?? {});
    assert.deepEqual([ids.length, ids[0], ids.at(-1)], [HELPER_MEMORY, 'e1', 'new']);
  });

  it('returns a new object and leaves the old state as it was', () => {
    const state = { helperRuns: 1, helperRunsCounted: { e0: 1 } };
    nextPricingState(state, 9, 'e1', 2);
    assert.deepEqual(state, { helperRuns: 1, helperRunsCounted: { e0: 1 } });
  });
});
