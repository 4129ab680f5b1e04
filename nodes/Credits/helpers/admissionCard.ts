import type { IDataObject } from 'n8n-workflow';
import type { AdmissionCard } from '../../../shared-pricing/src/accounting/admits';
import type { ExhaustionPolicy } from '../../../shared-pricing/src/plans/types';

/**
 * The figures `admits` decides on, read from the ledger's balance card (`GET /v1/balance`): total
 * available, what the daily limit still allows, and the plan's exhaustion policy (`policy` when the
 * card names none). The card carries no member allocation; the ledger applies it when it charges.
 */
export function admissionCard(card: IDataObject, policy?: string): AdmissionCard {
	const daily = card.dailyRemaining;
	return {
		available: Number(card.totalAvailable),
		dailyRemaining: daily === null || daily === undefined ? null : Number(daily),
		memberRemaining: null,
		policy: String(card.exhaustion ?? policy ?? 'stop') as ExhaustionPolicy,
	};
}
