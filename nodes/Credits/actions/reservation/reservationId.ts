import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

export const reservationIdProperty: INodeProperties = {
	displayName: 'Reservation ID',
	name: 'reservationId',
	type: 'string',
	default: '={{ $json.reservation.id }}',
	required: true,
	description: 'The ID a Reserve step returned',
};

/** The reservation ID of an item, or a `NodeOperationError` naming the item when it is empty. */
export function reservationIdOf(ctx: IExecuteFunctions, itemIndex: number): string {
	const id = String(ctx.getNodeParameter('reservationId', itemIndex, '') ?? '').trim();
	if (!id || id === 'undefined') throw new NodeOperationError(ctx.getNode(), `Reservation ID is empty (item ${itemIndex})`, { itemIndex });
	return id;
}
