import type { PricingState } from './types';

/** How many executions' helper counts `PricingState.helperRunsCounted` remembers. */
export const HELPER_MEMORY = 1000;

/**
 * The state after pricing an execution: the new helper counter, and how many helper runs of
 * this execution are now counted (so that pricing it again after a Wait resumes counts only the
 * new ones). Keeps the most recent `HELPER_MEMORY` executions; returns a new object.
 */
export function nextPricingState(state: PricingState, helperRuns: number, executionId: string, counted: number): PricingState {
  const previous = state?.helperRunsCounted ?? {};
  if (counted === 0 && previous[executionId] === undefined) return { ...state, helperRuns };
  const { [executionId]: _old, ...rest } = previous;
  const helperRunsCounted: Record<string, number> = {};
  for (const id of Object.keys(rest).slice(-(HELPER_MEMORY - 1))) helperRunsCounted[id] = rest[id] as number;
  helperRunsCounted[executionId] = counted;
  return { ...state, helperRuns, helperRunsCounted };
}
