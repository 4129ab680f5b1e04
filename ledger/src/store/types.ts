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

export type { Plan };
export type * from './records/workspaces';
export type * from './records/money';
export type * from './records/reports';
export type * from './records/executions';
export type * from './records/apiKeys';
export type * from './records/alerts';
export type * from './records/parked';
export type * from './records/purchases';
export type * from './records/exportCursor';

import type { AddMemberInput, CreateWorkspaceInput, Member, Workspace } from './records/workspaces';
import type {
  ChargeInput,
  ChargeOutcome,
  Grant,
  GrantInput,
  LedgerEntry,
  Reservation,
  ReserveInput,
  ReserveOutcome,
  ReverseInput,
  SettleInput,
} from './records/money';
import type { AuditReport, BalanceCard, BreakdownQuery, BreakdownRow, ListEntriesQuery } from './records/reports';
import type { ExecutionInput, ExecutionRecord, FailureCount, HelperCount } from './records/executions';
import type { ApiKeyRecord, CreateApiKeyInput } from './records/apiKeys';
import type { AlertDelivery, RecordAlertsInput, WorkflowUsage } from './records/alerts';
import type { ParkedExecution, ParkInput, ResumeResult } from './records/parked';
import type { CreatePurchaseInput, PaymentConfirmation, PaymentOutcome, PaymentReversal, Purchase } from './records/purchases';
import type { ExportCursor, UsageEntriesQuery } from './records/exportCursor';

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
  /** Null when unknown or revoked; updates `lastUsedAt` when it is more than 5 minutes old (best effort: never fails for it). */
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

  /**
   * Records an execution a Guard parked under `pause` (created: false when the same park key was recorded before:
   * a re-delivery). Another park key of the same execution replaces the row: it waits somewhere new.
   */
  parkExecution(input: ParkInput): Promise<{ parked: ParkedExecution; created: boolean }>;
  /** Parked executions still to resume (`waiting` or `resuming`), oldest first. */
  activeParked(workspaceId: string): Promise<ParkedExecution[]>;
  /** The workspaces with parked executions still to resume. */
  workspacesWithParked(): Promise<string[]>;
  /** Every parked execution of the workspace, newest first. */
  listParked(workspaceId: string, limit: number): Promise<ParkedExecution[]>;
  /** Claims one call of a parked execution's resume URL (null: not due, or another resumer has it); see `records/parked`. */
  claimResumption(workspaceId: string, executionId: string, leaseMs: number): Promise<ParkedExecution | null>;
  /** Records what a claimed call came to. */
  finishResumption(workspaceId: string, executionId: string, result: ResumeResult): Promise<void>;
  /** Marks waiting executions whose renewal time passed as `renewal` (n8n resumes them itself); returns how many. */
  endParkedAtRenewal(workspaceId: string): Promise<number>;
  /** Records a checkout session created for a pack, `pending` until the provider confirms the payment. */
  createPurchase(input: CreatePurchaseInput): Promise<Purchase>;
  /** The workspace's purchases, newest first. */
  listPurchases(workspaceId: string, limit?: number): Promise<Purchase[]>;
  getPurchase(provider: string, sessionId: string): Promise<Purchase | null>;
  /**
   * A verified payment event for a session: checked against the purchase (workspace, amount, currency), then its
   * pack granted once — a repeated event id or an already paid session changes nothing. Refunds that arrived
   * before it are applied right after.
   */
  confirmPayment(input: PaymentConfirmation): Promise<PaymentOutcome>;
  /** A session that failed or expired before it was paid. */
  closePurchase(provider: string, eventId: string, eventType: string, sessionId: string, status: 'failed' | 'expired'): Promise<PaymentOutcome>;
  /**
   * Money given back for a payment (refund or dispute; `moneyBack` is the total so far): the credits it paid for
   * come off the purchase's grant while it has them, the rest becomes debt (docs/ledger.md, "Refunds and disputes").
   */
  reversePayment(input: PaymentReversal): Promise<PaymentOutcome>;

  /** Usage entries (charges, settlements, reversals) of every workspace after an entry id, in recording order. */
  usageEntries(query: UsageEntriesQuery): Promise<LedgerEntry[]>;
  getExportCursor(sink: string): Promise<ExportCursor | null>;
  /** Compare-and-set of a sink's cursor; false when another exporter moved it since `from`. */
  moveExportCursor(sink: string, from: number, to: number, fileOffset: number | null): Promise<boolean>;
  /** Resolves when the database accepts writes; rejects with the database's own error (read-only, no privilege) when not. Writes nothing. */
  checkWritable(): Promise<void>;

  close(): Promise<void>;
}
