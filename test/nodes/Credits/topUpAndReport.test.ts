import assert from 'node:assert/strict';
import * as add from '../../../nodes/Credits/actions/topUp/add.operation';
import * as report from '../../../nodes/Credits/actions/report/get.operation';
import { router } from '../../../nodes/Credits/actions/router';
import { getTopUpPacks } from '../../../nodes/Credits/methods/loadOptions';
import type { ILoadOptionsFunctions } from 'n8n-workflow';
import { fakeContext } from '../context';

const rows = { statusCode: 200, body: { by: 'workflow', totalMillicredits: 3500, rows: [{ key: 'wf-1', label: 'One', millicredits: 3000, entries: 3 }, { key: 'wf-2', label: 'Two', millicredits: 500, entries: 1 }] } };

describe('unit', () => {
	describe('Credits: Top-up → Add a Pack', () => {
		it('buys the pack with the idempotency key', async () => {
			const f = fakeContext({ params: { packId: 'small', key: 'pay-1' }, routes: { 'POST /v1/topups': { statusCode: 201, body: { grant: { millicredits: 10000 } } } } });
			const [out] = await add.execute.call(f.ctx);
			assert.deepEqual(f.bodies('POST /v1/topups'), [{ packId: 'small', key: 'pay-1' }]);
			assert.deepEqual(out[0].json, { grant: { millicredits: 10000 } });
		});

		it('says a non-admin key may not buy (403)', async () => {
			const f = fakeContext({ params: { packId: 'small', key: '' }, routes: { 'POST /v1/topups': { statusCode: 403, body: { error: { code: 'forbidden', message: 'admin role required' } } } } });
			await assert.rejects(add.execute.call(f.ctx), { message: "Adding the top-up pack failed for item 0: the API key's role may not do this (403): admin role required" });
		});

		it('lists the plan packs with their credits and prices', async () => {
			const f = fakeContext({ params: {}, routes: { 'GET /v1/topups/packs': { statusCode: 200, body: { packs: [{ id: 'small', millicredits: 10000, price: 900, currency: 'USD' }] } } } });
			const options = await getTopUpPacks.call(f.ctx as unknown as ILoadOptionsFunctions);
			assert.deepEqual(options, [{ name: 'small: 10 credits for 9.00 USD', value: 'small' }]);
		});
	});

	describe('Credits: Report → Get', () => {
		it('emits one item per group, paired with the input item', async () => {
			const f = fakeContext({ params: { by: 'workflow', period: 'current', output: 'rows' }, routes: { 'GET /v1/reports': rows } });
			const [out] = await report.execute.call(f.ctx);
			assert.deepEqual(out.map((o) => [o.json.key, o.json.millicredits, o.pairedItem]), [['wf-1', 3000, { item: 0 }], ['wf-2', 500, { item: 0 }]]);
		});

		it('sends a custom period as ISO times and can return the whole report', async () => {
			const f = fakeContext({ params: { by: 'day', period: 'custom', from: '2026-11-01T00:00:00Z', to: '2026-11-08T00:00:00Z', output: 'report' }, routes: { 'GET /v1/reports': rows } });
			const [out] = await report.execute.call(f.ctx);
			assert.deepEqual(f.http.firstCall.args[1].qs, { by: 'day', from: '2026-11-01T00:00:00.000Z', to: '2026-11-08T00:00:00.000Z' });
			assert.equal(out[0].json.totalMillicredits, 3500);
		});
	});

	describe('Credits: router', () => {
		it('refuses an operation the resource does not have', async () => {
			const f = fakeContext({ params: { resource: 'usage', operation: 'delete' } });
			await assert.rejects(router.call(f.ctx), { message: 'The operation "delete" of "usage" is not supported' });
		});

		it('dispatches to the chosen operation', async () => {
			const f = fakeContext({ params: { resource: 'balance', operation: 'get' }, routes: { 'GET /v1/balance': { statusCode: 200, body: { totalAvailable: 1 } } } });
			const [out] = await router.call(f.ctx);
			assert.equal(out[0].json.totalAvailable, 1);
		});
	});
});
