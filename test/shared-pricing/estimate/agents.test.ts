import { strict as assert } from 'node:assert';
import { analyze, nodeOf } from './fixtures';

// One chat message (1 item) into an agent with a calculator tool, memory and test-model
// (1000 / 2000 per 1K tokens) capped at 200 output tokens; maxIterations 5.
// One call: 1000 input + min(300, 200) output tokens = 1000 + 400 = 1400 millicredits.

describe('analyzeWorkflow: AI agents', () => {
  it('makes agentIterations LLM calls per item, at least 1 and at most maxIterations', () => {
    assert.deepEqual(nodeOf(analyze('agent'), 'Model').llmCalls, { expected: 2, min: 1, max: 5 });
  });

  it('prices each call with the model read from a resource locator and output capped by maxTokens', () => {
    const model = nodeOf(analyze('agent'), 'Model');
    assert.deepEqual([model.model, model.modelFallback, model.credits], ['test-model', false, { expected: 2800, min: 1400, max: 7000 }]);
  });

  it('shares iterations − 1 tool calls among the tools, up to maxIterations − 1', () => {
    assert.deepEqual(nodeOf(analyze('agent'), 'Calculator').runs, { expected: 1, min: 0, max: 4 });
  });

  it('runs memory once per agent item', () => {
    assert.deepEqual(nodeOf(analyze('agent'), 'Memory').credits, { expected: 20, min: 20, max: 20 });
  });

  it('attributes sub-node costs to the agent total', () => {
    const agent = nodeOf(analyze('agent'), 'Agent');
    assert.deepEqual([agent.credits.expected, agent.totalCredits], [200, { expected: 3070, min: 1620, max: 7420 }]);
  });

  it('names the agent as the parent of its sub-nodes', () => {
    const analysis = analyze('agent');
    assert.deepEqual(['Model', 'Calculator', 'Memory'].map((n) => nodeOf(analysis, n).parent), ['Agent', 'Agent', 'Agent']);
  });

  it('counts the sub-nodes once in the workflow total', () => {
    assert.deepEqual(analyze('agent').perExecution, { expected: 3175, min: 1725, max: 7525 });
  });

  it('reports the iteration and token assumptions with their sources', () => {
    const names = analyze('agent').assumptions.map((a) => `${a.name}=${a.value}:${a.source}`);
    assert.deepEqual(names, ['agentIterations=2:default', 'inputTokensPerCall=1000:default', 'outputTokensPerCall=300:default', 'runsPerMonth=1000:default']);
  });

  it('takes the agent iterations from the agent notes or config', () => {
    const analysis = analyze('agent', { nodes: { Agent: { agentIterations: 3 } } });
    assert.deepEqual(nodeOf(analysis, 'Model').llmCalls, { expected: 3, min: 1, max: 5 });
  });

  it('makes one call per item for a chain and resolves a dated model alias', () => {
    const model = nodeOf(analyze('chain'), 'Model');
    assert.deepEqual([model.model, model.llmCalls?.expected, model.credits.expected], ['test-model', 3, 4800]);
  });
});
