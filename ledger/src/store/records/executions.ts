/** n8n executions posted whole, and the counters they feed (helper runs, the circuit breaker). */
import type { ChargeInput, ChargeOutcome } from './money';
import type { PricingState } from '../../../../shared-pricing/src/execution/types';

/** An n8n execution to price and record in one transaction (`recordExecution`). */
export interface ExecutionInput {
  workspaceId: string;
  executionId: string;
  workflowId?: string | null;
  /** n8n execution mode: only production runs (any mode but `manual`) count for the circuit breaker. */
  mode?: string | null;
  /**
   * n8n execution status. `waiting`, `running` and `new` have not ended: the breaker waits for the post that ends
   * the execution. `error` and `crashed` are failures; anything else (or none) is a success.
   */
  status?: string | null;
  /**
   * Prices the execution given the workspace's helper counter and what this execution counted before; called
   * inside the charge transaction, so concurrent posts of one workspace see each other's counts.
   */
  price(state: PricingState): { charges: Array<Omit<ChargeInput, 'workspaceId'>>; state: PricingState };
}

export interface ExecutionRecord {
  /** One outcome per priced charge, in order. */
  outcomes: ChargeOutcome[];
  helperRuns: HelperCount;
  /** The workflow's breaker after this post (null without a workflow id); `counted` when this post counted the execution. */
  breaker: (FailureCount & { counted: boolean }) | null;
}

// ---------------------------------------------------------------- counters

export interface HelperCount {
  before: number;
  after: number;
}

export interface FailureCount {
  workflowId: string;
  consecutiveFailures: number;
  /** True when `plan.consecutiveFailureLimit` is reached: charges for this workflow are refused. */
  open: boolean;
}

