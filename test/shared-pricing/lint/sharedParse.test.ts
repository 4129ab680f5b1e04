import assert from 'node:assert/strict';
import sinon from 'sinon';
import { parseWorkflowDocument } from '../../../shared-pricing/src/document/parseWorkflowDocument';
import { analyzeWorkflow } from '../../../shared-pricing/src/estimate/analyzeWorkflow';
import { getPriceBook } from '../../../shared-pricing/src/price-book/loadPriceBook';
import { lintWorkflow } from '../../../shared-pricing/src/lint/lintWorkflow';
import { unpricedNodeType } from '../../../shared-pricing/src/lint/rules/unpriced-node-type';
import type { LintRule, RawNode } from '../../../shared-pricing/src/lint/types';

const book = getPriceBook('default');
const workflow = (batchSize: number) =>
  JSON.stringify({ nodes: [{ name: 'Loop', type: 'n8n-nodes-base.splitInBatches', typeVersion: 3, parameters: { batchSize } }], connections: {} }, null, 2);

/** A rule that only records what `rawNode('Loop')` gives it. */
function probe(): { rule: LintRule; seen: () => RawNode | undefined } {
  let seen: RawNode | undefined;
  return { rule: { meta: { ...unpricedNodeType.meta, id: 'probe' }, check: (c) => void (seen = c.rawNode('Loop')) }, seen: () => seen };
}

describe('lintWorkflow raw nodes', () => {
  afterEach(() => sinon.restore());

  it('does give rules the raw nodes of the document the analysis read, without parsing the text again', () => {
    const document = parseWorkflowDocument(workflow(5));
    const analysis = analyzeWorkflow(document, book);
    const { rule, seen } = probe();
    const parse = sinon.spy(JSON, 'parse');
    lintWorkflow({ analysis, priceBook: book, document, rules: [rule] });
    assert.deepEqual([seen(), parse.callCount], [{ name: 'Loop', type: 'n8n-nodes-base.splitInBatches', disabled: false, parameters: { batchSize: 5 } }, 0]);
  });

  it('does read the raw nodes from the given text when there is no document', () => {
    const analysis = analyzeWorkflow(workflow(5), book);
    const { rule, seen } = probe();
    lintWorkflow({ analysis, priceBook: book, text: workflow(50), rules: [rule] });
    assert.deepEqual(seen()?.parameters, { batchSize: 50 });
  });

  it('does read the raw nodes of half-typed text that is not strict JSON', () => {
    const document = parseWorkflowDocument('{"nodes": [{"name": "Loop", "type": "n8n-nodes-base.splitInBatches", "parameters": {"batchSize": 7}}, {"name": "B", "type": ');
    const analysis = analyzeWorkflow(document, book);
    const { rule, seen } = probe();
    lintWorkflow({ analysis, priceBook: book, document, rules: [rule] });
    assert.deepEqual(seen()?.parameters, { batchSize: 7 });
  });
});
