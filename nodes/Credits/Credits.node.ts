import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import * as balance from './actions/balance';
import { resumeParked } from './actions/balance/resume';
import * as report from './actions/report';
import * as reservation from './actions/reservation';
import { router } from './actions/router';
import * as topUp from './actions/topUp';
import * as usage from './actions/usage';
import { getTopUpPacks } from './methods/loadOptions';

// Its only webhook is n8n's resume URL of a waiting Guard (`restartWebhook`), not a trigger: nothing to register elsewhere.
// eslint-disable-next-line @n8n/community-nodes/webhook-lifecycle-complete
export class Credits implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Credits',
		name: 'credits',
		icon: { light: 'file:credits.svg', dark: 'file:credits.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Charge, guard, reserve, top up and report credits in an n8n Credits ledger',
		defaults: { name: 'Credits' },
		inputs: [NodeConnectionTypes.Main],
		outputs: `={{$parameter["resource"] === "balance" && $parameter["operation"] === "guard" ? [{"type":"${NodeConnectionTypes.Main}","displayName":"Enough"},{"type":"${NodeConnectionTypes.Main}","displayName":"Insufficient"}] : ["${NodeConnectionTypes.Main}"]}}`,
		credentials: [{ name: 'creditsApi', required: true }],
		// Balance → Guard under `pause` waits on n8n's resume URL; the ledger calls it once credits cover the items.
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: '', restartWebhook: true }],
		usableAsTool: true,
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Balance', value: 'balance' },
					{ name: 'Report', value: 'report' },
					{ name: 'Reservation', value: 'reservation' },
					{ name: 'Top-Up', value: 'topUp' },
					{ name: 'Usage', value: 'usage' },
				],
				default: 'usage',
			},
			...usage.description,
			...balance.description,
			...reservation.description,
			...topUp.description,
			...report.description,
		],
	};

	methods = { loadOptions: { getTopUpPacks } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await resumeParked.call(this);
	}
}
