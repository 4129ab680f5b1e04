/**
 * The credit ledger's storage interface. Both stores (`SqliteLedgerStore`, `PostgresLedgerStore`)
 * implement it and pass one conformance suite. Every method is async so the two share it.
 *
 * Conventions:
 * - amounts are integer millicredits (1 credit = 1000);
 * - times are ISO-8601 strings in UTC (`2026-01-31T15:00:00.000Z`) on the way out, and ISO strings on the way in;
 * - bad input throws a `LedgerError` (see `./errors`) with a `code` and leaves the database unchanged;
 * - expected outcomes (a refused charge, a duplicate, a conflicting key) are returned values.
 *
 * This interface only grows: fields and methods are added, never renamed or removed.
 */
import type { Plan } from '../../../shared-pricing/src/plans/types';
import type { PricingState } from '../../../shared-pricing/src/execution/types';

export type { Plan };
export type * from './alertTypes';
import type { AlertDelivery, RecordAlertsInput, WorkflowUsage } from './alertTypes';

// ---------------------------------------------------------------- workspaces and members

export interface CreateWorkspaceInput {
  /** Chosen by the caller (a slug or UUID); must be unique. Generated when absent. */
  id?: string;
  name: string;
  plan: Plan;
  /** IANA time zone of the workspace (`Europe/Berlin`, `Asia/Tokyo`); periods and days are counted in it. */
  timeZone: string;
  /** Day of the month a period starts (1–31; a short month starts on its last day). */
  anchorDay: number;
  /** Month a yearly period starts (1–12); ignored for monthly plans. Defaults to 1. */
  anchorMonth?: number;
}

export interface Workspace {
  id: string;
  name: string;
  plan: Plan;
  timeZone: string;
  anchorDay: number;
  anchorMonth: number;
  /** Overrides `plan.dailyLimit` when not undefined (Monkedo: paid plans may change their daily credit). */
  dailyLimitOverride: number | null | undefined;
  createdAt: string;
  /** When the current plan started (set again by `setPlan`). */
  planStartedAt: string;
  /** Start of the billing period the ledger last rolled into. */
  periodStart: string;
}

export interface AddMemberInput {
  workspaceId: string;
  /** The caller's id for the member (an n8n user id or e-mail). */
  memberId: string;
  name?: string;
  /** Millicredits this member may consume per period, inside the plan's pool; null for no own limit. */
  allocation?: number | null;
}

export interface Member {
  workspaceId: string;
  memberId: string;
  name: string | null;
  allocation: number | null;
  /** Millicredits this member consumed in the current period. */
  consumedThisPeriod: number;
  createdAt: string;
}

// ---------------------------------------------------------------- grants

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
 * grants that repaid it and a negative `overdraft`. Reports leave them out.
 */
export type EntryType = 'charge' | 'reversal' | 'settlement' | 'repayment';

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

// ---------------------------------------------------------------- queries

export interface BalanceCard {
  workspaceId: string;
  planName: string;
  periodStart: string;
  /** When the allocation resets (end of the current period). */
  resetsAt: string;
  allocation: number;
  /** Millicredits charged in the current period (net of reversals). */
  consumedThisPeriod: number;
  /** What is left of this period's allocation grant. */
  remaining: number;
  /** Remaining rollover credits (Twenty's separate line). */
  rollover: number;
  /** Remaining top-up credits. */
  topUps: number;
  /** Remaining manual and promotional grants. */
  other: number;
  /** Held by open reservations. */
  reserved: number;
  /** remaining + rollover + topUps + other − reserved − overdraft (negative under overdraft). */
  totalAvailable: number;
  dailyLimit: number | null;
  /** What today's limit still allows (null with no daily limit). */
  dailyRemaining: number | null;
  /** Next midnight in the workspace's zone. */
  dailyResetsAt: string;
  /** Millicredits consumed beyond zero (overdraft policy), ≥ 0. */
  overdraft: number;
  exhaustion: Plan['exhaustion'];
}

export type BreakdownDimension = 'workflow' | 'nodeType' | 'member' | 'day';

export interface BreakdownQuery {
  workspaceId: string;
  by: BreakdownDimension;
  /** Inclusive start; defaults to the current period start. */
  from?: string;
  /** Exclusive end; defaults to now. */
  to?: string;
  memberId?: string;
}

export interface BreakdownRow {
  /** Workflow id, node type, member id or `YYYY-MM-DD` (workspace zone); `''` when unknown. */
  key: string;
  /** Workflow name when `by` is `workflow`. */
  label: string | null;
  millicredits: number;
  entries: number;
}

export interface ListEntriesQuery {
  workspaceId: string;
  from?: string;
  to?: string;
  memberId?: string;
  workflowId?: string;
  /** Newest first; defaults to 100. */
  limit?: number;
  /** Only entries with `id < before` (paging). */
  before?: number;
}

export interface AuditReport {
  workspaceId: string;
  ok: boolean;
  /** One line per grant whose stored remainder differs from what the entries say. */
  problems: string[];
  grants: Array<{ grantId: string; stored: number; recomputed: number }>;
  overdraft: { stored: number; recomputed: number };
  entries: number;
  /** Sum of all entries' millicredits. */
  netCharged: number;
}

// ---------------------------------------------------------------- executions

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

// ---------------------------------------------------------------- API keys

export type ApiKeyRole = 'admin' | 'member' | 'meter';

export interface CreateApiKeyInput {
  /** The workspace the key acts for; null for an instance-wide admin key. */
  workspaceId: string | null;
  role: ApiKeyRole;
  name: string;
  /** Hash of the secret (the store never sees the secret). */
  hash: string;
  /** First characters of the secret, to recognise it in lists. */
  prefix: string;
  /** For `member` keys: whose usage it records and reads. */
  memberId?: string | null;
}

export interface ApiKeyRecord {
  id: string;
  workspaceId: string | null;
  role: ApiKeyRole;
  name: string;
  prefix: string;
  memberId: string | null;
  createdAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

// ---------------------------------------------------------------- the store

export interface LedgerStoreOptions {
  /** The clock (ms since epoch); tests inject one to control periods and days. */
  now?: () => number;
}

export interface LedgerStore {
  /** Applies pending migrations; idempotent. Call once before use (the factories do). */
  migrate(): Promise<void>;

  createWorkspace(input: CreateWorkspaceInput): Promise<Workspace>;
  /** Null when unknown. */
  getWorkspace(workspaceId: string): Promise<Workspace | null>;
  listWorkspaces(): Promise<Workspace[]>;
  /**
   * Changes the plan: the old plan ends (its allocation, rollover and plan-lifetime top-ups lapse now) and the new
   * plan's allocation is issued for the rest of the current period (periods keep the workspace's anchor).
   */
  setPlan(workspaceId: string, plan: Plan): Promise<Workspace>;
  /** Overrides the plan's daily limit (null: no limit; undefined: back to the plan's). */
  setDailyLimit(workspaceId: string, dailyLimit: number | null | undefined): Promise<Workspace>;

  addMember(input: AddMemberInput): Promise<Member>;
  listMembers(workspaceId: string): Promise<Member[]>;
  setMemberAllocation(workspaceId: string, memberId: string, allocation: number | null): Promise<Member>;

  addGrant(input: GrantInput): Promise<Grant>;
  /** `addGrant` that also says whether the grant is new (`created: false` when its key was used before). */
  addGrantOnce(input: GrantInput): Promise<{ grant: Grant; created: boolean }>;
  /** Grants usable now (effective, not expired, remaining > 0), in consumption order; `all` lists every grant. */
  listGrants(workspaceId: string, options?: { all?: boolean }): Promise<Grant[]>;

  charge(entry: ChargeInput): Promise<ChargeOutcome>;
  /** One transaction; outcomes in input order. Bad input anywhere throws before anything is written. */
  chargeBatch(entries: ChargeInput[]): Promise<ChargeOutcome[]>;
  /** Records a reversing entry that credits the original debits back (to grants still unexpired). */
  reverse(input: ReverseInput): Promise<ChargeOutcome>;

  reserve(input: ReserveInput): Promise<ReserveOutcome>;
  /** Records the measured amount as a `settlement` entry and frees the hold. */
  settle(input: SettleInput): Promise<ChargeOutcome>;
  release(workspaceId: string, reservationId: string): Promise<Reservation>;
  /** Marks every held reservation past its expiry as expired; returns how many. */
  expireReservations(): Promise<number>;
  getReservation(workspaceId: string, reservationId: string): Promise<Reservation | null>;

  balance(workspaceId: string): Promise<BalanceCard>;
  breakdown(query: BreakdownQuery): Promise<BreakdownRow[]>;
  entriesOfExecution(workspaceId: string, executionId: string): Promise<LedgerEntry[]>;
  listEntries(query: ListEntriesQuery): Promise<LedgerEntry[]>;
  getEntry(workspaceId: string, key: string): Promise<LedgerEntry | null>;
  audit(workspaceId: string): Promise<AuditReport>;

  /**
   * Prices and records an n8n execution in one transaction: its charges, the helper counter (each helper run
   * counted once per execution id) and the circuit breaker (each ended production execution counted once), and
   * the execution's status on its entries. Posting the same execution again records only what is new.
   */
  recordExecution(input: ExecutionInput): Promise<ExecutionRecord>;

  /** Adds helper runs (Amplience/Monkedo helper actions) and returns the counter before and after. */
  addHelperRuns(workspaceId: string, runs: number): Promise<HelperCount>;
  /** Records a workflow execution's outcome for the circuit breaker. */
  recordExecutionOutcome(workspaceId: string, workflowId: string, succeeded: boolean): Promise<FailureCount>;
  getFailureCount(workspaceId: string, workflowId: string): Promise<FailureCount>;

  createApiKey(input: CreateApiKeyInput): Promise<ApiKeyRecord>;
  /** Null when unknown or revoked; updates `lastUsedAt`. */
  findApiKeyByHash(hash: string): Promise<ApiKeyRecord | null>;
  listApiKeys(workspaceId?: string | null): Promise<ApiKeyRecord[]>;
  revokeApiKey(id: string): Promise<ApiKeyRecord>;

  /** The workspace's alert settings (a JSON document), or null when none were set. */
  getAlertSettings(workspaceId: string): Promise<unknown | null>;
  setAlertSettings(workspaceId: string, settings: unknown): Promise<void>;

  /**
   * Fires alerts once per crossing: an active alert whose mark is missing or of another scope is marked and its
   * deliveries queued in one transaction; marks of conditions no longer active are removed. Returns the keys fired.
   */
  recordAlerts(input: RecordAlertsInput): Promise<string[]>;
  /** Net consumption per workflow recorded in [from, to) (repayments left out), largest first. */
  workflowUsage(workspaceId: string, from: string, to: string): Promise<WorkflowUsage[]>;
  /** Workflows whose circuit breaker is open now. */
  openCircuits(workspaceId: string): Promise<string[]>;
  /**
   * Claims up to `limit` deliveries that are due: each gets one more attempt and is not due again for `leaseMs`
   * (another process does not send it meanwhile).
   */
  claimDeliveries(limit: number, leaseMs: number): Promise<AlertDelivery[]>;
  /** Records an attempt's result: sent, or the error and when to retry (null: give up, `failed`). */
  finishDelivery(id: string, result: { ok: true } | { ok: false; error: string; retryAt: string | null }): Promise<void>;
  /** The workspace's deliveries, newest first. */
  listDeliveries(workspaceId: string, limit: number): Promise<AlertDelivery[]>;

  close(): Promise<void>;
}
