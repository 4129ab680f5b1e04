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
      expected: [['Split Out', 'the estimate for "Split Out" rests on a guessed item count: itemsPerFanOut = 10 (a default, not a bound); add "credits: items=…" to the node\'s notes']],
    },
    { does: 'ignore a count set in the notes', uses: [guess({ source: 'notes' })], expected: [] },
    { does: 'ignore a bounded default', uses: [guess({ unbounded: false })], expected: [] },
    {
      does: 'report one guess once even when two places list it',
      uses: [guess({}), guess({})],
      expected: [['Split Out', 'the estimate for "Split Out" rests on a guessed item count: itemsPerFanOut = 10 (a default, not a bound); add "credits: items=…" to the node\'s notes']],
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
    assert.deepEqual(summary(runRule(unboundedItemCount, input)), [[undefined, 'the estimate for "test workflow" rests on a guessed item count: itemsPerTrigger = 10 (a default, not a bound); set defaults.itemsPerTrigger']]);
  });
});
