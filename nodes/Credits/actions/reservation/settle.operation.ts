import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import { creditsText, toMillicredits } from '../../helpers/amounts';
import { defaultKey, forEachItem, runContext } from '../../helpers/items';
import { expectOk, ledgerErrorText, ledgerRequest, type LedgerBody } from '../../transport';
import { reservationIdOf, reservationIdProperty } from './reservationId';

const properties: INodeProperties[] = [
	reservationIdProperty,
	{
		displayName: 'Amount (Credits)',
		name: 'amount',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 3 },
		default: 0,
		description: 'What the step really cost (less or more than was held)',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Idempotency Key',
				name: 'key',
				type: 'string',
				default: '',
				description: 'One settlement per key; by default execution ID, node name, run index and item index',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['reservation'], operation: ['settle'] } }, properties);

/** Reservation → Settle: charges the measured amount against a hold and frees the rest. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const run = runContext(this);
	return [
		await forEachItem(this, async (itemIndex, item) => {
			const id = reservationIdOf(this, itemIndex);
			const millicredits = toMillicredits(this.getNode(), this.getNodeParameter('amount', itemIndex), 'Amount', itemIndex);
			const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
			const body: LedgerBody<'POST /v1/reservations/:id/settle'> = { ...run, key: String(options.key || defaultKey(this, itemIndex, 'settle')), millicredits, kind: 'settle', nodeType: this.getNode().type };
			const response = await ledgerRequest(this, 'POST', `/v1/reservations/${encodeURIComponent(id)}/settle`, body, undefined, itemIndex);
			if (response.statusCode === 402) {
				throw new NodeOperationError(this.getNode(), `The ledger refused to settle ${creditsText(millicredits)} credits for item ${itemIndex}: ${ledgerErrorText(response)}`, { itemIndex });
			}
			return { ...item.json, credits: expectOk(this, response, 'Settling the reservation', itemIndex) };
		}),
	];
}
