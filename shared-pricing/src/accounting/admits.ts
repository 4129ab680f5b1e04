import type { ExhaustionPolicy } from '../plans/types';

/**
 * The figures the out-of-credits decision reads, as the balance card (`GET /v1/balance`) gives them
 * or as the store reads them inside a charge. Millicredits.
 */
export interface AdmissionCard {
  /** Credits free of reservations and earlier debt; below zero while the workspace owes credits. */
  available: number;
  /** What the daily limit still allows today; null when the plan has none. */
  dailyRemaining: number | null;
  /** What the member's allocation still allows this period; null when there is none (or no member). */
  memberRemaining: number | null;
  policy: ExhaustionPolicy;
}

/**
 * What is being decided:
 * - `work`: a charge or hold not known to belong to a running execution, or a node's check before work starts
 *   (Balance → Guard, Metered Sub-workflow);
 * - `execution`: a charge an execution already running made (it names its execution): the work has happened;
 * - `admission`: whether a new execution may start, `amount` being its estimated cost.
 */
export type Spending = 'work' | 'execution' | 'admission';

export type AdmittanceRefusal = 'daily-limit' | 'member-allocation' | 'insufficient-credits' | 'credits-exhausted';

/** Whether an amount may be spent: with the part that goes below zero, or why not and how much is missing. */
export type Admittance =
  | { ok: true; overdraft: number }
  | { ok: false; reason: AdmittanceRefusal; missing: number };

/**
 * The one exhaustion-policy decision, shared by the ledger (`decideCharge`, admission) and the nodes
 * (Balance → Guard, Metered Sub-workflow).
 * - Under `pause` an execution's charge is always recorded — past zero as debt, past the daily limit and
 *   the member allocation — because its work has happened and nothing is free; what is over keeps new
 *   executions out until credits renew or arrive.
 * - Otherwise the daily limit and the member allocation refuse under every policy, overdraft included;
 *   past the available credits `pause` refuses as `insufficient-credits` (credits renew), `stop` as
 *   `credits-exhausted`, and `overdraft` admits, reporting what goes below zero.
 * - An admission also refuses while nothing is left (a limit at or below zero), whatever the estimate.
 */
export function admits(card: AdmissionCard, amount: number, spending: Spending = 'work'): Admittance {
  if (!(spending === 'execution' && card.policy === 'pause')) {
    if (card.dailyRemaining !== null && exhausted(card.dailyRemaining, amount, spending)) return { ok: false, reason: 'daily-limit', missing: amount - card.dailyRemaining };
    if (card.memberRemaining !== null && exhausted(card.memberRemaining, amount, spending)) return { ok: false, reason: 'member-allocation', missing: amount - card.memberRemaining };
    if (card.policy !== 'overdraft' && exhausted(card.available, amount, spending)) {
      return { ok: false, reason: card.policy === 'pause' ? 'insufficient-credits' : 'credits-exhausted', missing: amount - card.available };
    }
  }
  // What the free credits cover is drawn; only the rest goes below zero.
  return { ok: true, overdraft: amount - Math.max(0, Math.min(amount, card.available)) };
}

/** Whether what is left cannot take the amount; an admission is also refused while nothing is left. */
function exhausted(left: number, amount: number, spending: Spending): boolean {
  return amount > left || (spending === 'admission' && left <= 0);
}

/** What is left once `amount` is spent from both the credits and today's limit (a Guard's items, parked executions). */
export function spent(card: AdmissionCard, amount: number): AdmissionCard {
  return { ...card, available: card.available - amount, dailyRemaining: card.dailyRemaining === null ? null : card.dailyRemaining - amount };
}
