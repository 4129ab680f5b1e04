import assert from 'node:assert/strict';
import { premiumModelOnHotPath } from '../../../../shared-pricing/src/lint/rules/premium-model-on-hot-path';
import { analysis, node, r, runRule, summary } from '../support';

const LM = '@n8n/n8n-nodes-langchain.lmChatOpenAi';
const AGENT = '@n8n/n8n-nodes-langchain.agent';

describe('premium-model-on-hot-path', () => {
  const cases = [
    {
      does: 'report a premium sub-node model whose agent is in a loop',
      nodes: [node('Agent', AGENT, { loops: ['Loop'] }), node('Model', LM, { model: 'gpt-4o', parent: 'Agent', llmCalls: r(3) })],
      monthlyRuns: 30,
      options: {},
      expected: [['Model', 'premium model "gpt-4o" (2500 millicredits per 1K input tokens) in "Model" is on a hot path: inside loop "Loop"; a cheaper model there saves the most']],
    },
    {
      does: 'report a premium model called many times per execution',
      nodes: [node('OpenAI', '@n8n/n8n-nodes-langchain.openAi', { model: 'gpt-4o', llmCalls: r(12) })],
      monthlyRuns: 30,
      options: {},
      expected: [['OpenAI', 'premium model "gpt-4o" (2500 millicredits per 1K input tokens) in "OpenAI" is on a hot path: 12 calls per execution; a cheaper model there saves the most']],
    },
    {
      does: 'report a premium model in a workflow that runs very often',
      nodes: [node('OpenAI', '@n8n/n8n-nodes-langchain.openAi', { model: 'gpt-4o', llmCalls: r(1) })],
      monthlyRuns: 43200,
      options: {},
      expected: [['OpenAI', 'premium model "gpt-4o" (2500 millicredits per 1K input tokens) in "OpenAI" is on a hot path: the workflow runs 43200 times a month; a cheaper model there saves the most']],
    },
    {
      does: 'find the rates of a dated snapshot through its alias',
      nodes: [node('OpenAI', LM, { model: 'gpt-4o-2024-08-06', loops: ['Loop'] })],
      monthlyRuns: 30,
      options: {},
      expected: [['OpenAI', 'premium model "gpt-4o" (2500 millicredits per 1K input tokens) in "OpenAI" is on a hot path: inside loop "Loop"; a cheaper model there saves the most']],
    },
    { does: 'ignore a cheap model in a loop', nodes: [node('OpenAI', LM, { model: 'gpt-4o-mini', loops: ['Loop'] })], monthlyRuns: 30, options: {}, expected: [] },
    { does: 'ignore a premium model off the hot path', nodes: [node('OpenAI', LM, { model: 'gpt-4o', llmCalls: r(1) })], monthlyRuns: 30, options: {}, expected: [] },
    { does: 'ignore an unknown model (unknown-model reports it)', nodes: [node('OpenAI', LM, { model: 'x', modelFallback: true, loops: ['Loop'] })], monthlyRuns: 30, options: {}, expected: [] },
    { does: 'treat gpt-4o as not premium when minInputRate is above its rate', nodes: [node('OpenAI', LM, { model: 'gpt-4o', loops: ['Loop'] })], monthlyRuns: 30, options: { minInputRate: 3000 }, expected: [] },
  ];
  for (const c of cases) {
    it(`does ${c.does}`, () => {
      const input = analysis(c.nodes, { monthly: { runsPerMonth: r(c.monthlyRuns), basis: '', triggers: [], credits: r(0) } });
      assert.deepEqual(summary(runRule(premiumModelOnHotPath, input, c.options)), c.expected);
    });
  }
});
