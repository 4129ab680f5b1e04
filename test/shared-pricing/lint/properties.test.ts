import assert from 'node:assert/strict';
import fc from 'fast-check';
import { compareCost } from '../../../shared-pricing/src/lint/compareCost';
import { lintWorkflow } from '../../../shared-pricing/src/lint/lintWorkflow';
import { budgetPerExecution } from '../../../shared-pricing/src/lint/rules/budget-per-execution';
import { unpricedNodeType } from '../../../shared-pricing/src/lint/rules/unpriced-node-type';
import { getPriceBook } from '../../../shared-pricing/src/price-book/loadPriceBook';
import { analysis, node, r, runRule } from './support';

describe('lint properties', () => {
  it('does report a budget exactly when the expected millicredits exceed it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 10_000 }), (cost, budgetCredits) => {
        const findings = runRule(budgetPerExecution, analysis([node('T', 'n8n-nodes-base.webhook')], { perExecution: r(cost) }), { credits: budgetCredits });
        assert.equal(findings.length, cost > budgetCredits * 1000 ? 1 : 0);
      }),
    );
  });

  it('does make before + delta equal after for every comparison', () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), (after, before) => {
        const change = compareCost(after, before);
        assert.equal((change.before ?? 0) + change.delta, after);
      }),
    );
  });

  it('does give every finding of a workflow its own fingerprint, whatever the node names', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 3 }), { maxLength: 12 }), (names) => {
        const input = analysis(names.map((name) => node(name, 'x.unpriced', { explicit: false })));
        const findings = lintWorkflow({ analysis: input, priceBook: getPriceBook('default'), rules: [unpricedNodeType] });
        assert.equal(new Set(findings.map((f) => f.fingerprint)).size, names.length);
      }),
    );
  });
});
