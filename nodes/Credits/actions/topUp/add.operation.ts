import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import { forEachItem } from '../../helpers/items';
import { expectOk, ledgerRequest, type LedgerBody } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName: 'Pack Name or ID',
		name: 'packId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getTopUpPacks' },
		default: '',
		required: true,
		description: 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
		hint: 'Buying a pack needs an admin key',
	},
	{
		displayName: 'Idempotency Key',
		name: 'key',
		type: 'string',
		default: '',
		description: 'The same key never adds the pack twice, for example a payment ID',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['topUp'], operation: ['add'] } }, properties);

/** Top-up → Add a Pack: buys a pack of the plan (admin key); returns the grant and the new balance. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return [
		await forEachItem(this, async (itemIndex) => {
			const packId = String(this.getNodeParameter('packId', itemIndex) ?? '').trim();
			if (!packId) throw new NodeOperationError(this.getNode(), `Pack is empty (item ${itemIndex})`, { itemIndex });
			const key = String(this.getNodeParameter('key', itemIndex, '') ?? '').trim();
			const body: LedgerBody<'POST /v1/topups'> = { packId };
			if (key) body.key = key;
			return expectOk(this, await ledgerRequest(this, 'POST', '/v1/topups', body, undefined, itemIndex), 'Adding the top-up pack', itemIndex);
		}),
	];
}
