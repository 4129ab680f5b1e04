import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import type { Range } from '../../../shared-pricing/src/estimate';
import { analyze } from './fixtures';

const atMost = (a: Range, b: Range) => a.expected <= b.expected && a.min <= b.min && a.max <= b.max;

describe('analyzeWorkflow: monotone in item counts', () => {
  it('never estimates less when a trigger or a fan-out emits more items', () => {
    // A polling trigger into a loop with a branch, an agent with a tool, a fan-out and a helper class.
    const counts = fc.tuple(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 50 }));
    fc.assert(
      fc.property(counts, counts, ([t1, f1], [dt, df]) => {
        const small = analyze('mixed', { defaults: { itemsPerTrigger: t1, itemsPerFanOut: f1 } });
        const large = analyze('mixed', { defaults: { itemsPerTrigger: t1 + dt, itemsPerFanOut: f1 + df } });
        return atMost(small.perExecution, large.perExecution) && atMost(small.monthly.credits, large.monthly.credits);
      }),
      { numRuns: 150 },
    );
  });

  it('estimates 0 items per trigger as the trigger alone plus the nominal charge', () => {
    assert.deepEqual(analyze('mixed', { defaults: { itemsPerTrigger: 0 } }).perExecution, { expected: 5, min: 5, max: 5 });
  });

  it('keeps min ≤ expected ≤ max for every node', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100 }), fc.double({ min: 0, max: 1, noNaN: true }), (items, share) => {
        const analysis = analyze('mixed', { defaults: { itemsPerTrigger: items, branchShare: share } });
        return analysis.nodes.every((n) => n.credits.min <= n.credits.expected && n.credits.expected <= n.credits.max && n.runs.min <= n.runs.expected + 1e-6 && n.runs.expected <= n.runs.max + 1e-6);
      }),
      { numRuns: 100 },
    );
  });
});
