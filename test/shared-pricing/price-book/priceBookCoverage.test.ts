import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { loadPriceBook, priceBookCoverage } from '../../../shared-pricing/src/price-book';
import { minimalBook } from './minimalBook';

const book = loadPriceBook({ ...minimalBook(), rules: [...minimalBook().rules, { type: 'acme.widget', operation: 'make', class: 'app' }] });

describe('priceBookCoverage', () => {
  it('counts explicit and fallback instances per node type, most instances first', () => {
    const workflows = [
      { nodes: [{ type: 'n8n-nodes-base.set' }, { type: 'community.thing' }, { type: 'n8n-nodes-base.set' }] },
      { nodes: [{ type: 'community.thing' }, { type: 'community.thing' }, { type: 'other.gadget' }] },
    ];
    assert.deepEqual(priceBookCoverage(workflows, book), {
      workflows: 2,
      nodeInstances: 6,
      explicitInstances: 2,
      fallbackInstances: 4,
      untypedNodes: 0,
      byType: [
        { type: 'community.thing', explicit: 0, fallback: 3 },
        { type: 'n8n-nodes-base.set', explicit: 2, fallback: 0 },
        { type: 'other.gadget', explicit: 0, fallback: 1 },
      ],
      models: { nodes: 0, unnamed: 0, known: 0, unknown: [] },
    });
  });

  it('counts triggers priced by the trigger default as explicit', () => {
    const result = priceBookCoverage([{ nodes: [{ type: 'community.somethingTrigger' }] }], book);
    assert.deepEqual(result.byType, [{ type: 'community.somethingTrigger', explicit: 1, fallback: 0 }]);
  });

  it('splits one type between explicit and fallback when only some operations have a rule', () => {
    const result = priceBookCoverage([{ nodes: [{ type: 'acme.widget', parameters: { operation: 'make' } }, { type: 'acme.widget', parameters: { operation: 'break' } }] }], book);
    assert.deepEqual(result.byType, [{ type: 'acme.widget', explicit: 1, fallback: 1 }]);
  });

  it('skips values that are not workflows and counts node entries without a type', () => {
    const result = priceBookCoverage([null, 'text', { name: 'no nodes' }, { nodes: [null, { type: 7 }, { name: 'x' }, { type: 'n8n-nodes-base.if', parameters: 'odd' }] }], book);
    assert.deepEqual([result.workflows, result.nodeInstances, result.untypedNodes, result.explicitInstances], [1, 1, 3, 1]);
  });

  it('returns zeros for no workflows', () => {
    assert.deepEqual(priceBookCoverage([], book), { workflows: 0, nodeInstances: 0, explicitInstances: 0, fallbackInstances: 0, untypedNodes: 0, byType: [], models: { nodes: 0, unnamed: 0, known: 0, unknown: [] } });
  });

  it('counts how the models of LLM nodes resolve when given a model reader', () => {
    const lm = (model?: string) => ({ type: '@n8n/n8n-nodes-langchain.lmChatOpenAi', parameters: model === undefined ? {} : { model } });
    const workflows = [{ nodes: [lm('gpt-4o-2024-08-06'), lm('gpt-4o'), lm('my-model'), lm('my-model'), lm('other'), lm(), { type: 'n8n-nodes-base.set', parameters: { model: 'x' } }] }];
    const modelOf = (node: { parameters?: Record<string, unknown> }) => node.parameters?.model as string | undefined;
    assert.deepEqual(priceBookCoverage(workflows, book, modelOf).models, {
      nodes: 6,
      unnamed: 1,
      known: 2,
      unknown: [
        { model: 'my-model', instances: 2 },
        { model: 'other', instances: 1 },
      ],
    });
  });

  it('always splits node instances into explicit + fallback, and the types sum to them (property)', () => {
    const type = fc.constantFrom('n8n-nodes-base.set', 'community.a', 'community.bTrigger', '@n8n/n8n-nodes-langchain.lmChatOpenAi', 'x');
    const workflow = fc.record({ nodes: fc.array(fc.oneof(fc.record({ type }), fc.constant(null)), { maxLength: 8 }) });
    fc.assert(
      fc.property(fc.array(workflow, { maxLength: 6 }), (workflows) => {
        const r = priceBookCoverage(workflows, book);
        assert.equal(r.explicitInstances + r.fallbackInstances, r.nodeInstances);
        assert.equal(r.byType.reduce((sum, t) => sum + t.explicit + t.fallback, 0), r.nodeInstances);
      }),
    );
  });
});
