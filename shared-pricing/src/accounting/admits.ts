import type { ExhaustionPolicy } from '../plans/types';

/**
 * The figures the out-of-credits decision reads, as the balance card (`GET /v1/balance`) gives them
 * or as the store reads them inside a charge. Millicredits.
 */
export interface AdmissionCard {
  /** Credits free of reservations and earlier overdraft; below zero under overdraft. */
  available: number;
  /** What the daily limit still allows today; null when the plan has none. */
  dailyRemaining: number | null;
  /** What the member's allocation still allows this period; null when there is none (or no member). */
  memberRemaining: number | null;
  policy: ExhaustionPolicy;
}

/** Whether an amount may be spent: with the part that goes below zero, or why not. */
export type Admittance =
  | { ok: true; overdraft: number }
  | { ok: false; reason: 'daily-limit' | 'member-allocation' | 'insufficient-credits' | 'credits-exhausted' };

/**
 * The one exhaustion-policy decision, shared by the ledger (`decideCharge`), Balance → Guard and the
 * Metered Sub-workflow node: the daily limit and the member allocation refuse under every policy,
 * overdraft included; past the available credits `pause` refuses as `insufficient-credits` (credits
 * renew), `stop` as `credits-exhausted`, and `overdraft` admits, reporting what goes below zero.
 */
export function admits(card: AdmissionCard, amount: number): Admittance {
  if (card.dailyRemaining !== null && amount > card.dailyRemaining) return { ok: false, reason: 'daily-limit' };
  if (card.memberRemaining !== null && amount > card.memberRemaining) return { ok: false, reason: 'member-allocation' };
  if (card.policy !== 'overdraft' && amount > card.available) {
    return { ok: false, reason: card.policy === 'pause' ? 'insufficient-credits' : 'credits-exhausted' };
  }
  // What the free credits cover is drawn; only the rest goes below zero.
  return { ok: true, overdraft: amount - Math.max(0, Math.min(amount, card.available)) };
}
