import assert from 'node:assert/strict';
import { checkEvent, type TriggerSettings } from '../../../nodes/CreditsTrigger/checkEvent';

const settings = (over: Partial<TriggerSettings>): TriggerSettings => ({ event: 'belowThreshold', thresholdType: 'percent', threshold: 20, multiple: 3, trailingDays: 7, ...over });
const card = (totalAvailable: number, over: Record<string, unknown> = {}) => ({ totalAvailable, allocation: 10000, resetsAt: '2026-12-01T00:00:00.000Z', planName: 'twenty', periodStart: '2026-11-01T00:00:00.000Z', overdraft: 0, ...over });

describe('unit', () => {
	describe('Credits Trigger: checkEvent', () => {
		it('fires once when the balance falls under a percentage of the allocation', () => {
			const first = checkEvent(settings({}), card(1500), {}, undefined, false);
			const second = checkEvent(settings({}), card(1400), first.next, undefined, false);
			assert.deepEqual([first.events.length, first.events[0]?.percentAvailable, second.events.length], [1, 15, 0]);
		});

		it('fires again after the balance recovered above the threshold', () => {
			const above = checkEvent(settings({}), card(5000), { below: true }, undefined, false);
			const again = checkEvent(settings({}), card(100), above.next, undefined, false);
			assert.deepEqual([above.events.length, again.events.length], [0, 1]);
		});

		it('compares an absolute threshold in credits', () => {
			assert.deepEqual([checkEvent(settings({ thresholdType: 'absolute', threshold: 2 }), card(1999), {}, undefined, false).events.length, checkEvent(settings({ thresholdType: 'absolute', threshold: 2 }), card(2000), {}, undefined, false).events.length], [1, 0]);
		});

		it('fires on depletion once', () => {
			const first = checkEvent(settings({ event: 'depleted' }), card(0, { overdraft: 30 }), {}, undefined, false);
			const second = checkEvent(settings({ event: 'depleted' }), card(-10), first.next, undefined, false);
			assert.deepEqual([first.events[0]?.overdraft, second.events.length], [30, 0]);
		});

		it('learns the period on the first poll and fires when it changes', () => {
			const first = checkEvent(settings({ event: 'renewed' }), card(100), {}, undefined, false);
			const renewed = checkEvent(settings({ event: 'renewed' }), card(10000, { periodStart: '2026-12-01T00:00:00.000Z' }), first.next, undefined, false);
			assert.deepEqual([first.events.length, renewed.events[0]?.previousPeriodStart], [0, '2026-11-01T00:00:00.000Z']);
		});

		it('fires for a workflow whose usage today exceeds the multiple of its trailing average, once a day', () => {
			const usage = { day: '2026-11-20', today: [{ key: 'wf-1', label: 'One', millicredits: 4000 }, { key: 'wf-2', label: 'Two', millicredits: 1000 }], trailing: [{ key: 'wf-1', millicredits: 7000 }, { key: 'wf-2', millicredits: 7000 }] };
			const first = checkEvent(settings({ event: 'spike' }), card(1), {}, usage, false);
			const second = checkEvent(settings({ event: 'spike' }), card(1), first.next, usage, false);
			assert.deepEqual(first.events.map((e) => [e.workflowId, e.ratio]), [['wf-1', 4]]);
			assert.equal(second.events.length, 0);
		});

		it('shows the current state on every manual poll', () => {
			const manual = checkEvent(settings({}), card(100), { below: true }, undefined, true);
			assert.equal(manual.events.length, 1);
		});
	});
});
