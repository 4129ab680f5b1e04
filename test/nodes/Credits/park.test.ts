import assert from 'node:assert/strict';
import sinon from 'sinon';
import type { IDataObject, INodeExecutionData, IWebhookFunctions } from 'n8n-workflow';
import * as guard from '../../../nodes/Credits/actions/balance/guard.operation';
import { resumeParked } from '../../../nodes/Credits/actions/balance/resume';
import { fakeContext, quoteRoute } from '../context';

const card = { statusCode: 200, body: { totalAvailable: 5000, allocation: 10000, dailyRemaining: null, resetsAt: '2026-12-01T00:00:00.000Z', dailyResetsAt: '2026-11-22T00:00:00.000Z', exhaustion: 'pause' } };
const parkedRoute = { statusCode: 201, body: { status: 'parked', parked: {} } };

/** A webhook call of the resume URL as n8n makes it: the query of the URL called, the parked items as the node's input. */
function webhookCall(query: IDataObject, parked: IDataObject[], apiKey = 'n8c_test') {
	const reply = { status: sinon.stub(), json: sinon.stub() };
	reply.status.returns(reply);
	const expressions: Record<string, unknown> = { '{{ $execution.id }}': '77', '{{ $input.all() }}': parked.map((json) => ({ json })) };
	const ctx = {
		getCredentials: async () => ({ url: 'http://127.0.0.1:5680', apiKey }),
		getQueryData: () => query,
		evaluateExpression: (e: string) => expressions[e],
		getResponseObject: () => reply,
	} as unknown as IWebhookFunctions;
	return { ctx, reply };
}

describe('unit', () => {
	describe('Credits: Balance → Guard parks under pause', () => {
		it('parks with the ledger: the resume URL with a token, what every passing item needs, the renewal', async () => {
			// 5 credits: item 0 (2) is covered, item 1 (9) is not: both go on once resumed, so 11 are needed.
			const f = fakeContext({ executionId: '77', items: [{ n: 0 }, { n: 1 }], params: { estimatedCost: (i: number) => (i === 0 ? 2 : 9), whenInsufficient: 'plan' }, routes: { 'GET /v1/balance': card, 'POST /v1/quote': quoteRoute(), 'POST /v1/parked': parkedRoute } });
			await guard.execute.call(f.ctx);
			const [body] = f.bodies('POST /v1/parked');
			assert.deepEqual({ ...body, resumeUrl: String(body?.resumeUrl).replace(/credits=[0-9a-f]{40}$/, 'credits=TOKEN') }, {
				executionId: '77', parkKey: 'Credits:0', resumeUrl: 'http://127.0.0.1:5678/webhook-waiting/77?credits=TOKEN',
				needMillicredits: 11000, renewsAt: '2026-12-01T00:00:00.000Z', workflowId: 'wf-1', nodeName: 'Credits',
			});
			assert.deepEqual(f.putExecutionToWait.firstCall.args, [new Date('2026-12-01T00:00:00.000Z')]);
		});

		it('resumes through the webhook only with the token it gave the ledger, passing the parked items on', async () => {
			const f = fakeContext({ executionId: '77', params: { estimatedCost: 9, whenInsufficient: 'plan' }, routes: { 'GET /v1/balance': card, 'POST /v1/quote': quoteRoute(), 'POST /v1/parked': parkedRoute } });
			await guard.execute.call(f.ctx);
			const token = new URL(String(f.bodies('POST /v1/parked')[0]?.resumeUrl)).searchParams.get('credits');
			const ok = webhookCall({ credits: token }, [{ order: 'A' }, { order: 'B' }]);
			const resumed = await resumeParked.call(ok.ctx);
			const items = (resumed.workflowData?.[0] ?? []) as INodeExecutionData[];
			assert.deepEqual(items.map((i) => [i.json.order, (i.json.guard as IDataObject).resumed, i.pairedItem]), [['A', 'credits-arrived', { item: 0 }], ['B', 'credits-arrived', { item: 1 }]]);
			for (const query of [{}, { credits: '0'.repeat(40) }, { credits: token?.slice(1) }]) {
				const bad = webhookCall(query, [{ order: 'A' }]);
				assert.deepEqual(await resumeParked.call(bad.ctx), { noWebhookResponse: true });
				assert.deepEqual(bad.reply.status.firstCall.args, [403]);
			}
			// Another credential's key makes another token: a workflow cannot resume another instance's execution.
			const otherKey = webhookCall({ credits: token }, [{ order: 'A' }], 'n8c_other');
			assert.deepEqual(await resumeParked.call(otherKey.ctx), { noWebhookResponse: true });
		});

		it('still waits until the renewal, saying why, when the ledger does not take the park', async () => {
			for (const answer of [{ statusCode: 500, body: { error: { code: 'internal', message: 'boom' } } }, new Error('ECONNREFUSED')]) {
				const f = fakeContext({ params: { estimatedCost: 9, whenInsufficient: 'plan' }, routes: { 'GET /v1/balance': card, 'POST /v1/quote': quoteRoute(), 'POST /v1/parked': answer } });
				const [enough] = await guard.execute.call(f.ctx);
				assert.deepEqual([enough.length, f.putExecutionToWait.firstCall.args, f.warnings.callCount], [1, [new Date('2026-12-01T00:00:00.000Z')], 1]);
				assert.match(String(f.warnings.firstCall.args[0]), /did not take the park .*resumes at the renewal, 2026-12-01T00:00:00.000Z/);
			}
		});
	});
});
