import { admits } from './admits';
import { allocateDebits } from './allocateDebits';
import type { ChargeDecision, ChargeState } from './types';

/**
 * Decides one charge: refused (circuit open, or by `admits`: daily limit, member allocation, or no
 * credits under `pause`/`stop`) or debited from the grants in order. Under `overdraft` — and under
 * `pause` for a charge of an execution already running — what no grant covers goes below zero and is
 * reported as `overdraft`. A refusal under `pause` says when credits renew: the next local midnight
 * for the daily limit, the period end otherwise.
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
  const admitted = admits({
    available,
    // Not held at zero: a limit lowered below today's use refuses even a charge of 0.
    dailyRemaining: state.dailyLimit === null ? null : state.dailyLimit - state.dailyConsumed,
    memberRemaining: state.memberAllocation === null ? null : state.memberAllocation - state.memberConsumed,
    policy: state.policy,
  }, state.amount, state.ofExecution ? 'execution' : 'work');
  if (!admitted.ok) {
    const renewsAt = { 'daily-limit': state.dayEnd, 'member-allocation': state.periodEnd, 'insufficient-credits': state.periodEnd, 'credits-exhausted': null }[admitted.reason];
    return refuse(admitted.reason, renewsAt);
  }
  // Reserved credits stay in their grants, so only what is free of holds and earlier overdraft is drawn.
  const { debits } = allocateDebits(state.grants, state.amount - admitted.overdraft);
  return { ok: true, debits, overdraft: admitted.overdraft };
}
