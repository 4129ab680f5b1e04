import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import { admits, spent, type AdmissionCard } from '../../../../shared-pricing/src/accounting/admits';
import { admissionCard } from '../../helpers/admissionCard';
import { creditsText, toMillicredits } from '../../helpers/amounts';
import { withItemIndex } from '../../helpers/items';
import { expectOk, ledgerRequest } from '../../transport';
import { parkUntilCredits } from './park';

const properties: INodeProperties[] = [
	{
		displayName: 'Estimated Cost (Credits)',
		name: 'estimatedCost',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 3 },
		default: 0,
		description: 'Credits each item is expected to cost downstream; items pass while the balance covers them',
	},
	{
		displayName: 'When Insufficient',
		name: 'whenInsufficient',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: "Apply the Plan's Policy",
				value: 'plan',
				description: 'Pause: wait until credits renew; stop: fail the execution; overdraft: pass',
			},
			{ name: 'Route to Insufficient', value: 'route', description: 'Send the item to the Insufficient output' },
		],
		default: 'route',
		description: 'What happens to an item the balance does not cover',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['balance'], operation: ['guard'] } }, properties);

/** When the credits that are missing come back: the daily reset when only the daily limit is short, else the period reset. */
function renewsAt(card: IDataObject, need: number): string {
	const total = Number(card.totalAvailable);
	const daily = card.dailyRemaining === null || card.dailyRemaining === undefined ? null : Number(card.dailyRemaining);
	if (daily !== null && daily < need && total >= need) return String(card.dailyResetsAt);
	return String(card.resetsAt);
}

/** The error that stops the execution for an item its balance does not cover, naming the limit that is short. */
function refusal(ctx: IExecuteFunctions, card: IDataObject, left: AdmissionCard, reason: string, cost: number, itemIndex: number): NodeOperationError {
	const daily = reason === 'daily-limit';
	const free = Math.max(0, daily ? (left.dailyRemaining ?? 0) : left.available);
	const message = daily
		? `Daily limit reached for item ${itemIndex}: it needs ${creditsText(cost)}, ${creditsText(free)} left today (plan policy "${left.policy}")`
		: `Insufficient credits for item ${itemIndex}: it needs ${creditsText(cost)}, ${creditsText(free)} available (plan policy "${left.policy}")`;
	return new NodeOperationError(ctx.getNode(), message, { itemIndex, description: `Credits renew at ${daily ? String(card.dailyResetsAt) : renewsAt(card, cost)}` });
}

/**
 * Balance → Guard: items whose estimated cost the balance covers (counting the items before them)
 * go to Enough, the others to Insufficient — or, under the plan's policy, `pause` parks the
 * execution (`./park`) until credits cover its items or, at the latest, the renewal, and then lets
 * them all through, `stop` fails naming the item, `overdraft` lets them through within the daily limit. Whether an item is admitted is the
 * ledger's own decision (`admits`, as new work: under `pause` a workspace in debt waits). Editor runs
 * are free when the plan says so.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const enough: INodeExecutionData[] = [];
	const insufficient: INodeExecutionData[] = [];
	if (items.length === 0) return [enough, insufficient];
	const card = expectOk(this, await ledgerRequest(this, 'GET', '/v1/balance'), 'Reading the balance');
	const quote = expectOk(this, await ledgerRequest(this, 'POST', '/v1/quote', { millicredits: 0, mode: this.getMode() }), 'Reading the plan');
	const plan = (quote.plan ?? {}) as IDataObject;
	const free = quote.free === true || (this.getMode() === 'manual' && plan.editorRunsFree === true);
	// What is left after the items before this one: each item that passes spends from both limits.
	let left = admissionCard(card, plan.exhaustion as string | undefined);
	let waitUntil: string | undefined;
	// What the items that go on through Enough will spend once the execution resumes.
	let passing = 0;
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const item = items[itemIndex];
		try {
			const cost = free ? 0 : toMillicredits(this.getNode(), this.getNodeParameter('estimatedCost', itemIndex), 'Estimated Cost', itemIndex);
			const mode = this.getNodeParameter('whenInsufficient', itemIndex) as string;
			// A check before the work downstream: new work, not a charge of work already done.
			const decision = admits(left, cost, 'work');
			const covered = decision.ok && decision.overdraft === 0;
			const guard: IDataObject = { estimatedMillicredits: cost, availableMillicredits: left.available, covered, policy: left.policy };
			if (covered) {
				left = spent(left, cost);
				passing += cost;
				enough.push({ json: { ...item.json, guard }, pairedItem: { item: itemIndex } });
			} else if (mode === 'route') {
				insufficient.push({ json: { ...item.json, guard }, pairedItem: { item: itemIndex } });
			} else if (decision.ok) {
				left = spent(left, cost);
				passing += cost;
				enough.push({ json: { ...item.json, guard: { ...guard, overdraft: true } }, pairedItem: { item: itemIndex } });
			} else if (left.policy === 'pause') {
				waitUntil ??= renewsAt(card, cost);
				passing += cost;
				enough.push({ json: { ...item.json, guard: { ...guard, waitedUntil: waitUntil } }, pairedItem: { item: itemIndex } });
			} else {
				throw refusal(this, card, left, decision.reason, cost, itemIndex);
			}
		} catch (error) {
			if (this.continueOnFail()) {
				insufficient.push({ json: { error: (error as Error).message }, pairedItem: { item: itemIndex } });
				continue;
			}
			throw withItemIndex(this, error, itemIndex);
		}
	}
	if (waitUntil !== undefined) await parkUntilCredits(this, waitUntil, passing);
	return [enough, insufficient];
}
