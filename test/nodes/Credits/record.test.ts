import assert from 'node:assert/strict';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { execute } from '../../../nodes/Credits/actions/usage/record.operation';
import { fakeContext, quoteRoute, usageRoute } from '../context';

const fixed = (amount: unknown) => ({ resource: 'usage', operation: 'record', pricing: 'fixed', amount, options: {} });

describe('unit', () => {
	describe('Credits: Usage → Record', () => {
		it('records a fixed amount in millicredits under the default key execution:node:run:item', async () => {
			const f = fakeContext({ params: fixed(1.5), routes: { 'POST /v1/quote': quoteRoute(), 'POST /v1/usage': usageRoute() } });
			const [out] = await execute.call(f.ctx);
			assert.deepEqual(f.bodies('POST /v1/usage'), [
				{ executionId: 'exec-1', mode: 'trigger', workflowId: 'wf-1', workflowName: 'Workflow One', nodeName: 'Credits', kind: 'usage', nodeType: 'n8n-nodes-credits.credits', key: 'exec-1:Credits:0:item0', millicredits: 1500, runIndex: 0, memberId: null },
			]);
			assert.equal((out[0].json.credits as { status: string }).status, 'recorded');
			assert.deepEqual(out[0].pairedItem, { item: 0 });
		});

		it('gives each item and run index its own key', async () => {
			const f = fakeContext({ items: [{}, {}], runIndex: 3, params: fixed(1), routes: { 'POST /v1/quote': quoteRoute(), 'POST /v1/usage': usageRoute() } });
			await execute.call(f.ctx);
			assert.deepEqual(f.bodies('POST /v1/usage').map((b) => b.key), ['exec-1:Credits:3:item0', 'exec-1:Credits:3:item1']);
		});

		it('uses the idempotency key given in the options', async () => {
			const f = fakeContext({ params: { ...fixed(2), options: { key: 'order-77' } }, routes: { 'POST /v1/quote': quoteRoute(), 'POST /v1/usage': usageRoute() } });
			await execute.call(f.ctx);
			assert.equal(f.bodies('POST /v1/usage')[0].key, 'order-77');
		});

		it('charges what the ledger quotes for a node type and records that type', async () => {
			const f = fakeContext({
				params: { pricing: 'nodeType', nodeType: 'n8n-nodes-base.httpRequest', units: 4, options: {} },
				routes: { 'POST /v1/quote': quoteRoute(2000), 'POST /v1/usage': usageRoute() },
			});
			await execute.call(f.ctx);
			assert.deepEqual(f.bodies('POST /v1/quote'), [{ nodeType: 'n8n-nodes-base.httpRequest', items: 4, mode: 'trigger' }]);
			assert.deepEqual([f.bodies('POST /v1/usage')[0].millicredits, f.bodies('POST /v1/usage')[0].nodeType], [2000, 'n8n-nodes-base.httpRequest']);
		});

		it('prices OpenAI usage found in the item with the model named there', async () => {
			const f = fakeContext({
				items: [{ model: 'gpt-4o-mini', usage: { prompt_tokens: 1200, completion_tokens: 300, total_tokens: 1500 } }],
				params: { pricing: 'tokens', model: '', usageField: '', options: {} },
				routes: { 'POST /v1/quote': quoteRoute(57), 'POST /v1/usage': usageRoute() },
			});
			await execute.call(f.ctx);
			assert.deepEqual(f.bodies('POST /v1/quote'), [{ tokens: { input: 1200, output: 300 }, model: 'gpt-4o-mini', mode: 'trigger' }]);
			const usage = f.bodies('POST /v1/usage')[0];
			assert.deepEqual([usage.kind, usage.model, usage.tokens, usage.millicredits], ['tokens', 'gpt-4o-mini', { input: 1200, output: 300 }, 57]);
		});

		it('prefers the Model parameter over the model in the item', async () => {
			const f = fakeContext({
				items: [{ model: 'claude-3-5-haiku', usage: { input_tokens: 10, output_tokens: 20 } }],
				params: { pricing: 'tokens', model: 'claude-3-5-sonnet', usageField: '', options: {} },
				routes: { 'POST /v1/quote': quoteRoute(9), 'POST /v1/usage': usageRoute() },
			});
			await execute.call(f.ctx);
			assert.equal(f.bodies('POST /v1/quote')[0].model, 'claude-3-5-sonnet');
		});

		it('records nothing for an editor run the plan makes free', async () => {
			const f = fakeContext({ mode: 'manual', params: fixed(5), routes: { 'POST /v1/quote': quoteRoute(), 'POST /v1/usage': usageRoute() } });
			const [out] = await execute.call(f.ctx);
			assert.deepEqual(f.calls(), ['POST /v1/quote']);
			assert.equal((out[0].json.credits as { status: string }).status, 'free');
		});

		it('fails naming the item when an amount is not a number, before calling the ledger', async () => {
			const f = fakeContext({ items: [{}, {}], params: fixed((i: number) => (i === 0 ? 1 : 'abc')), routes: { 'POST /v1/quote': quoteRoute(), 'POST /v1/usage': usageRoute() } });
			const error = await execute.call(f.ctx).catch((e: unknown) => e);
			assert.ok(error instanceof NodeOperationError);
			assert.equal(error.message, 'Amount must be a number of credits, got "abc" (item 1)');
			assert.equal(error.context.itemIndex, 1);
			assert.deepEqual(f.bodies('POST /v1/usage').map((b) => b.key), ['exec-1:Credits:0:item0']);
		});

		it('refuses a negative amount', async () => {
			const f = fakeContext({ params: fixed(-1), routes: { 'POST /v1/quote': quoteRoute(), 'POST /v1/usage': usageRoute() } });
			await assert.rejects(execute.call(f.ctx), { message: 'Amount must not be negative, got -1 (item 0)' });
			assert.deepEqual(f.calls(), []);
		});

		it('fails naming the item when the token usage is missing, and charges nothing', async () => {
			const f = fakeContext({ items: [{ text: 'hello' }], params: { pricing: 'tokens', model: 'gpt-4o', usageField: '', options: {} }, routes: { 'POST /v1/quote': quoteRoute(1), 'POST /v1/usage': usageRoute() } });
			await assert.rejects(execute.call(f.ctx), { message: 'No token usage found in item 0' });
			assert.deepEqual(f.calls(), []);
		});

		it('fails naming the path of a malformed token count instead of calling it no usage, and charges nothing', async () => {
			const f = fakeContext({ items: [{ llm: { usage: { prompt_tokens: 1.5, completion_tokens: 2 } } }], params: { pricing: 'tokens', model: 'gpt-4o', usageField: 'llm', options: {} }, routes: { 'POST /v1/quote': quoteRoute(1), 'POST /v1/usage': usageRoute() } });
			await assert.rejects(execute.call(f.ctx), (error: unknown) => error instanceof NodeOperationError && error.message === '$json.llm.usage.prompt_tokens must be a whole number of tokens ≥ 0, got 1.5 (item 0)');
			assert.deepEqual(f.calls(), []);
		});

		it('turns a malformed token count into an error item under continue-on-fail, and charges the others', async () => {
			const f = fakeContext({
				items: [{ tokenUsage: { promptTokens: '10', completionTokens: 1 } }, { usage: { prompt_tokens: 1, completion_tokens: 2 } }],
				continueOnFail: true,
				params: { pricing: 'tokens', model: 'gpt-4o', usageField: '', options: {} },
				routes: { 'POST /v1/quote': quoteRoute(3), 'POST /v1/usage': usageRoute() },
			});
			const [out] = await execute.call(f.ctx);
			assert.deepEqual(out[0], { json: { error: '$json.tokenUsage.promptTokens must be a whole number of tokens ≥ 0, got "10" (item 0)' }, pairedItem: { item: 0 } });
			assert.deepEqual(f.bodies('POST /v1/usage').map((b) => b.key), ['exec-1:Credits:0:item1']);
		});

		it('fails when neither the parameter nor the item names a model', async () => {
			const f = fakeContext({ items: [{ usage: { prompt_tokens: 1, completion_tokens: 1 } }], params: { pricing: 'tokens', model: '', usageField: '', options: {} }, routes: {} });
			await assert.rejects(execute.call(f.ctx), { message: 'No model given for the tokens of item 0: set Model or include "model" in the item' });
		});

		it('emits an error item paired with its input under continue-on-fail, and charges the others', async () => {
			const f = fakeContext({
				items: [{ usage: { prompt_tokens: 5, completion_tokens: 5 } }, {}, { usage: { prompt_tokens: 1, completion_tokens: 2 } }],
				continueOnFail: true,
				params: { pricing: 'tokens', model: 'gpt-4o', usageField: '', options: {} },
				routes: { 'POST /v1/quote': quoteRoute(3), 'POST /v1/usage': usageRoute() },
			});
			const [out] = await execute.call(f.ctx);
			assert.deepEqual(out[1], { json: { error: 'No token usage found in item 1' }, pairedItem: { item: 1 } });
			assert.deepEqual(f.bodies('POST /v1/usage').map((b) => b.key), ['exec-1:Credits:0:item0', 'exec-1:Credits:0:item2']);
		});

		it('says there is no credential when none is set', async () => {
			const f = fakeContext({ credentials: null, params: fixed(1), routes: { 'POST /v1/quote': quoteRoute(), 'POST /v1/usage': usageRoute() } });
			const error = await execute.call(f.ctx).catch((e: unknown) => e);
			assert.ok(error instanceof NodeOperationError);
			assert.equal(error.message, 'No Credits API credential: Node "Credits" does not have any credentials set');
			assert.deepEqual(f.calls(), []);
		});

		it('says the key was refused on 401 and records nothing', async () => {
			const f = fakeContext({ params: fixed(1), routes: { 'POST /v1/quote': { statusCode: 401, body: { error: { code: 'unauthorized', message: 'unknown API key' } } }, 'POST /v1/usage': usageRoute() } });
			const error = await execute.call(f.ctx).catch((e: unknown) => e);
			assert.ok(error instanceof NodeApiError);
			assert.equal(error.message, 'Pricing failed for item 0: the API key was refused (401): check the Credits API credential');
			assert.equal(error.httpCode, '401');
			assert.deepEqual(f.calls(), ['POST /v1/quote']);
		});

		it('says the ledger cannot be reached when it is down', async () => {
			const down = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5680'), { code: 'ECONNREFUSED' });
			const f = fakeContext({ params: fixed(1), routes: { 'POST /v1/quote': down } });
			const error = await execute.call(f.ctx).catch((e: unknown) => e);
			assert.ok(error instanceof NodeApiError);
			assert.equal(error.message, 'The ledger at http://127.0.0.1:5680 cannot be reached');
			assert.equal(error.context.itemIndex, 0);
		});

		it('turns a ledger down into an error item under continue-on-fail', async () => {
			const f = fakeContext({ continueOnFail: true, params: fixed(1), routes: { 'POST /v1/quote': new Error('socket hang up') } });
			const [out] = await execute.call(f.ctx);
			assert.deepEqual(out, [{ json: { error: 'The ledger at http://127.0.0.1:5680 cannot be reached' }, pairedItem: { item: 0 } }]);
		});

		it('fails with the renewal time when the plan refuses the charge (402)', async () => {
			const f = fakeContext({
				params: fixed(1),
				routes: {
					'POST /v1/quote': quoteRoute(),
					'POST /v1/usage': { statusCode: 402, body: { error: { code: 'credits-exhausted', message: 'no credits left' }, outcome: { renewsAt: '2026-12-01T00:00:00.000Z' } } },
				},
			});
			const error = await execute.call(f.ctx).catch((e: unknown) => e);
			assert.ok(error instanceof NodeOperationError);
			assert.equal(error.message, 'The ledger refused the charge of 1 credits for item 0: no credits left');
			assert.equal(error.description, 'Credits renew at 2026-12-01T00:00:00.000Z');
		});

		it('fails on a key recorded before with another amount (409)', async () => {
			const f = fakeContext({
				params: fixed(1),
				routes: { 'POST /v1/quote': quoteRoute(), 'POST /v1/usage': { statusCode: 409, body: { error: { code: 'key-conflict', message: 'key recorded with 2000 mc', field: 'key' } } } },
			});
			await assert.rejects(execute.call(f.ctx), { message: 'Recording usage failed for item 0: key recorded with 2000 mc (field key) (HTTP 409)' });
		});

		it('refuses an empty node type naming the item', async () => {
			const f = fakeContext({ params: { pricing: 'nodeType', nodeType: ' ', units: 1, options: {} }, routes: {} });
			await assert.rejects(execute.call(f.ctx), { message: 'Node Type is empty (item 0)' });
		});

		it('refuses a fractional item count', async () => {
			const f = fakeContext({ params: { pricing: 'nodeType', nodeType: 'x.y', units: 1.5, options: {} }, routes: {} });
			await assert.rejects(execute.call(f.ctx), { message: 'Items must be a whole number ≥ 0, got 1.5 (item 0)' });
		});
	});
});
