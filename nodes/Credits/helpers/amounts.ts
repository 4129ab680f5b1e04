import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { formatCredits } from '../../../shared-pricing/src/money/formatCredits';
import { parseCredits } from '../../../shared-pricing/src/money/parseCredits';

/**
 * Credits as the user typed them (a number, or a numeric string from an expression) to integer
 * millicredits, rounded half-up once, by `parseCredits`. Anything else is a `NodeOperationError`
 * naming the parameter and the item, so nothing is charged for it.
 */
export function toMillicredits(node: INode, value: unknown, parameter: string, itemIndex: number): number {
	const parsed = typeof value === 'number' || typeof value === 'string' ? parseCredits(value, 'half-up') : ({ ok: false, problem: 'not-a-number' } as const);
	if (parsed.ok) return parsed.millicredits;
	if (parsed.problem === 'negative') {
		throw new NodeOperationError(node, `${parameter} must not be negative, got ${Number(value)} (item ${itemIndex})`, { itemIndex });
	}
	if (parsed.problem === 'too-large') throw new NodeOperationError(node, `${parameter} is too large to charge, got ${String(value)} (item ${itemIndex})`, { itemIndex });
	throw new NodeOperationError(node, `${parameter} must be a number of credits, got ${describe(value)} (item ${itemIndex})`, {
		itemIndex,
		description: 'Use a number such as 1.5 (credits, up to three decimals) or an expression that gives one',
	});
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
