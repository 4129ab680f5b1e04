import { strict as assert } from 'node:assert';
import { ledgerState, makeTestApp, type TestApp } from './helpers';

// A Slack step (1 credit, 1000 mc in the twenty book) and a gpt-4o-mini model sub-node
// (150 mc per 1K input tokens, 600 mc per 1K output tokens).
const workflow = {
  id: 'wf-tokens', name: 'Tokens',
  nodes: [
    { name: 'Post to Slack', type: 'n8n-nodes-base.slack', typeVersion: 1, parameters: {} },
    { name: 'OpenAI Model', type: '@n8n/n8n-nodes-langchain.lmChatOpenAi', typeVersion: 1, parameters: { model: { __rl: true, value: 'gpt-4o-mini', mode: 'list' } } },
  ],
  connections: {},
};

/** An execution whose model run carries `modelRun` (its `data` or `metadata`). */
function execution(executionId: string, modelRun: Record<string, unknown>) {
  const runData = {
    'Post to Slack': [{ startTime: 1, executionStatus: 'success', data: { main: [[{ json: {} }]] } }],
    'OpenAI Model': [{ startTime: 2, executionStatus: 'success', ...modelRun }],
  };
  return { workflow, run: { executionId, mode: 'trigger', status: 'success', data: { resultData: { runData } } } };
}
const lmRun = (key: 'tokenUsage' | 'tokenUsageEstimate', promptTokens: unknown, completionTokens: unknown) =>
  ({ data: { ai_languageModel: [[{ json: { [key]: { promptTokens, completionTokens } } }]] } });

describe('POST /v1/executions with token counts', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await makeTestApp();
  });
  afterEach(async () => t.close());

  it('records the Slack step and the tokens when the counts are whole numbers', async () => {
    const res = await t.call('meter', { method: 'POST', url: '/v1/executions', payload: execution('ok-1', lmRun('tokenUsage', 1000, 300)) });
    // 1000 (Slack) + 1000 × 150 / 1000 + 300 × 600 / 1000 = 1000 + 150 + 180.
    assert.deepEqual([res.statusCode, res.json().totalMillicredits, res.json().recorded], [200, 1330, 2]);
  });

  const cases: Array<[string, Record<string, unknown>, string]> = [
    ['a tokenUsage.promptTokens of "1000"', lmRun('tokenUsage', '1000', 300),
      'runData["OpenAI Model"][0].data.ai_languageModel[0][0].json.tokenUsage.promptTokens must be a whole number of tokens ≥ 0, got "1000"'],
    ['a tokenUsageEstimate.completionTokens of 1.5', lmRun('tokenUsageEstimate', 1000, 1.5),
      'runData["OpenAI Model"][0].data.ai_languageModel[0][0].json.tokenUsageEstimate.completionTokens must be a whole number of tokens ≥ 0, got 1.5'],
    ['a metadata.tokenUsage.inputTokens of -1000', { metadata: { tokenUsage: { inputTokens: -1000, outputTokens: 300 } }, data: { main: [[{ json: {} }]] } },
      'runData["OpenAI Model"][0].metadata.tokenUsage.inputTokens must be a whole number of tokens ≥ 0, got -1000'],
    ['a tokenUsage.promptTokens of 1e300', lmRun('tokenUsage', 1e300, 300),
      'runData["OpenAI Model"][0].data.ai_languageModel[0][0].json.tokenUsage.promptTokens must be a whole number of tokens ≥ 0, got 1e+300'],
  ];
  for (const [label, modelRun, message] of cases) {
    it(`answers 400 naming the path of ${label} and records nothing, not even the Slack step`, async () => {
      const before = await ledgerState(t);
      const res = await t.call('meter', { method: 'POST', url: '/v1/executions', payload: execution('bad-1', modelRun) });
      const entries = await t.call('admin', { url: '/v1/executions/bad-1/entries' });
      assert.deepEqual(
        [res.statusCode, res.json().error, await ledgerState(t), entries.statusCode],
        [400, { code: 'invalid-execution', message, field: 'run' }, before, 404],
      );
    });
  }
});
