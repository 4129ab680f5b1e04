import { strict as assert } from 'node:assert';
import { analyzeWorkflow } from '../../../shared-pricing/src/estimate';
import { analyze, book, fixture, nodeOf } from './fixtures';

/** The agent fixture changed by `edit` (a parsed copy), analysed with the test book. */
function analyzeEdited(edit: (workflow: { nodes: Array<Record<string, unknown>>; connections: Record<string, unknown> }) => void) {
  const workflow = JSON.parse(fixture('agent'));
  edit(workflow);
  return analyzeWorkflow(JSON.stringify(workflow), book);
}

/** Adds "Backup Model" (test-model, maxTokens 200) as the agent's second model input, and sets needsFallback. */
function withFallback(needsFallback: boolean) {
  return analyzeEdited((w) => {
    const agent = w.nodes.find((n) => n.name === 'Agent') as { typeVersion: number; parameters: Record<string, unknown> };
    agent.typeVersion = 2;
    agent.parameters.needsFallback = needsFallback;
    w.nodes.push({ ...(w.nodes.find((n) => n.name === 'Model') as object), name: 'Backup Model', id: 'id-backup' });
    w.connections['Backup Model'] = { ai_languageModel: [[{ node: 'Agent', type: 'ai_languageModel', index: 1 }]] };
  });
}

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

  // Regression (issue 20): a disabled agent's model, tool and memory were still priced.
  it('prices nothing under a disabled agent: its sub-nodes never run', () => {
    const analysis = analyzeEdited((w) => {
      (w.nodes.find((n) => n.name === 'Agent') as Record<string, unknown>).disabled = true;
    });
    assert.deepEqual(['Model', 'Calculator', 'Memory'].map((n) => [n, nodeOf(analysis, n).runs.max, nodeOf(analysis, n).credits.max]), [['Model', 0, 0], ['Calculator', 0, 0], ['Memory', 0, 0]]);
    // Hand count: the nominal 5 and Reply's core run (100), which the disabled agent passes its item to.
    assert.deepEqual(analysis.perExecution, { expected: 105, min: 105, max: 105 });
  });

  it('leaves a disabled sub-node unpriced and out of the tool count', () => {
    const analysis = analyzeEdited((w) => {
      (w.nodes.find((n) => n.name === 'Calculator') as Record<string, unknown>).disabled = true;
    });
    // Without an enabled tool the agent makes one call per item (1400 mc) and runs no tool.
    assert.deepEqual([nodeOf(analysis, 'Model').llmCalls, nodeOf(analysis, 'Calculator').runs.max], [{ expected: 1, min: 1, max: 1 }, 0]);
  });

  // Regression (issue 20): the fallback model was priced as if every call also went to it.
  it('expects no call to the fallback model and at most one per call of the model', () => {
    const analysis = withFallback(true);
    assert.deepEqual([nodeOf(analysis, 'Backup Model').llmCalls, nodeOf(analysis, 'Backup Model').credits], [{ expected: 0, min: 0, max: 5 }, { expected: 0, min: 0, max: 7000 }]);
    // The primary model is unchanged (2800 / 1400 / 7000); the agent's max adds the fallback's 5 × 1400.
    assert.deepEqual([nodeOf(analysis, 'Model').credits, nodeOf(analysis, 'Agent').totalCredits], [{ expected: 2800, min: 1400, max: 7000 }, { expected: 3070, min: 1620, max: 14420 }]);
  });

  it('never calls a second model that needsFallback leaves unused', () => {
    assert.deepEqual(nodeOf(withFallback(false), 'Backup Model').credits, { expected: 0, min: 0, max: 0 });
  });
});
