import { strict as assert } from 'node:assert';
import { modelOfNode } from './pricing';

describe('modelOfNode', () => {
  it('reads a model given as a string', () => {
    assert.equal(modelOfNode({ parameters: { model: 'gpt-4o-mini', options: {} } }), 'gpt-4o-mini');
  });

  it('reads a model given as a resource locator (OpenAI and Anthropic chat models)', () => {
    assert.equal(modelOfNode({ parameters: { model: { __rl: true, mode: 'list', value: 'claude-sonnet-4-5-20250929', cachedResultName: 'Claude Sonnet 4.5' } } }), 'claude-sonnet-4-5-20250929');
  });

  it('reads Google Gemini\'s modelName', () => {
    assert.equal(modelOfNode({ parameters: { modelName: 'models/gemini-2.5-flash' } }), 'models/gemini-2.5-flash');
  });

  it('reads the vendor OpenAI node\'s modelId', () => {
    assert.equal(modelOfNode({ parameters: { modelId: { __rl: true, value: 'gpt-4.1', mode: 'list' } } }), 'gpt-4.1');
  });

  it('returns undefined for an expression, which only the running workflow knows', () => {
    assert.equal(modelOfNode({ parameters: { model: '={{ $json.model }}' } }), undefined);
  });

  it('returns undefined for a node without parameters', () => {
    assert.equal(modelOfNode({}), undefined);
  });
});
