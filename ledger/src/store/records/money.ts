/** Money in and out: grants, ledger entries and charges, reservations. Amounts are integer millicredits. */

/** Where a grant came from. Default priorities: promo 10, rollover 20, allocation 30, manual 40, top-up 50. */
export type GrantKind = 'allocation' | 'rollover' | 'topup' | 'manual' | 'promo';

export interface GrantInput {
  workspaceId: string;
  kind: GrantKind;
  millicredits: number;
  /** Lower is consumed first; defaults by kind (see `GrantKind`). */
  priority?: number;
  /** When the grant becomes usable; defaults to now. */
  effectiveAt?: string;
  /** When the grant's remainder lapses; null for never. Top-ups default from `plan.topUps.lifetime`. */
  expiresAt?: string | null;
  note?: string;
  /** Idempotency key of the grant (a payment id): a repeated key returns the first grant. */
  key?: string;
}

export interface Grant {
  id: string;
  workspaceId: string;
  kind: GrantKind;
  /** Millicredits granted. */
  millicredits: number;
  /** Millicredits not yet consumed (derived: granted − debits − reversed debits; checked by `audit`). */
  remaining: number;
  priority: number;
  effectiveAt: string;
  expiresAt: string | null;
  /** Top-ups bought under a plan lapse when the plan ends (`topUps.lifetime.kind === 'plan'`). */
  endsWithPlan: boolean;
  note: string | null;
  key: string | null;
  createdAt: string;
}

// ---------------------------------------------------------------- entries and charges

/**
 * `repayment` entries move debt onto credits that arrived later: 0 millicredits (no new usage), debits on the
 * grants that repaid it and a negative `overdraft`. `clawback` entries take a refunded or disputed purchase's
 * credits back: 0 millicredits, a debit on its grant for the unspent part, and the spent part as `overdraft` (debt).
 * Reports leave both out.
 */
export type EntryType = 'charge' | 'reversal' | 'settlement' | 'repayment' | 'clawback';

/** One usage record to charge. `key` is the idempotency key (`executionId:nodeName:runIndex:kind`). */
export interface ChargeInput {
  workspaceId: string;
  key: string;
  millicredits: number;
  memberId?: string | null;
  workflowId?: string | null;
  workflowName?: string | null;
  executionId?: string | null;
  nodeName?: string | null;
  nodeType?: string | null;
  runIndex?: number | null;
  /** n8n execution mode (`manual`, `trigger`, `webhook`, …). */
  mode?: string | null;
  /** Charge kind from pricing (`run`, `item`, `tokens`, `helper`, …). */
  kind?: string | null;
  model?: string | null;
  tokens?: { input: number; output: number } | null;
  /** Outcome of the step (`success`, `error`). */
  status?: string | null;
  /** When the usage happened; defaults to now. */
  occurredAt?: string;
}

/** How a recorded entry's amount was taken: from which grants, and how much went into overdraft. */
export interface Debit {
  grantId: string;
  millicredits: number;
}

export interface LedgerEntry {
  /** Sequence number, increasing in recording order within the database. */
  id: number;
  workspaceId: string;
  type: EntryType;
  key: string;
  /** Positive for a charge or settlement, negative for a reversal. */
  millicredits: number;
  memberId: string | null;
  workflowId: string | null;
  workflowName: string | null;
  executionId: string | null;
  nodeName: string | null;
  nodeType: string | null;
  runIndex: number | null;
  mode: string | null;
  kind: string | null;
  model: string | null;
  tokens: { input: number; output: number } | null;
  status: string | null;
  debits: Debit[];
  /** Part of `millicredits` that went below zero (overdraft policy); negative on a reversal that repays it. */
  overdraft: number;
  /** For a reversal: the key of the entry it reverses. */
  reversesKey: string | null;
  /** For a settlement: the reservation it settles. */
  reservationId: string | null;
  occurredAt: string;
  recordedAt: string;
}

export type RefusalReason =
  /** Not enough credits under the `pause` policy: wait for `renewsAt` or top up. */
  | 'insufficient-credits'
  /** Not enough credits under the `stop` policy. */
  | 'credits-exhausted'
  /** The workspace's daily limit would be passed; renews at the next midnight in its zone. */
  | 'daily-limit'
  /** The member's allocation for this period would be passed. */
  | 'member-allocation'
  /** The workflow failed `plan.consecutiveFailureLimit` times in a row. */
  | 'circuit-open';

export type ChargeOutcome =
  /** Debited and recorded. `balance` is the total available after it (negative under overdraft); `overdraft` the debt after it. */
  | { status: 'recorded'; key: string; entry: LedgerEntry; balance: number; overdraft: number }
  /** Same key, same content: acknowledged, nothing debited twice. */
  | { status: 'duplicate'; key: string; entry: LedgerEntry }
  /** Same key, different content: nothing recorded. `code` is always `key-conflict`. */
  | { status: 'conflict'; key: string; code: 'key-conflict'; message: string; existing: LedgerEntry }
  /** Not recorded: the policy refused it. `renewsAt` says when credits renew (null when unknown, e.g. `stop`). */
  | { status: 'refused'; key: string; reason: RefusalReason; message: string; renewsAt: string | null; available: number };

export interface ReverseInput {
  workspaceId: string;
  /** Key of the entry to reverse. */
  reversesKey: string;
  /** Idempotency key of the reversal itself; defaults to `reversal:<reversesKey>`. */
  key?: string;
  reason?: string;
}

// ---------------------------------------------------------------- reservations

export type ReservationState = 'held' | 'settled' | 'released' | 'expired';

export interface ReserveInput {
  workspaceId: string;
  /** Idempotency key of the reservation (a repeated key returns the same reservation). */
  key: string;
  /** Most the step may cost: held back from the available balance until settled or released. */
  millicredits: number;
  memberId?: string | null;
  /** When an unsettled hold lapses; defaults to 15 minutes from now. */
  expiresAt?: string;
}

export interface Reservation {
  id: string;
  workspaceId: string;
  key: string;
  millicredits: number;
  memberId: string | null;
  state: ReservationState;
  expiresAt: string;
  createdAt: string;
  /** Key of the settling entry once settled. */
  settledKey: string | null;
}

export type ReserveOutcome =
  | { status: 'reserved'; reservation: Reservation; available: number }
  | { status: 'duplicate'; reservation: Reservation }
  | { status: 'refused'; key: string; reason: RefusalReason; message: string; renewsAt: string | null; available: number };

/** Settle a held reservation with the measured amount (less or more than reserved). */
export interface SettleInput extends Omit<ChargeInput, 'workspaceId'> {
  reservationId: string;
}

