import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { creditsText } from '../helpers/amounts';
import { expectOk, ledgerRequest } from '../transport';

/** The top-up packs of the workspace's plan, for the Add a Pack operation (admin key). */
export async function getTopUpPacks(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const body = expectOk(this, await ledgerRequest(this, 'GET', '/v1/topups/packs'), 'Listing the top-up packs');
	const packs = Array.isArray(body.packs) ? (body.packs as IDataObject[]) : [];
	return packs.map((pack) => ({
		name: `${String(pack.id)}: ${creditsText(Number(pack.millicredits))} credits for ${(Number(pack.price) / 100).toFixed(2)} ${String(pack.currency)}`,
		value: String(pack.id),
	}));
}
