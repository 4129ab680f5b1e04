import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { forEachItem } from '../../helpers/items';
import { expectOk, ledgerRequest } from '../../transport';

export const description = updateDisplayOptions({ show: { resource: ['balance'], operation: ['get'] } }, [] as INodeProperties[]);

/** Balance → Get: the usage card (consumed, remaining, reset date, rollover, top-ups, total available), one per item. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return [
		await forEachItem(this, async (itemIndex) =>
			expectOk(this, await ledgerRequest(this, 'GET', '/v1/balance', undefined, undefined, itemIndex), 'Reading the balance', itemIndex),
		),
	];
}
