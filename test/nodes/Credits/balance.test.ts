import assert from 'node:assert/strict';
import { NodeOperationError } from 'n8n-workflow';
import * as get from '../../../nodes/Credits/actions/balance/get.operation';
import * as guard from '../../../nodes/Credits/actions/balance/guard.operation';
import { fakeContext, quoteRoute } from '../context';

const card = (over: Record<string, unknown> = {}) => ({
	statusCode: 200,
	body: { totalAvailable: 5000, allocation: 10000, dailyRemaining: null, resetsAt: '2026-12-01T00:00:00.000Z', dailyResetsAt: '2026-11-22T00:00:00.000Z', exhaustion: 'stop', ...over },
});

describe('unit', () => {
	describe('Credits: Balance → Get', () => {
		it('returns the usage card for each item, paired', async () => {
			const f = fakeContext({ items: [{}, {}], params: {}, routes: { 'GET /v1/balance': card() } });
			const [out] = await get.execute.call(f.ctx);
			assert.deepEqual(out.map((o) => [o.json.totalAvailable, o.pairedItem]), [[5000, { item: 0 }], [5000, { item: 1 }]]);
		});

		it('names a wrong role (403) in its error', async () => {
			const f = fakeContext({ params: {}, routes: { 'GET /v1/balance': { statusCode: 403, body: { error: { code: 'forbidden', message: 'role meter may not' } } } } });
			await assert.rejects(get.execute.call(f.ctx), { message: "Reading the balance failed for item 0: the API key's role may not do this (403): role meter may not" });
		});
	});

	describe('Credits: Balance → Guard', () => {
		it('routes items to Enough while the balance covers them, counting earlier items, then to Insufficient', async () => {
			const f = fakeContext({ items: [{ n: 1 }, { n: 2 }, { n: 3 }], params: { estimatedCost: 2, whenInsufficient: 'route' }, routes: { 'GET /v1/balance': card(), 'POST /v1/quote': quoteRoute() } });
			const [enough, insufficient] = await guard.execute.call(f.ctx);
			assert.deepEqual(enough.map((i) => i.json.n), [1, 2]);
			assert.deepEqual(insufficient.map((i) => [i.json.n, i.pairedItem]), [[3, { item: 2 }]]);
			assert.deepEqual(insufficient[0].json.guard, { estimatedMillicredits: 2000, availableMillicredits: 1000, covered: false, policy: 'stop' });
		});

		it('counts the daily limit as well as the total', async () => {
			const f = fakeContext({ params: { estimatedCost: 2, whenInsufficient: 'route' }, routes: { 'GET /v1/balance': card({ dailyRemaining: 1500 }), 'POST /v1/quote': quoteRoute() } });
			const [enough, insufficient] = await guard.execute.call(f.ctx);
			assert.deepEqual([enough.length, insufficient.length], [0, 1]);
		});

		it('puts the execution to wait until the period renews under a pause plan', async () => {
			const f = fakeContext({ params: { estimatedCost: 9, whenInsufficient: 'plan' }, routes: { 'GET /v1/balance': card({ exhaustion: 'pause' }), 'POST /v1/quote': quoteRoute() } });
			const [enough, insufficient] = await guard.execute.call(f.ctx);
			assert.deepEqual(f.putExecutionToWait.firstCall.args, [new Date('2026-12-01T00:00:00.000Z')]);
			assert.deepEqual([enough.length, insufficient.length], [1, 0]);
		});

		it('waits only until the daily reset when the daily limit is what is short', async () => {
			const f = fakeContext({ params: { estimatedCost: 2, whenInsufficient: 'plan' }, routes: { 'GET /v1/balance': card({ exhaustion: 'pause', dailyRemaining: 100 }), 'POST /v1/quote': quoteRoute() } });
			await guard.execute.call(f.ctx);
			assert.deepEqual(f.putExecutionToWait.firstCall.args, [new Date('2026-11-22T00:00:00.000Z')]);
		});

		it('fails naming the item under a stop plan', async () => {
			const f = fakeContext({ items: [{}, {}], params: { estimatedCost: 3, whenInsufficient: 'plan' }, routes: { 'GET /v1/balance': card(), 'POST /v1/quote': quoteRoute() } });
			const error = await guard.execute.call(f.ctx).catch((e: unknown) => e);
			assert.ok(error instanceof NodeOperationError);
			assert.equal(error.message, 'Insufficient credits for item 1: it needs 3, 2 available (plan policy "stop")');
			assert.equal(error.context.itemIndex, 1);
			assert.equal(f.putExecutionToWait.called, false);
		});

		it('lets items through under an overdraft plan, marked as overdraft', async () => {
			const f = fakeContext({ params: { estimatedCost: 9, whenInsufficient: 'plan' }, routes: { 'GET /v1/balance': card({ exhaustion: 'overdraft' }), 'POST /v1/quote': quoteRoute() } });
			const [enough] = await guard.execute.call(f.ctx);
			assert.equal((enough[0].json.guard as { overdraft: boolean }).overdraft, true);
		});

		it('refuses under an overdraft plan when the daily limit is reached: 2 credits asked, 1.5 left today', async () => {
			const f = fakeContext({ params: { estimatedCost: 2, whenInsufficient: 'plan' }, routes: { 'GET /v1/balance': card({ exhaustion: 'overdraft', dailyRemaining: 1500 }), 'POST /v1/quote': quoteRoute() } });
			const error = await guard.execute.call(f.ctx).catch((e: unknown) => e);
			assert.ok(error instanceof NodeOperationError);
			assert.equal(error.message, 'Daily limit reached for item 0: it needs 2, 1.5 left today (plan policy "overdraft")');
			assert.equal(f.putExecutionToWait.called, false);
		});

		it('under an overdraft plan, lets items past zero only while the daily limit lasts, counting earlier items', async () => {
			// 1 credit available, 3.5 left today, 1.5 per item: item 0 passes (daily 3.5 → 2, available 1 → -0.5),
			// item 1 passes (daily 2 → 0.5), item 2 needs 1.5 > 0.5 left today and is refused.
			const f = fakeContext({ continueOnFail: true, items: [{ n: 0 }, { n: 1 }, { n: 2 }], params: { estimatedCost: 1.5, whenInsufficient: 'plan' }, routes: { 'GET /v1/balance': card({ exhaustion: 'overdraft', totalAvailable: 1000, dailyRemaining: 3500 }), 'POST /v1/quote': quoteRoute() } });
			const [enough, insufficient] = await guard.execute.call(f.ctx);
			assert.deepEqual(enough.map((i) => [i.json.n, (i.json.guard as { availableMillicredits: number }).availableMillicredits]), [[0, 1000], [1, -500]]);
			assert.deepEqual(insufficient, [{ json: { error: 'Daily limit reached for item 2: it needs 1.5, 0.5 left today (plan policy "overdraft")' }, pairedItem: { item: 2 } }]);
		});

		it('routes an item to Insufficient under an overdraft plan when the daily limit is reached', async () => {
			const f = fakeContext({ params: { estimatedCost: 2, whenInsufficient: 'route' }, routes: { 'GET /v1/balance': card({ exhaustion: 'overdraft', dailyRemaining: 1999 }), 'POST /v1/quote': quoteRoute() } });
			const [enough, insufficient] = await guard.execute.call(f.ctx);
			assert.deepEqual([enough.length, insufficient.length], [0, 1]);
		});

		it('lets an editor run through when the plan makes editor runs free', async () => {
			const f = fakeContext({ mode: 'manual', params: { estimatedCost: 99, whenInsufficient: 'route' }, routes: { 'GET /v1/balance': card({ totalAvailable: 0 }), 'POST /v1/quote': quoteRoute() } });
			const [enough, insufficient] = await guard.execute.call(f.ctx);
			assert.deepEqual([enough.length, insufficient.length], [1, 0]);
		});

		it('sends an item with a non-numeric estimate to Insufficient as an error item under continue-on-fail', async () => {
			const f = fakeContext({ continueOnFail: true, params: { estimatedCost: 'lots', whenInsufficient: 'route' }, routes: { 'GET /v1/balance': card(), 'POST /v1/quote': quoteRoute() } });
			const [, insufficient] = await guard.execute.call(f.ctx);
			assert.deepEqual(insufficient, [{ json: { error: 'Estimated Cost must be a number of credits, got "lots" (item 0)' }, pairedItem: { item: 0 } }]);
		});

		it('returns two empty outputs for no items without calling the ledger', async () => {
			const f = fakeContext({ items: [], params: {}, routes: {} });
			assert.deepEqual(await guard.execute.call(f.ctx), [[], []]);
			assert.deepEqual(f.calls(), []);
		});
	});
});
