import assert from 'node:assert/strict';
import { NodeOperationError, type INode } from 'n8n-workflow';
import { creditsText, toMillicredits } from '../../nodes/Credits/helpers/amounts';
import { findTokenUsage } from '../../nodes/Credits/helpers/tokens';

const node = { name: 'Credits', type: 'n8n-nodes-credits.credits' } as INode;

describe('unit', () => {
	describe('findTokenUsage', () => {
		it('reads n8n tokenUsage {promptTokens, completionTokens}', () => {
			assert.deepEqual(findTokenUsage({ tokenUsage: { promptTokens: 10, completionTokens: 4, totalTokens: 14 } }), { input: 10, output: 4, shape: 'n8n' });
		});

		it('reads OpenAI usage with the model beside it', () => {
			assert.deepEqual(findTokenUsage({ model: 'gpt-4o', usage: { prompt_tokens: 7, completion_tokens: 3 } }), { input: 7, output: 3, shape: 'openai', model: 'gpt-4o' });
		});

		it('reads Anthropic usage', () => {
			assert.deepEqual(findTokenUsage({ model: 'claude-3-5-sonnet', usage: { input_tokens: 100, output_tokens: 50 } }), { input: 100, output: 50, shape: 'anthropic', model: 'claude-3-5-sonnet' });
		});

		it('reads the usage under response (n8n LLM chain output)', () => {
			assert.deepEqual(findTokenUsage({ response: { tokenUsage: { promptTokens: 2, completionTokens: 1 } } }), { input: 2, output: 1, shape: 'n8n' });
		});

		it('reads the object at a dotted path', () => {
			assert.deepEqual(findTokenUsage({ a: { b: { usage: { input_tokens: 1, output_tokens: 2 } } } }, 'a.b'), { input: 1, output: 2, shape: 'anthropic' });
		});

		it('accepts a path that points at the usage object itself', () => {
			assert.deepEqual(findTokenUsage({ meta: { prompt_tokens: 5, completion_tokens: 6 } }, 'meta'), { input: 5, output: 6, shape: 'openai' });
		});

		it('finds nothing when a count is not a whole number', () => {
			assert.equal(findTokenUsage({ usage: { prompt_tokens: 1.5, completion_tokens: 2 } }), undefined);
		});

		it('finds nothing in an item without usage', () => {
			assert.equal(findTokenUsage({ text: 'hi' }), undefined);
		});
	});

	describe('toMillicredits', () => {
		it('turns credits into millicredits, rounding half-up once', () => {
			assert.deepEqual([toMillicredits(node, 1.5, 'A', 0), toMillicredits(node, '0.0015', 'A', 0), toMillicredits(node, 0.1 + 0.2, 'A', 0)], [1500, 2, 300]);
		});

		it('refuses an empty string naming the item', () => {
			assert.throws(() => toMillicredits(node, '', 'Amount', 4), (e: unknown) => e instanceof NodeOperationError && e.message === 'Amount must be a number of credits, got "" (item 4)');
		});

		it('refuses nothing at all', () => {
			assert.throws(() => toMillicredits(node, undefined, 'Amount', 0), { message: 'Amount must be a number of credits, got nothing (item 0)' });
		});
	});

	describe('creditsText', () => {
		it('formats millicredits as credits', () => {
			assert.deepEqual([creditsText(1500), creditsText(5), creditsText(-2000)], ['1.5', '0.005', '-2']);
		});
	});
});
