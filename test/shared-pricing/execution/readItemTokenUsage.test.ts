import { strict as assert } from 'node:assert';
import { PricingError } from '../../../shared-pricing/src/errors';
import { readItemTokenUsage } from '../../../shared-pricing/src/execution/readTokenUsage';

describe('readItemTokenUsage', () => {
  it('reads n8n tokenUsage {promptTokens, completionTokens}', () => {
    assert.deepEqual(readItemTokenUsage({ tokenUsage: { promptTokens: 10, completionTokens: 4, totalTokens: 14 } }), { input: 10, output: 4, shape: 'n8n' });
  });

  it('reads OpenAI usage with the model beside it', () => {
    assert.deepEqual(readItemTokenUsage({ model: 'gpt-4o', usage: { prompt_tokens: 7, completion_tokens: 3 } }), { input: 7, output: 3, shape: 'openai', model: 'gpt-4o' });
  });

  it('reads Anthropic usage', () => {
    assert.deepEqual(readItemTokenUsage({ model: 'claude-3-5-sonnet', usage: { input_tokens: 100, output_tokens: 50 } }), { input: 100, output: 50, shape: 'anthropic', model: 'claude-3-5-sonnet' });
  });

  it('reads the usage under response (n8n LLM chain output)', () => {
    assert.deepEqual(readItemTokenUsage({ response: { tokenUsage: { promptTokens: 2, completionTokens: 1 } } }), { input: 2, output: 1, shape: 'n8n' });
  });

  it('reads the object at a dotted path', () => {
    assert.deepEqual(readItemTokenUsage({ a: { b: { usage: { input_tokens: 1, output_tokens: 2 } } } }, 'a.b'), { input: 1, output: 2, shape: 'anthropic' });
  });

  it('accepts a path that points at the usage object itself', () => {
    assert.deepEqual(readItemTokenUsage({ meta: { prompt_tokens: 5, completion_tokens: 6 } }, 'meta'), { input: 5, output: 6, shape: 'openai' });
  });

  it('counts a missing count as 0 beside its pair, as the run reader does', () => {
    assert.deepEqual(readItemTokenUsage({ tokenUsage: { promptTokens: 8, completionTokens: null } }), { input: 8, output: 0, shape: 'n8n' });
  });

  it('finds nothing in an item without usage', () => {
    assert.deepEqual([readItemTokenUsage({ text: 'hi' }), readItemTokenUsage({ usage: { total_tokens: 3 } }), readItemTokenUsage({ a: 1 }, 'a.b')], [undefined, undefined, undefined]);
  });

  it('throws a PricingError naming the path of a count that is not a whole number', () => {
    assert.throws(
      () => readItemTokenUsage({ out: { response: { usage: { prompt_tokens: 1.5, completion_tokens: 2 } } } }, 'out'),
      (error: unknown) => error instanceof PricingError && error.message === '$json.out.response.usage.prompt_tokens must be a whole number of tokens ≥ 0, got 1.5',
    );
  });
});
