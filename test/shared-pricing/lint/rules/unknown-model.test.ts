import assert from 'node:assert/strict';
import { unknownModel } from '../../../../shared-pricing/src/lint/rules/unknown-model';
import { analysis, node, runRule, summary } from '../support';

const LM = '@n8n/n8n-nodes-langchain.lmChatOpenAi';

describe('unknown-model', () => {
  const cases = [
    {
      does: 'report a model priced at the fallback rates, with those rates',
      nodes: [node('Model', LM, { model: 'gpt-9', modelFallback: true, parent: 'Agent' })],
      expected: [['Model', 'model "gpt-9" of "Model" is not in price book "default"; it is priced at fallback rates (3000 / 15000 millicredits per 1K input / output tokens)']],
    },
    { does: 'ignore a known model', nodes: [node('Model', LM, { model: 'gpt-4o', modelFallback: false })], expected: [] },
    { does: 'ignore a disabled node with an unknown model', nodes: [node('Model', LM, { model: 'gpt-9', modelFallback: true, disabled: true })], expected: [] },
  ];
  for (const c of cases) {
    it(`does ${c.does}`, () => {
      assert.deepEqual(summary(runRule(unknownModel, analysis(c.nodes))), c.expected);
    });
  }
});
