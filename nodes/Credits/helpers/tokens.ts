import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { PricingError } from '../../../shared-pricing/src/errors';
import { readItemTokenUsage, type ItemTokenUsage } from '../../../shared-pricing/src/execution/readTokenUsage';

/**
 * The token usage of one input item, read by the pricing core's one token reader (see
 * `readItemTokenUsage`); undefined when the item has none. A count that is there but is not a
 * whole number ≥ 0 is an error of this item naming where it is (`$json.usage.prompt_tokens`),
 * not "no usage": charging nothing for a malformed count would hide it.
 */
export function readItemTokens(ctx: IExecuteFunctions, json: IDataObject, field: string, itemIndex: number): ItemTokenUsage | undefined {
	try {
		return readItemTokenUsage(json, field);
	} catch (error) {
		// A malformed count is the item's fault; anything else is still reported against this node.
		const message = error instanceof PricingError ? `${error.message} (item ${itemIndex})` : (error as Error).message;
		throw new NodeOperationError(ctx.getNode(), message, { itemIndex });
	}
}
