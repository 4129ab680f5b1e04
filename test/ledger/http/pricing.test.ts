import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ledgerState, makeTestApp, type TestApp } from './helpers';

const linear = JSON.parse(readFileSync(join(__dirname, '../../fixtures/run-data/linear.workflow.json'), 'utf8'));

describe('unit', () => {
	describe('POST /v1/quote and POST /v1/estimates', () => {
		let t: TestApp;
		beforeEach(async () => {
			t = await makeTestApp();
		});
		afterEach(async () => {
			await t.close();
		});

		const quote = async (payload: object, role: 'meter' | 'member' | 'admin' | null = 'meter') => t.call(role, { method: 'POST', url: '/v1/quote', payload });

		it('prices a node type with the workspace plan\'s price book', async () => {
			const r = await quote({ nodeType: 'n8n-nodes-base.httpRequest' });
			assert.equal(r.statusCode, 200);
			assert.deepEqual([r.json().millicredits, r.json().kind, r.json().className], [10000, 'run', 'http']);
		});

		it('prices tokens by model, rounding up once', async () => {
			const r = await quote({ tokens: { input: 1000, output: 500 }, model: 'gpt-4o-mini' });
			assert.deepEqual([r.json().millicredits, r.json().model], [450, 'gpt-4o-mini']);
		});

		it('quotes 0 for an editor run when the plan makes editor runs free, with the list price beside it', async () => {
			const r = await quote({ millicredits: 7, mode: 'manual' });
			assert.deepEqual([r.json().millicredits, r.json().listMillicredits, r.json().free], [0, 7, true]);
		});

		it('carries the plan rules a meter key cannot read from /v1/plan', async () => {
			const r = await quote({ millicredits: 1 });
			assert.deepEqual(r.json().plan, { name: 'twenty', priceBook: 'twenty', exhaustion: 'pause', editorRunsFree: true, chargeFailedStep: false });
		});

		it('asks for tokens when the node type is priced by tokens', async () => {
			const r = await quote({ nodeType: '@n8n/n8n-nodes-langchain.lmChatOpenAi' });
			assert.deepEqual([r.statusCode, r.json().error.field], [400, 'tokens']);
		});

		it('refuses tokens that would price past the largest amount, and counts past 2^53, with a 400 naming tokens', async () => {
			// gpt-4o-mini at its rates: 2^53 − 1 input tokens cost far more than 10^15 mc; 1e21 is not even a safe integer.
			const near = await quote({ tokens: { input: Number.MAX_SAFE_INTEGER, output: 0 }, model: 'gpt-4o-mini' });
			const past = await quote({ tokens: { input: 1e21, output: 0 }, model: 'gpt-4o-mini' });
			const viaNode = await quote({ nodeType: '@n8n/n8n-nodes-langchain.lmChatOpenAi', tokens: { input: 0, output: Number.MAX_SAFE_INTEGER }, model: 'gpt-4o-mini' });
			assert.deepEqual([near.statusCode, near.json().error.field, past.statusCode, past.json().error.field, viaNode.statusCode, viaNode.json().error.field], [400, 'tokens', 400, 'tokens.input', 400, 'tokens']);
		});

		it('refuses an empty quote naming what to send', async () => {
			const r = await quote({});
			assert.deepEqual([r.statusCode, r.json().error.message], [400, 'send millicredits, nodeType, or tokens with a model']);
		});

		it('refuses a fractional amount', async () => {
			const r = await quote({ millicredits: 1.5 });
			assert.deepEqual([r.statusCode, r.json().error.field], [400, 'millicredits']);
		});

		it('answers 401 without a key', async () => {
			assert.equal((await quote({ millicredits: 1 }, null)).statusCode, 401);
		});

		it('writes nothing', async () => {
			const before = await ledgerState(t);
			await quote({ nodeType: 'n8n-nodes-base.httpRequest' });
			await t.call('meter', { method: 'POST', url: '/v1/estimates', payload: { workflow: linear } });
			assert.deepEqual(await ledgerState(t), before);
		});

		it('estimates a workflow per execution with the node breakdown', async () => {
			const r = await t.call('meter', { method: 'POST', url: '/v1/estimates', payload: { workflow: linear } });
			assert.equal(r.statusCode, 200);
			assert.deepEqual([r.json().millicredits, r.json().perExecution], [11000, { expected: 11000, min: 11000, max: 11000 }]);
			assert.deepEqual(r.json().nodes.map((n: { millicredits: number }) => n.millicredits), [0, 1000, 10000, 0]);
		});

		it('estimates an editor run at 0 when editor runs are free', async () => {
			const r = await t.call('meter', { method: 'POST', url: '/v1/estimates', payload: { workflow: linear, mode: 'manual' } });
			assert.deepEqual([r.json().millicredits, r.json().free], [0, true]);
		});

		it('refuses an estimate without a workflow', async () => {
			const r = await t.call('meter', { method: 'POST', url: '/v1/estimates', payload: { workflow: { nodes: [] } } });
			assert.deepEqual([r.statusCode, r.json().error.field], [400, 'workflow.connections']);
		});
	});
});
