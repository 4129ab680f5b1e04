import type { IDataObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { admits } from '../../shared-pricing/src/accounting/admits';
import { admissionCard } from '../Credits/helpers/admissionCard';
import { creditsText } from '../Credits/helpers/amounts';

/**
 * Throws when the balance card does not admit the sub-workflow's estimate, by the ledger's own
 * decision (`admits`): the daily limit refuses under every policy, overdraft included; the credits
 * refuse under `stop` and `pause` (the node cannot wait: a Credits Guard before it can).
 */
export function refuseUncovered(node: INode, card: IDataObject, need: number): void {
	const left = admissionCard(card);
	// Before the child starts: new work. Its charges, once it ran, are the execution's and always recorded under pause.
	const decision = admits(left, need, 'work');
	if (decision.ok) return;
	// n8n never runs a waiting node again on resume, so this node cannot park itself and then run the child.
	const advice = "Put a Credits Guard (Apply the Plan's Policy) before this node: it waits until a top-up or the renewal covers the estimate.";
	if (decision.reason === 'daily-limit') {
		throw new NodeOperationError(node, `Daily limit reached for the sub-workflow: it is estimated at ${creditsText(need)}, ${creditsText(Math.max(0, left.dailyRemaining ?? 0))} left today`, {
			description: `Plan policy "${left.policy}"; the daily limit renews at ${String(card.dailyResetsAt)}. ${advice}`,
		});
	}
	throw new NodeOperationError(node, `Insufficient credits for the sub-workflow: it is estimated at ${creditsText(need)}, ${creditsText(Math.max(0, left.available))} available`, {
		description: `Plan policy "${left.policy}"; credits renew at ${String(card.resetsAt)}. ${advice}`,
	});
}
