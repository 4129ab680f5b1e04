import assert from 'node:assert/strict';
import { agentWithoutIterationCap } from '../../../../shared-pricing/src/lint/rules/agent-without-iteration-cap';
import { analysis, node, runRule, summary, workflowText } from '../support';

const AGENT = '@n8n/n8n-nodes-langchain.agent';
const iterations = { name: 'agentIterations', value: 3, source: 'default' as const, node: 'Agent', howToChange: 'set it' };

describe('agent-without-iteration-cap', () => {
  const cases = [
    {
      does: 'report an agent without maxIterations, with the assumed iterations',
      parameters: { options: {} },
      disabled: false,
      expected: [['Agent', 'agent "Agent" sets no Max Iterations: each item may call its model many times (the estimate assumes 3); set Options → Max Iterations']],
    },
    {
      does: 'report an agent without an options object',
      parameters: { text: 'hi' },
      disabled: false,
      expected: [['Agent', 'agent "Agent" sets no Max Iterations: each item may call its model many times (the estimate assumes 3); set Options → Max Iterations']],
    },
    { does: 'accept an agent with maxIterations', parameters: { options: { maxIterations: 5 } }, disabled: false, expected: [] },
    { does: 'ignore a disabled agent', parameters: {}, disabled: true, expected: [] },
    // Regression (issue 20): an agent without tools has no iteration assumption, and the message said "assumes ?".
    { does: 'ignore an agent without tools, which makes one call per item', parameters: { options: {} }, disabled: false, noTools: true, expected: [] },
  ];
  for (const c of cases) {
    it(`does ${c.does}`, () => {
      const input = analysis([node('Agent', AGENT, { disabled: c.disabled, assumptions: c.noTools ? [] : [iterations] })]);
      const text = workflowText([{ name: 'Agent', type: AGENT, parameters: c.parameters }]);
      assert.deepEqual(summary(runRule(agentWithoutIterationCap, input, {}, text)), c.expected);
    });
  }
});
