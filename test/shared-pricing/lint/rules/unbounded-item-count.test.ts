import assert from 'node:assert/strict';
import { unboundedItemCount } from '../../../../shared-pricing/src/lint/rules/unbounded-item-count';
import type { AssumptionUse } from '../../../../shared-pricing/src/estimate/types';
import { analysis, node, runRule, summary } from '../support';

const guess = (extra: Partial<AssumptionUse>): AssumptionUse => ({
  name: 'itemsPerFanOut',
  value: 10,
  source: 'default',
  node: 'Split Out',
  howToChange: 'add "credits: items=…" to the node\'s notes',
  unbounded: true,
  ...extra,
});

describe('unbounded-item-count', () => {
  const cases = [
    {
      does: 'report a default guess for an unbounded count',
      uses: [guess({})],
      expected: [['Split Out', '"Split Out": itemsPerFanOut = 10 is a guess, not a bound']],
    },
    { does: 'ignore a count set in the notes', uses: [guess({ source: 'notes' })], expected: [] },
    { does: 'ignore a bounded default', uses: [guess({ unbounded: false })], expected: [] },
    {
      does: 'report one guess once even when two places list it',
      uses: [guess({}), guess({})],
      expected: [['Split Out', '"Split Out": itemsPerFanOut = 10 is a guess, not a bound']],
    },
  ];
  for (const c of cases) {
    it(`does ${c.does}`, () => {
      const input = analysis([node('Split Out', 'n8n-nodes-base.splitOut', { assumptions: c.uses })]);
      assert.deepEqual(summary(runRule(unboundedItemCount, input)), c.expected);
    });
  }

  it('does report a workflow-level guess at the workflow', () => {
    const input = analysis([], { assumptions: [guess({ name: 'itemsPerTrigger', node: undefined, howToChange: 'set defaults.itemsPerTrigger' })] });
    assert.deepEqual(summary(runRule(unboundedItemCount, input)), [[undefined, '"test workflow": itemsPerTrigger = 10 is a guess, not a bound']]);
  });

  it('does keep how to change the guess in the detail, out of the one-line message', () => {
    const input = analysis([node('Split Out', 'n8n-nodes-base.splitOut', { assumptions: [guess({})] })]);
    assert.deepEqual(runRule(unboundedItemCount, input).map((f) => f.detail), ['the estimate multiplies what follows by it; add "credits: items=…" to the node\'s notes']);
  });

  it('is off by default: it says how sure an estimate is, not what costs too much', () => {
    assert.equal(unboundedItemCount.meta.defaultSeverity, 'off');
  });
});
