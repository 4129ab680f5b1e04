import assert from 'node:assert/strict';
import { unpricedNodeType } from '../../../../shared-pricing/src/lint/rules/unpriced-node-type';
import { analysis, node, runRule, summary } from '../support';

describe('unpriced-node-type', () => {
  const cases = [
    {
      does: 'report a node priced at the fallback class',
      nodes: [node('Acme', 'n8n-nodes-acme.acme', { explicit: false, className: 'app' })],
      expected: [['Acme', 'node type "n8n-nodes-acme.acme" of "Acme" has no rule in price book "default"; it is priced at the fallback class "app"']],
    },
    { does: 'ignore a node a rule priced', nodes: [node('Slack', 'n8n-nodes-base.slack', { explicit: true })], expected: [] },
    { does: 'ignore a disabled unpriced node', nodes: [node('Acme', 'n8n-nodes-acme.acme', { explicit: false, disabled: true })], expected: [] },
  ];
  for (const c of cases) {
    it(`does ${c.does}`, () => {
      assert.deepEqual(summary(runRule(unpricedNodeType, analysis(c.nodes))), c.expected);
    });
  }
});
