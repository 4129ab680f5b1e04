import assert from 'node:assert/strict';
import { budgetPerExecution } from '../../../../shared-pricing/src/lint/rules/budget-per-execution';
import { analysis, node, r, runRule, summary } from '../support';

describe('budget-per-execution', () => {
  const nodes = [node('Webhook', 'n8n-nodes-base.webhook', { totalCredits: r(0) }), node('Agent', '@n8n/n8n-nodes-langchain.agent', { totalCredits: r(10200) }), node('Slack', 'n8n-nodes-base.slack', { totalCredits: r(1000) })];
  const cases = [
    {
      does: 'report an expected cost over the budget, at the trigger, naming the most expensive node',
      perExecution: r(12500, 2000, 40000),
      options: { credits: 5 },
      expected: [['Webhook', 'expected cost per execution is 12.5 credits, over the budget of 5 credits; the most expensive node is "Agent" (10.2 credits)']],
    },
    { does: 'accept a cost equal to the budget', perExecution: r(5000, 2000, 40000), options: { credits: 5 }, expected: [] },
    {
      does: 'compare the maximum with basis max',
      perExecution: r(4000, 2000, 40000),
      options: { credits: 5, basis: 'max' },
      expected: [['Webhook', 'max cost per execution is 40 credits, over the budget of 5 credits; the most expensive node is "Agent" (10.2 credits)']],
    },
    { does: 'accept a fractional budget in credits (2.5 = 2500 millicredits)', perExecution: r(2500), options: { credits: 2.5 }, expected: [] },
    { does: 'do nothing without a budget', perExecution: r(99000), options: {}, expected: [] },
  ];
  for (const c of cases) {
    it(`does ${c.does}`, () => {
      const findings = runRule(budgetPerExecution, analysis(nodes, { perExecution: c.perExecution }), c.options);
      assert.deepEqual(summary(findings), c.expected);
    });
  }

  it('does nothing for a file that is not a workflow', () => {
    const findings = runRule(budgetPerExecution, analysis([], { ok: false, perExecution: r(9000) }), { credits: 1 });
    assert.deepEqual(findings, []);
  });
});
