import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import { expectOk, ledgerRequest, type LedgerQuery } from '../Credits/transport';
import { dayAt } from '../../shared-pricing/src/accounting/dayAt';
import { daysBefore } from '../../shared-pricing/src/accounting/daysBefore';
import { checkEvent, type SpikeUsage, type TriggerState } from './checkEvent';

export class CreditsTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Credits Trigger',
		name: 'creditsTrigger',
		icon: { light: 'file:creditsTrigger.svg', dark: 'file:creditsTrigger.dark.svg' },
		group: ['trigger'],
		version: 1,
		description: 'Start a workflow when credits run low, run out, renew, or a workflow consumes more than usual',
		subtitle: '={{$parameter["event"]}}',
		defaults: { name: 'Credits Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'creditsApi', required: true }],
		properties: [
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Balance Below Threshold', value: 'belowThreshold', description: 'Credits available fell under a threshold' },
					{ name: 'Consumption Spike', value: 'spike', description: "A workflow's usage today is above a multiple of its trailing daily average" },
					{ name: 'Credits Depleted', value: 'depleted', description: 'Nothing is available any more' },
					{ name: 'Credits Renewed', value: 'renewed', description: 'A new billing period started' },
				],
				default: 'belowThreshold',
			},
			{
				displayName: 'Threshold Type',
				name: 'thresholdType',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Percent of Allocation', value: 'percent' },
					{ name: 'Credits', value: 'absolute' },
				],
				default: 'percent',
				displayOptions: { show: { event: ['belowThreshold'] } },
			},
			{
				displayName: 'Threshold',
				name: 'threshold',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 20,
				description: 'Fires once when the available credits fall under this (percent of the allocation, or credits)',
				displayOptions: { show: { event: ['belowThreshold'] } },
			},
			{
				displayName: 'Multiple',
				name: 'multiple',
				type: 'number',
				typeOptions: { minValue: 1, numberPrecision: 2 },
				default: 3,
				description: "Fires when a workflow's usage today exceeds this many times its average day",
				displayOptions: { show: { event: ['spike'] } },
			},
			{
				displayName: 'Trailing Days',
				name: 'trailingDays',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 90 },
				default: 7,
				description: 'Days before today whose average is the baseline',
				displayOptions: { show: { event: ['spike'] } },
			},
		],
	};

	/** Reads the ledger and emits one item per event that happened since the last poll (manual runs: the current state). */
	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const event = this.getNodeParameter('event') as string;
		const state = this.getWorkflowStaticData('node') as TriggerState;
		const manual = this.getMode() === 'manual';
		const card = expectOk(this, await ledgerRequest(this, 'GET', '/v1/balance'), 'Reading the balance');
		let usage: SpikeUsage | undefined;
		if (event === 'spike') {
			const days = Number(this.getNodeParameter('trailingDays', 7));
			// "Today" is the workspace's day, as the ledger counts daily limits; a ledger too old to say its zone counts in UTC.
			const zone = typeof card.timeZone === 'string' && card.timeZone !== '' ? card.timeZone : 'UTC';
			const now = Date.now();
			const today = dayAt(now, zone);
			const since = daysBefore(now, days, zone);
			const report = async (from: number, to?: number) => {
				const qs: LedgerQuery<'GET /v1/reports'> = { by: 'workflow', from: new Date(from).toISOString() };
				if (to !== undefined) qs.to = new Date(to).toISOString();
				const body = expectOk(this, await ledgerRequest(this, 'GET', '/v1/reports', undefined, qs), 'Reading the usage report');
				return Array.isArray(body.rows) ? (body.rows as IDataObject[]) : [];
			};
			usage = { day: today.key, today: await report(today.start), trailing: await report(since, today.start) };
		}
		const settings = {
			event,
			thresholdType: event === 'belowThreshold' ? (this.getNodeParameter('thresholdType') as string) : 'percent',
			threshold: event === 'belowThreshold' ? Number(this.getNodeParameter('threshold')) : 0,
			multiple: event === 'spike' ? Number(this.getNodeParameter('multiple')) : 1,
			trailingDays: event === 'spike' ? Number(this.getNodeParameter('trailingDays')) : 1,
		};
		if (!Number.isFinite(settings.threshold) || !Number.isFinite(settings.multiple)) {
			throw new NodeOperationError(this.getNode(), 'Threshold and Multiple must be numbers');
		}
		const { events, next } = checkEvent(settings, card, state, usage, manual);
		Object.assign(state, next);
		if (events.length === 0) return null;
		return [this.helpers.returnJsonArray(events)];
	}
}
