import { allocateDebits } from './allocateDebits';
import type { ChargeDecision, ChargeState } from './types';

/**
 * Decides one charge: refused (circuit open, daily limit, member allocation, or no credits under
 * `pause`/`stop`) or debited from the grants in order. Under `overdraft` what no grant covers
 * goes below zero and is reported as `overdraft`. Under `pause` the caller is told when credits
 * renew: the next local midnight for the daily limit, the period end otherwise.
 */
export function decideCharge(state: ChargeState): ChargeDecision {
  const held = state.grants.reduce((sum, g) => sum + g.remaining, 0);
  const available = held - state.reserved - state.overdraft;
  const refuse = (reason: Extract<ChargeDecision, { ok: false }>['reason'], renewsAt: number | null): ChargeDecision => ({
    ok: false,
    reason,
    renewsAt,
    available,
  });
  if (state.breakerOpen) return refuse('circuit-open', null);
  if (state.dailyLimit !== null && state.dailyConsumed + state.amount > state.dailyLimit) return refuse('daily-limit', state.dayEnd);
  if (state.memberAllocation !== null && state.memberConsumed + state.amount > state.memberAllocation) {
    return refuse('member-allocation', state.periodEnd);
  }
  if (state.policy !== 'overdraft' && state.amount > available) {
    return state.policy === 'pause' ? refuse('insufficient-credits', state.periodEnd) : refuse('credits-exhausted', null);
  }
  // Reserved credits stay in their grants, so only what is free of holds and earlier overdraft is drawn.
  const free = Math.max(0, Math.min(state.amount, available));
  const { debits } = allocateDebits(state.grants, free);
  return { ok: true, debits, overdraft: state.amount - free };
}
