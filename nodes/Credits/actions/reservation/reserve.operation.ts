import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import { creditsText, toMillicredits } from '../../helpers/amounts';
import { defaultKey, forEachItem } from '../../helpers/items';
import { expectOk, ledgerErrorText, ledgerRequest, type LedgerBody } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName: 'Amount (Credits)',
		name: 'amount',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 3 },
		default: 1,
		description: 'The most the step may cost: held until it is settled or released',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Expires At',
				name: 'expiresAt',
				type: 'dateTime',
				default: '',
				description: 'When an unsettled hold gives its credits back',
			},
			{
				displayName: 'Idempotency Key',
				name: 'key',
				type: 'string',
				default: '',
				description: 'One hold per key; by default execution ID, node name, run index and item index',
			},
			{
				displayName: 'Member ID',
				name: 'memberId',
				type: 'string',
				default: '',
				description: 'The member the hold is for',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['reservation'], operation: ['reserve'] } }, properties);

/** Reservation → Reserve: holds credits before a step whose cost is known only afterwards. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return [
		await forEachItem(this, async (itemIndex, item) => {
			const millicredits = toMillicredits(this.getNode(), this.getNodeParameter('amount', itemIndex), 'Amount', itemIndex);
			const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
			const body: LedgerBody<'POST /v1/reservations'> = { key: String(options.key || defaultKey(this, itemIndex, 'reserve')), millicredits };
			if (options.memberId) body.memberId = String(options.memberId);
			if (options.expiresAt) body.expiresAt = new Date(String(options.expiresAt)).toISOString();
			const response = await ledgerRequest(this, 'POST', '/v1/reservations', body, undefined, itemIndex);
			if (response.statusCode === 402) {
				throw new NodeOperationError(this.getNode(), `The ledger refused to hold ${creditsText(millicredits)} credits for item ${itemIndex}: ${ledgerErrorText(response)}`, { itemIndex });
			}
			const reserved = expectOk(this, response, 'Reserving credits', itemIndex);
			return { ...item.json, reservation: reserved.reservation, reservationStatus: reserved.status };
		}),
	];
}
