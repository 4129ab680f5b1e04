import assert from 'node:assert/strict';
import { withBudgets } from '../../../shared-pricing/src/lint/withBudgets';

describe('withBudgets', () => {
  it('does set the budgets as the budget rules\' credits option at error severity', () => {
    assert.deepEqual(withBudgets({}, { perExecution: 5, perMonth: 1000 }), {
      'budget-per-execution': { severity: 'error', options: { credits: 5 } },
      'budget-per-month': { severity: 'error', options: { credits: 1000 } },
    });
  });

  it('does keep the configured severity and other options, overriding only credits', () => {
    const config = { 'budget-per-month': { severity: 'warning' as const, options: { credits: 10, basis: 'max' } } };
    assert.deepEqual(withBudgets(config, { perMonth: 20 }), { 'budget-per-month': { severity: 'warning', options: { credits: 20, basis: 'max' } } });
  });

  it('does leave the config alone without budgets', () => {
    assert.deepEqual(withBudgets({ 'ai-in-loop': { severity: 'off', options: {} } }, {}), { 'ai-in-loop': { severity: 'off', options: {} } });
  });
});
