import { strict as assert } from 'node:assert';
import { servedNodeOf } from './pricing';
import { connect, node, workflow } from './runData';

describe('servedNodeOf', () => {
  it('finds the agent an LLM sub-node is connected to through ai_languageModel', () => {
    const wf = workflow([node('Model', '@n8n/n8n-nodes-langchain.lmChatOpenAi'), node('Agent', '@n8n/n8n-nodes-langchain.agent')], connect([['Model', 'Agent', 'ai_languageModel']]));
    assert.equal(servedNodeOf('Model', wf), 'Agent');
  });

  it('ignores main connections', () => {
    const wf = workflow([], connect([['Model', 'Agent', 'main']]));
    assert.equal(servedNodeOf('Model', wf), undefined);
  });

  it('returns undefined for a node with no connections or odd connection data', () => {
    const odd = { nodes: [], connections: { Model: { ai_languageModel: [null, [{ node: '', type: 'ai_languageModel', index: 0 }]] } } };
    assert.deepEqual([servedNodeOf('Nobody', workflow([])), servedNodeOf('Model', odd), servedNodeOf('Model', undefined)], [undefined, undefined, undefined]);
  });
});
