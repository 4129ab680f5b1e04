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
		it("counts a spike's today in the workspace's zone, not UTC (Asia/Tokyo, 01:00 local is the previous UTC day)", async () => {
			// 2026-11-20T16:00Z is 2026-11-21 01:00 in Tokyo (UTC+9, no daylight saving): today began at 2026-11-20T15:00Z,
			// and the 7 days before it at 2026-11-13T15:00Z. Counted in UTC, today would have begun at 2026-11-20T00:00Z.
			const clock = sinon.useFakeTimers({ now: Date.parse('2026-11-20T16:00:00.000Z'), toFake: ['Date'] });
			try {
				const asked: Array<{ from?: string; to?: string }> = [];
				const staticData: IDataObject = {};
				const http = sinon.stub().callsFake(async (_t: string, req: { url: string; qs?: { from?: string; to?: string } }) => {
					if (req.url.endsWith('/v1/balance')) return { statusCode: 200, body: { totalAvailable: 1, allocation: 100, periodStart: 'p1', timeZone: 'Asia/Tokyo' } };
					asked.push({ from: req.qs?.from, to: req.qs?.to });
					// Today 4,000 against 7,000 over 7 days (1,000 a day): 4× the average, over the multiple 3.
					return { statusCode: 200, body: { rows: req.qs?.to ? [{ key: 'wf-1', millicredits: 7000 }] : [{ key: 'wf-1', label: 'One', millicredits: 4000 }] } };
				});
				const ctx = {
					getNodeParameter: (name: string, fallback?: unknown) => ({ event: 'spike', multiple: 3, trailingDays: 7 } as IDataObject)[name] ?? fallback,
					getWorkflowStaticData: () => staticData,
					getMode: () => 'trigger',
					getNode: () => ({ name: 'Credits Trigger', type: 'n8n-nodes-credits.creditsTrigger' }),
					getCredentials: async () => ({ url: 'http://127.0.0.1:5680', apiKey: 'k' }),
					helpers: { httpRequestWithAuthentication: http, returnJsonArray: (a: IDataObject[]) => a.map((json) => ({ json })) },
				} as unknown as IPollFunctions;
				const out = await new CreditsTrigger().poll.call(ctx);
				assert.deepEqual(asked, [
					{ from: '2026-11-20T15:00:00.000Z', to: undefined },
					{ from: '2026-11-13T15:00:00.000Z', to: '2026-11-20T15:00:00.000Z' },
				]);
				assert.deepEqual([out?.[0][0].json.workflowId, staticData.spikes], ['wf-1', ['wf-1@2026-11-21']]);
			} finally {
				clock.restore();
			}
		});
	});
});
