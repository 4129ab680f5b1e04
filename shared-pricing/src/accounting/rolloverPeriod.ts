import type { Plan } from '../plans/types';
import { defaultGrantPriority } from './defaultGrantPriority';
import type { GrantBalance, GrantKind, Period } from './types';

/** A grant the period change issues. */
export interface IssuedGrant {
  kind: Extract<GrantKind, 'allocation' | 'rollover'>;
  millicredits: number;
  priority: number;
  effectiveAt: number;
  expiresAt: number;
}

/**
 * What happens when `ended` gives way to `next`: the allocation and rollover grants that last until
 * the period's end lapse, the plan's allocation is issued for `next`, and what was left of them is carried over
 * as a separate rollover grant capped at `plan.rolloverCap` (Twenty: never more than one period's
 * allocation). Top-ups, manual and promotional grants keep their own expiry and are untouched.
 */
export function rolloverPeriod(
  plan: Pick<Plan, 'allocation' | 'rolloverCap'>,
  grants: readonly GrantBalance[],
  ended: Period,
  next: Period,
): { lapse: string[]; issue: IssuedGrant[] } {
  // Only grants that last until the period's end carry over: an allocation a plan change ended early was replaced.
  const periodGrants = grants.filter((g) => (g.kind === 'allocation' || g.kind === 'rollover') && g.effectiveAt < ended.end && (g.expiresAt === null || g.expiresAt >= ended.end));
  const unused = periodGrants.reduce((sum, g) => sum + Math.max(0, g.remaining), 0);
  const carried = Math.min(unused, Math.max(0, plan.rolloverCap));
  const issue: IssuedGrant[] = [];
  if (plan.allocation > 0) {
    issue.push({ kind: 'allocation', millicredits: plan.allocation, priority: defaultGrantPriority('allocation'), effectiveAt: next.start, expiresAt: next.end });
  }
  if (carried > 0) {
    issue.push({ kind: 'rollover', millicredits: carried, priority: defaultGrantPriority('rollover'), effectiveAt: next.start, expiresAt: next.end });
  }
  return { lapse: periodGrants.filter((g) => g.remaining > 0).map((g) => g.id), issue };
}
