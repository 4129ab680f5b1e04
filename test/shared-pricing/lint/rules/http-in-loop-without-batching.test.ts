import assert from 'node:assert/strict';
import { httpInLoopWithoutBatching } from '../../../../shared-pricing/src/lint/rules/http-in-loop-without-batching';
import { analysis, node, r, runRule, summary, workflowText } from '../support';

const HTTP = 'n8n-nodes-base.httpRequest';
const LOOP = 'n8n-nodes-base.splitInBatches';

describe('http-in-loop-without-batching', () => {
  const cases = [
    {
      does: 'report a request in a loop of batch size 1',
      loop: { version: 3, parameters: { batchSize: 1 } },
      runs: 100,
      options: {},
      expected: [['HTTP', 'HTTP Request "HTTP" runs once per item inside loop "Loop" (batch size 1): 100 runs per execution; raise the batch size or send the items in one request']],
    },
    {
      does: 'take a v3 loop without a batch size as n8n\'s default of 1',
      loop: { version: 3, parameters: {} },
      runs: 50,
      options: {},
      expected: [['HTTP', 'HTTP Request "HTTP" runs once per item inside loop "Loop" (batch size 1): 50 runs per execution; raise the batch size or send the items in one request']],
    },
    { does: 'take a v1 loop without a batch size as n8n\'s default of 10', loop: { version: 1, parameters: {} }, runs: 10, options: {}, expected: [] },
    { does: 'ignore a loop with a larger batch size', loop: { version: 3, parameters: { batchSize: 50 } }, runs: 2, options: {}, expected: [] },
    {
      does: 'report up to maxBatchSize',
      loop: { version: 3, parameters: { batchSize: 5 } },
      runs: 20,
      options: { maxBatchSize: 5 },
      expected: [['HTTP', 'HTTP Request "HTTP" runs once per item inside loop "Loop" (batch size 5): 20 runs per execution; raise the batch size or send the items in one request']],
    },
    { does: 'stay quiet below minRuns', loop: { version: 3, parameters: { batchSize: 1 } }, runs: 3, options: { minRuns: 4 }, expected: [] },
  ];
  for (const c of cases) {
    it(`does ${c.does}`, () => {
      const nodes = [node('Loop', LOOP, { typeVersion: c.loop.version }), node('HTTP', HTTP, { loops: ['Loop'], runs: r(c.runs) })];
      const text = workflowText([{ name: 'Loop', type: LOOP, parameters: c.loop.parameters }, { name: 'HTTP', type: HTTP }]);
      assert.deepEqual(summary(runRule(httpInLoopWithoutBatching, analysis(nodes), c.options, text)), c.expected);
    });
  }

  it('does ignore a request outside loops', () => {
    const nodes = [node('HTTP', HTTP, { runs: r(100) })];
    assert.deepEqual(runRule(httpInLoopWithoutBatching, analysis(nodes), {}, workflowText([{ name: 'HTTP', type: HTTP }])), []);
  });
});
