import { admits, type AdmittanceRefusal } from '../../../shared-pricing/src/accounting/admits';
import type { BalanceCard } from '../store/types';

/** What the banner at the top of the page says: executions paused, and debt owed. */
export interface AccountState {
  /** Why new executions are refused under the `pause` policy, and when credits renew; null while they may start. */
  paused: { reason: AdmittanceRefusal; renewsAt: string } | null;
  /** Millicredits owed (consumed past zero), repaid first by the next credits; 0 when none. */
  debt: number;
}

/**
 * Whether the workspace is paused, decided by the same rule admission uses (`admits` for a new execution
 * estimated at nothing): under `pause`, nothing left today or in the period refuses every new execution.
 */
export function accountStateOf(card: BalanceCard): AccountState {
  const debt = Math.max(0, card.overdraft);
  if (card.exhaustion !== 'pause') return { paused: null, debt };
  const decision = admits({ available: card.totalAvailable, dailyRemaining: card.dailyRemaining, memberRemaining: null, policy: 'pause' }, 0, 'admission');
  if (decision.ok) return { paused: null, debt };
  return { paused: { reason: decision.reason, renewsAt: decision.reason === 'daily-limit' ? card.dailyResetsAt : card.resetsAt }, debt };
}
