import assert from 'node:assert/strict';
import sinon from 'sinon';
import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import type * as TriggerModule from '../../../nodes/CreditsTrigger/CreditsTrigger.node';
import { requireNodeFile } from '../context';

const { CreditsTrigger } = requireNodeFile<typeof TriggerModule>('nodes/CreditsTrigger/CreditsTrigger.node.ts');

function pollContext(params: IDataObject, cards: IDataObject[], staticData: IDataObject = {}) {
	let call = 0;
	const http = sinon.stub().callsFake(async (_t: string, req: { url: string }) => {
		if (req.url.endsWith('/v1/balance')) return { statusCode: 200, body: cards[Math.min(call++, cards.length - 1)] };
		return { statusCode: 200, body: { rows: [] } };
	});
	const ctx = {
		getNodeParameter: (name: string, fallback?: unknown) => params[name] ?? fallback,
		getWorkflowStaticData: () => staticData,
		getMode: () => 'trigger',
		getNode: () => ({ name: 'Credits Trigger', type: 'n8n-nodes-credits.creditsTrigger' }),
		getCredentials: async () => ({ url: 'http://127.0.0.1:5680', apiKey: 'k' }),
		helpers: { httpRequestWithAuthentication: http, returnJsonArray: (a: IDataObject[]) => a.map((json) => ({ json })) },
	} as unknown as IPollFunctions;
	return { ctx, staticData };
}

describe('unit', () => {
	describe('Credits Trigger: poll', () => {
		it('emits the depletion once across polls, keeping state in the static data', async () => {
			const { ctx, staticData } = pollContext({ event: 'depleted' }, [{ totalAvailable: 0, allocation: 100, periodStart: 'p1' }]);
			const trigger = new CreditsTrigger();
			const first = await trigger.poll.call(ctx);
			const second = await trigger.poll.call(ctx);
			assert.equal(first?.[0][0].json.event, 'depleted');
			assert.equal(second, null);
			assert.equal(staticData.depleted, true);
		});
	});
});
