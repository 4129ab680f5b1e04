import { strict as assert } from 'node:assert';
import { parseCreditsConfig } from '../../../shared-pricing/src/estimate';
import { PricingError } from '../../../shared-pricing/src/errors';

function issuesOf(text: string): string[] {
  try {
    parseCreditsConfig(text);
  } catch (error) {
    if (error instanceof PricingError) return error.issues.map((i) => `${i.path}: ${i.message}`);
    throw error;
  }
  throw new Error('expected a PricingError');
}

describe('parseCreditsConfig', () => {
  it('reads defaults, workflows with nodes, nodes, budgets, price book and rules', () => {
    const text = `{
      // comments are allowed
      "defaults": { "itemsPerTrigger": 5 },
      "workflows": { "Orders": { "runsPerMonth": 300, "nodes": { "IF": { "branchShare": 0.1 } } } },
      "nodes": { "Fetch": { "itemsPerFanOut": 200 } },
      "budgets": { "perExecution": 5000, "perMonth": 1000000 },
      "priceBook": "monkedo",
      "rules": { "ai-in-loop": "error" }
    }`;
    assert.deepEqual(parseCreditsConfig(text), {
      defaults: { itemsPerTrigger: 5 },
      workflows: { Orders: { runsPerMonth: 300, nodes: { IF: { branchShare: 0.1 } } } },
      nodes: { Fetch: { itemsPerFanOut: 200 } },
      budgets: { perExecution: 5000, perMonth: 1000000 },
      priceBook: 'monkedo',
      rules: { 'ai-in-loop': 'error' },
    });
  });

  it('names the JSON path of every invalid value', () => {
    const issues = issuesOf('{"defaults": {"branchShare": 2}, "nodes": {"My Node": {"itemsPerFanOut": -1}}, "budgets": {"perMonth": 1.5}}');
    assert.deepEqual(issues, ['$.defaults.branchShare: expected a number from 0 to 1', '$.nodes["My Node"].itemsPerFanOut: expected a number ≥ 0', '$.budgets.perMonth: expected an integer ≥ 0, got 1.5']);
  });

  it('reports unknown keys, so a typo is not silently ignored', () => {
    assert.deepEqual(issuesOf('{"default": {}, "nodes": {"A": {"itemsPerTriger": 3}}}'), [
      '$.default: unknown property; expected one of $schema, defaults, workflows, nodes, budgets, priceBook, rules',
      '$.nodes.A.itemsPerTriger: unknown property; expected one of itemsPerTrigger, itemsPerFanOut, itemsPerRun, branchShare, branchShares, agentIterations, inputTokensPerCall, outputTokensPerCall, runsPerMonth, manualRunsPerMonth, maxItems',
    ]);
  });

  it('names the line and column of a syntax error', () => {
    assert.throws(() => parseCreditsConfig('{\n  "defaults": {\n    "itemsPerTrigger": 5,,\n  }\n}'), /line 3, column 26/);
  });
});
