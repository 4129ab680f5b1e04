import { strict as assert } from 'node:assert';
import { classifyNode, loadPriceBook } from '../../../shared-pricing/src/price-book';

const book = loadPriceBook({
  version: 1,
  name: 'test',
  nominalPerExecution: 0,
  classes: {
    trigger: { unit: 'run', rate: 0 },
    app: { unit: 'run', rate: 1000 },
    write: { unit: 'run', rate: 2000 },
    llm: { unit: 'tokens', rate: 0 },
    lmSpecial: { unit: 'run', rate: 7 },
  },
  fallbackClass: 'app',
  triggerClass: 'trigger',
  rules: [
    { type: 'n8n-nodes-base.*', class: 'app' },
    { type: 'n8n-nodes-base.googleSheets', class: 'app' },
    { type: 'n8n-nodes-base.googleSheets', operation: 'append', class: 'write' },
    { type: '@n8n/n8n-nodes-langchain.lm*', class: 'llm' },
    { type: '@n8n/n8n-nodes-langchain.lmChat*', class: 'lmSpecial' },
  ],
  models: {},
  modelFallback: { input: 1, output: 1 },
});

describe('classifyNode', () => {
  it('prefers an exact type with a matching operation over the exact type alone', () => {
    const result = classifyNode({ type: 'n8n-nodes-base.googleSheets', parameters: { operation: 'append' } }, book);
    assert.equal(result.className, 'write');
    assert.equal(result.matchedBy, 'exact');
  });

  it('uses the exact type when the operation does not match its override', () => {
    assert.equal(classifyNode({ type: 'n8n-nodes-base.googleSheets', parameters: { operation: 'read' } }, book).className, 'app');
  });

  it('prefers the glob with more literal characters', () => {
    assert.equal(classifyNode({ type: '@n8n/n8n-nodes-langchain.lmChatOpenAi' }, book).className, 'lmSpecial');
    assert.equal(classifyNode({ type: '@n8n/n8n-nodes-langchain.lmOllama' }, book).className, 'llm');
  });

  it('gives an unmatched trigger the trigger class, explicitly', () => {
    const result = classifyNode({ type: 'community.fooTrigger' }, book);
    assert.deepEqual([result.className, result.matchedBy, result.explicit], ['trigger', 'trigger-default', true]);
  });

  it('reports a node no rule matches as priced by the fallback, not explicitly', () => {
    const result = classifyNode({ type: 'community.foo' }, book);
    assert.deepEqual([result.className, result.matchedBy, result.explicit], ['app', 'fallback', false]);
  });

  it('prices a node without a string type by the fallback instead of throwing', () => {
    const result = classifyNode({ type: undefined as unknown as string }, book);
    assert.deepEqual([result.className, result.explicit], ['app', false]);
  });

  it('ignores parameters that are not an object when checking an operation', () => {
    const result = classifyNode({ type: 'n8n-nodes-base.googleSheets', parameters: 'append' as unknown as Record<string, unknown> }, book);
    assert.deepEqual([result.className, result.matchedBy], ['app', 'exact']);
  });

  it('prefers a glob whose condition holds over a more specific glob without one', () => {
    const withConditions = loadPriceBook({
      version: 1,
      name: 'conditions',
      nominalPerExecution: 0,
      classes: { trigger: { unit: 'run', rate: 0 }, app: { unit: 'run', rate: 1000 }, write: { unit: 'run', rate: 2000 } },
      fallbackClass: 'app',
      triggerClass: 'trigger',
      rules: [
        { type: 'acme.*', operation: 'create', class: 'write' },
        { type: 'acme.crm*', class: 'app' },
      ],
      models: {},
      modelFallback: { input: 1, output: 1 },
    });
    assert.deepEqual(
      [classifyNode({ type: 'acme.crmContact', parameters: { operation: 'create' } }, withConditions).className, classifyNode({ type: 'acme.crmContact' }, withConditions).className],
      ['write', 'app'],
    );
  });
});
