import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { forEachItem } from '../../helpers/items';
import { expectOk, ledgerRequest } from '../../transport';
import { reservationIdOf, reservationIdProperty } from './reservationId';

export const description = updateDisplayOptions({ show: { resource: ['reservation'], operation: ['release'] } }, [reservationIdProperty]);

/** Reservation → Release: gives a hold back (the step failed or was skipped). */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return [
		await forEachItem(this, async (itemIndex, item) => {
			const id = reservationIdOf(this, itemIndex);
			const response = await ledgerRequest(this, 'POST', `/v1/reservations/${encodeURIComponent(id)}/release`, undefined, undefined, itemIndex);
			return { ...item.json, reservation: expectOk(this, response, 'Releasing the reservation', itemIndex) };
		}),
	];
}
