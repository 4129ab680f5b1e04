import assert from 'node:assert/strict';
import { budgetPerMonth } from '../../../../shared-pricing/src/lint/rules/budget-per-month';
import { analysis, node, r, runRule, summary } from '../support';

describe('budget-per-month', () => {
  const nodes = [node('Every minute', 'n8n-nodes-base.scheduleTrigger', { totalCredits: r(0) })];
  const monthly = (credits: ReturnType<typeof r>) => ({ runsPerMonth: r(43200, 43200, 43200), basis: 'every minute', triggers: [], credits });
  const cases = [
    {
      does: 'report a projection over the budget with runs and schedule',
      credits: r(21600000),
      options: { credits: 1000 },
      expected: [['Every minute', 'expected cost per month is 21600 credits (43200 runs: every minute), over the budget of 1000 credits']],
    },
    { does: 'accept a projection under the budget', credits: r(360000), options: { credits: 1000 }, expected: [] },
    {
      does: 'compare the maximum with basis max',
      credits: r(900000, 0, 1200000),
      options: { credits: 1000, basis: 'max' },
      expected: [['Every minute', 'max cost per month is 1200 credits (43200 runs: every minute), over the budget of 1000 credits']],
    },
    { does: 'do nothing without a budget', credits: r(99999999), options: {}, expected: [] },
  ];
  for (const c of cases) {
    it(`does ${c.does}`, () => {
      const findings = runRule(budgetPerMonth, analysis(nodes, { monthly: monthly(c.credits) }), c.options);
      assert.deepEqual(summary(findings), c.expected);
    });
  }
});
