import assert from 'node:assert/strict';
import { configBudgets } from '../../../shared-pricing/src/lint/configBudgets';

describe('configBudgets', () => {
  it('does turn the file\'s millicredits into credits (20000 mc = 20 credits)', () => {
    assert.deepEqual(configBudgets({ budgets: { perExecution: 20_000, perMonth: 5_000_000 } }), { perExecution: 20, perMonth: 5000 });
  });

  it('does leave out a budget the file does not set', () => {
    assert.deepEqual([configBudgets({}), configBudgets({ budgets: { perMonth: 1500 } })], [{}, { perMonth: 1.5 }]);
  });
});
