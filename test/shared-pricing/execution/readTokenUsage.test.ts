import { strict as assert } from 'node:assert';
import { readTokenUsage } from './pricing';
import { lm } from './runData';

describe('readTokenUsage', () => {
  it('reads an LLM sub-node\'s tokenUsage as input and output tokens', () => {
    assert.deepEqual(readTokenUsage(lm(1200, 300)), { input: 1200, output: 300, source: 'tokenUsage' });
  });

  it('reads tokenUsageEstimate when the provider reported none', () => {
    assert.deepEqual(readTokenUsage(lm(40, 7, 'tokenUsageEstimate')), { input: 40, output: 7, source: 'tokenUsageEstimate' });
  });

  it('reads a vendor node\'s metadata.tokenUsage', () => {
    const run = { executionStatus: 'success', metadata: { tokenUsage: { inputTokens: 512, outputTokens: 64 } }, data: { main: [[{ json: {} }]] } };
    assert.deepEqual(readTokenUsage(run), { input: 512, output: 64, source: 'metadata' });
  });

  it('sums several items on the language-model output', () => {
    const run = { data: { ai_languageModel: [[{ json: { tokenUsage: { promptTokens: 10, completionTokens: 1 } } }, { json: { tokenUsage: { promptTokens: 5, completionTokens: 2 } } }]] } };
    assert.deepEqual(readTokenUsage(run), { input: 15, output: 3, source: 'tokenUsage' });
  });

  it('returns undefined for a run without usage', () => {
    assert.equal(readTokenUsage({ data: { ai_languageModel: [[{ json: { response: {} } }]] } }), undefined);
  });

  it('treats counts that are not whole numbers ≥ 0 as 0 rather than throwing', () => {
    const run = { data: { ai_languageModel: [[{ json: { tokenUsage: { promptTokens: -3, completionTokens: '9' } } }], null] } };
    assert.deepEqual(readTokenUsage(run as never), { input: 0, output: 0, source: 'tokenUsage' });
  });
});
