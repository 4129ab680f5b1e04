import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { formatCredits } from '../../../shared-pricing/src/money/millicredits';
import { roundMillicredits } from '../../../shared-pricing/src/money/round';

/**
 * Credits as the user typed them (a number, or a numeric string from an expression) to integer
 * millicredits, rounded half-up once, here. Anything else is a `NodeOperationError` naming the
 * parameter and the item, so nothing is charged for it.
 */
export function toMillicredits(node: INode, value: unknown, parameter: string, itemIndex: number): number {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isFinite(number)) {
		throw new NodeOperationError(node, `${parameter} must be a number of credits, got ${describe(value)} (item ${itemIndex})`, {
			itemIndex,
			description: 'Use a number such as 1.5 (credits, up to three decimals) or an expression that gives one',
		});
	}
	if (number < 0) {
		throw new NodeOperationError(node, `${parameter} must not be negative, got ${number} (item ${itemIndex})`, { itemIndex });
	}
	return roundMillicredits(number * 1000, 'half-up');
}

/** Millicredits as credits text: 1500 → "1.5". */
export function creditsText(millicredits: number): string {
	return Number.isSafeInteger(millicredits) ? formatCredits(millicredits) : String(millicredits);
}

function describe(value: unknown): string {
	if (value === undefined) return 'nothing';
	if (typeof value === 'string') return `"${value}"`;
	return JSON.stringify(value) ?? String(value);
}
