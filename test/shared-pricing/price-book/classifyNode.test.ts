import { strict as assert } from 'node:assert';
import { classifyNode, loadPriceBook } from '../../../shared-pricing/src';

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
});
