import { strict as assert } from 'node:assert';
import { analyzeWorkflow } from '../../../shared-pricing/src/estimate';
import { priceExecution } from '../../../shared-pricing/src/execution';
import { getPlan } from '../../../shared-pricing/src/plans';
import { getPriceBook } from '../../../shared-pricing/src/price-book/loadPriceBook';
import { priceBookPresetNames } from '../../../shared-pricing/src/price-book/presets';
import { connect, execution, node, ok, workflow } from './runData';

// This project's community nodes, by the n8n type names of package.json's "n8n.nodes" (and the tool
// variant n8n derives from a usableAsTool node).
const wf = workflow(
  [
    node('Webhook', 'n8n-nodes-base.webhook'),
    node('Guard', 'n8n-nodes-credits.credits', { resource: 'balance', operation: 'guard' }),
    node('Record', 'n8n-nodes-credits.credits', { resource: 'usage', operation: 'record', credits: 2.5 }),
    node('Child', 'n8n-nodes-credits.meteredSubworkflow'),
    node('Balance Tool', 'n8n-nodes-credits.creditsTool'),
    node('Low Balance', 'n8n-nodes-credits.creditsTrigger'),
  ],
  connect([['Webhook', 'Guard'], ['Guard', 'Record'], ['Record', 'Child']]),
);
const run = execution('e1', { Webhook: [ok()], Guard: [ok()], Record: [ok()], Child: [ok()], 'Balance Tool': [ok()], 'Low Balance': [ok()] });

describe('the Credits nodes themselves', () => {
  for (const preset of priceBookPresetNames()) {
    // Regression (issue 20): the hook priced them as app calls: recording 2.5 credits cost 3.5, a Guard 1.
    it(`cost nothing when metered under the ${preset} price book`, () => {
      const priced = priceExecution(run, wf, getPriceBook(preset), { ...getPlan('twenty'), editorRunsFree: false });
      const ours = priced.charges.filter((c) => c.nodeName !== 'Webhook' && c.nodeName !== '(execution)');
      assert.deepEqual(ours.map((c) => [c.nodeName, c.millicredits]), []);
    });

    it(`cost nothing in the estimate under the ${preset} price book, and count as explicitly priced`, () => {
      const analysis = analyzeWorkflow(JSON.stringify(wf), getPriceBook(preset));
      const ours = analysis.nodes.filter((n) => n.type.startsWith('n8n-nodes-credits.'));
      assert.deepEqual(ours.map((n) => [n.name, n.credits.max, n.className, n.explicit]), ours.map((n) => [n.name, 0, 'metering', true]));
    });
  }
});
