import assert from 'node:assert/strict';
import { aiInLoop } from '../../../../shared-pricing/src/lint/rules/ai-in-loop';
import { analysis, node, r, runRule, summary } from '../support';

const AGENT = '@n8n/n8n-nodes-langchain.agent';

describe('ai-in-loop', () => {
  const cases = [
    {
      does: 'report an agent that runs inside a loop',
      nodes: [node('Agent', AGENT, { loops: ['Loop'], runs: r(10), totalCredits: r(12500), llmCalls: r(30) })],
      options: {},
      expected: [['Agent', 'AI step "Agent" runs inside loop "Loop": 10 runs per execution, 12.5 credits; call the model once for the whole batch or move it out of the loop']],
    },
    {
      does: 'name the innermost loop of nested loops',
      nodes: [node('OpenAI', '@n8n/n8n-nodes-langchain.openAi', { loops: ['Outer', 'Inner'], runs: r(6), totalCredits: r(600), model: 'gpt-4o-mini' })],
      options: {},
      expected: [['OpenAI', 'AI step "OpenAI" runs inside loop "Inner": 6 runs per execution, 0.6 credits; call the model once for the whole batch or move it out of the loop']],
    },
    { does: 'ignore an agent outside loops', nodes: [node('Agent', AGENT, { runs: r(10) })], options: {}, expected: [] },
    { does: 'ignore a non-AI node in a loop', nodes: [node('Set', 'n8n-nodes-base.set', { loops: ['Loop'], runs: r(10) })], options: {}, expected: [] },
    { does: 'ignore a sub-node model (its agent is reported instead)', nodes: [node('Model', '@n8n/n8n-nodes-langchain.lmChatOpenAi', { loops: ['Loop'], runs: r(10), parent: 'Agent', model: 'gpt-4o' })], options: {}, expected: [] },
    { does: 'ignore a disabled agent', nodes: [node('Agent', AGENT, { loops: ['Loop'], runs: r(10), disabled: true })], options: {}, expected: [] },
    { does: 'ignore an unreachable agent', nodes: [node('Agent', AGENT, { loops: ['Loop'], runs: r(10), reachable: false })], options: {}, expected: [] },
    { does: 'stay quiet below minRuns', nodes: [node('Agent', AGENT, { loops: ['Loop'], runs: r(4) })], options: { minRuns: 5 }, expected: [] },
  ];
  for (const c of cases) {
    it(`does ${c.does}`, () => {
      const findings = runRule(aiInLoop, analysis(c.nodes), c.options);
      assert.deepEqual(summary(findings), c.expected);
    });
  }
});

describe('ai-in-loop with fractional expected runs', () => {
  it('does write the expected runs to one decimal', () => {
    const findings = runRule(aiInLoop, analysis([node('Agent', AGENT, { loops: ['Loop'], runs: r(3.236246, 0, 10), totalCredits: r(11327) })]));
    assert.deepEqual(summary(findings), [['Agent', 'AI step "Agent" runs inside loop "Loop": 3.2 runs per execution, 11.327 credits; call the model once for the whole batch or move it out of the loop']]);
  });
});
