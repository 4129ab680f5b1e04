import type { Plan } from '../../../shared-pricing/src/plans/types';
import type { Db, Tx } from './db';
import { LedgerError } from './errors';
import { postgresMigrations } from './migrations/postgres';
import { sqliteMigrations } from './migrations/sqlite';
import { AlertMarks } from './sql/alertMarks';
import { AlertOutbox } from './sql/alertOutbox';
import { ParkedExecutions } from './sql/parkedExecutions';
import { Administration } from './sql/administration';
import { ApiKeys } from './sql/apiKeys';
import { ChargeDecider } from './sql/chargeDecider';
import { Charges } from './sql/charges';
import { Counters } from './sql/counters';
import { Purchases } from './sql/purchases';
import { Reports } from './sql/reports';
import { Reservations } from './sql/reservations';
import { Settings } from './sql/settings';
import { UsageExport } from './sql/usageExport';
import type {
  AlertDelivery, RecordAlertsInput, WorkflowUsage, ParkedExecution, ParkInput, ResumeResult,
  AddMemberInput, ApiKeyRecord, AuditReport, BalanceCard, BreakdownQuery, BreakdownRow, ChargeInput, ChargeOutcome, CreateApiKeyInput,
  CreateWorkspaceInput, ExecutionInput, ExecutionRecord, FailureCount, Grant, GrantInput, HelperCount, LedgerEntry, LedgerStore, ListEntriesQuery,
  Member, Reservation, ReserveInput, ReserveOutcome, ReverseInput, SettleInput, Workspace,
  CreatePurchaseInput, ExportCursor, PaymentConfirmation, PaymentOutcome, PaymentReversal, Purchase, UsageEntriesQuery,
} from './types';

/**
 * The ledger over a `Db`: one implementation of the accounting, run on SQLite or PostgreSQL. This class only
 * wires the jobs together (`sql/`): charges, reservations, administration, reports, counters, keys and
 * settings, alerts and their outbox, all on one workspace-transaction core (`sql/workspaceTx.ts`, `sql/chargeDecider.ts`).
 */
export class SqlLedgerStore implements LedgerStore {
  private readonly core: ChargeDecider;
  private readonly charges: Charges;
  private readonly reservations: Reservations;
  private readonly admin: Administration;
  private readonly reports: Reports;
  private readonly counters: Counters;
  private readonly keys: ApiKeys;
  private readonly settings: Settings;
  private readonly alertMarks: AlertMarks;
  private readonly outbox: AlertOutbox;
  private readonly parked: ParkedExecutions;
  private readonly purchases: Purchases;
  private readonly usageExport: UsageExport;

  constructor(
    readonly db: Db,
    options: { now?: () => number } = {},
  ) {
    this.core = new ChargeDecider(db, options.now ?? Date.now);
    this.charges = new Charges(this.core);
    this.reservations = new Reservations(this.core);
    this.admin = new Administration(this.core);
    this.reports = new Reports(this.core);
    this.counters = new Counters(this.core);
    this.keys = new ApiKeys(this.core);
    this.settings = new Settings(this.core);
    this.alertMarks = new AlertMarks(this.core);
    this.outbox = new AlertOutbox(this.core);
    this.parked = new ParkedExecutions(this.core);
    this.purchases = new Purchases(this.core, this.admin);
    this.usageExport = new UsageExport(this.core);
  }

  async migrate(): Promise<void> {
    const migrations = this.db.dialect === 'sqlite' ? sqliteMigrations : postgresMigrations;
    const apply = async (tx: Tx) => {
      await tx.run('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)');
      const done = new Set((await tx.all('SELECT version FROM schema_migrations')).map((r) => Number(r.version)));
      for (const migration of migrations) {
        if (done.has(migration.version)) continue;
        try {
          await this.db.exec(tx, migration.sql);
        } catch (error) {
          throw new LedgerError('migration-failed', `migration ${migration.version} (${migration.name}) failed: ${(error as Error).message}`);
        }
        await tx.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [migration.version, migration.name, Date.now()]);
      }
    };
    const pg = this.db as unknown as { migrationTransaction?: (w: (tx: Tx) => Promise<void>) => Promise<void> };
    if (pg.migrationTransaction) await pg.migrationTransaction(apply);
    else await this.db.transaction(apply);
  }

  charge(entry: ChargeInput): Promise<ChargeOutcome> {
    return this.charges.charge(entry);
  }

  chargeBatch(entries: ChargeInput[]): Promise<ChargeOutcome[]> {
    return this.charges.chargeBatch(entries);
  }

  recordExecution(input: ExecutionInput): Promise<ExecutionRecord> {
    return this.charges.recordExecution(input);
  }

  reverse(input: ReverseInput): Promise<ChargeOutcome> {
    return this.charges.reverse(input);
  }

  reserve(input: ReserveInput): Promise<ReserveOutcome> {
    return this.reservations.reserve(input);
  }

  settle(input: SettleInput): Promise<ChargeOutcome> {
    return this.reservations.settle(input);
  }

  release(workspaceId: string, reservationId: string): Promise<Reservation> {
    return this.reservations.release(workspaceId, reservationId);
  }

  expireReservations(): Promise<number> {
    return this.reservations.expireReservations();
  }

  getReservation(workspaceId: string, reservationId: string): Promise<Reservation | null> {
    return this.reservations.getReservation(workspaceId, reservationId);
  }

  createWorkspace(input: CreateWorkspaceInput): Promise<Workspace> {
    return this.admin.createWorkspace(input);
  }

  getWorkspace(workspaceId: string): Promise<Workspace | null> {
    return this.admin.getWorkspace(workspaceId);
  }

  listWorkspaces(): Promise<Workspace[]> {
    return this.admin.listWorkspaces();
  }

  setPlan(workspaceId: string, plan: Plan): Promise<Workspace> {
    return this.admin.setPlan(workspaceId, plan);
  }

  setDailyLimit(workspaceId: string, dailyLimit: number | null | undefined): Promise<Workspace> {
    return this.admin.setDailyLimit(workspaceId, dailyLimit);
  }

  addMember(input: AddMemberInput): Promise<Member> {
    return this.admin.addMember(input);
  }

  listMembers(workspaceId: string): Promise<Member[]> {
    return this.admin.listMembers(workspaceId);
  }

  setMemberAllocation(workspaceId: string, memberId: string, allocation: number | null): Promise<Member> {
    return this.admin.setMemberAllocation(workspaceId, memberId, allocation);
  }

  addGrant(input: GrantInput): Promise<Grant> {
    return this.admin.addGrant(input);
  }

  addGrantOnce(input: GrantInput): Promise<{ grant: Grant; created: boolean }> {
    return this.admin.addGrantOnce(input);
  }

  listGrants(workspaceId: string, options: { all?: boolean } = {}): Promise<Grant[]> {
    return this.admin.listGrants(workspaceId, options);
  }

  balance(workspaceId: string): Promise<BalanceCard> {
    return this.reports.balance(workspaceId);
  }

  breakdown(query: BreakdownQuery): Promise<BreakdownRow[]> {
    return this.reports.breakdown(query);
  }

  entriesOfExecution(workspaceId: string, executionId: string): Promise<LedgerEntry[]> {
    return this.reports.entriesOfExecution(workspaceId, executionId);
  }

  listEntries(query: ListEntriesQuery): Promise<LedgerEntry[]> {
    return this.reports.listEntries(query);
  }

  getEntry(workspaceId: string, key: string): Promise<LedgerEntry | null> {
    return this.reports.getEntry(workspaceId, key);
  }

  audit(workspaceId: string): Promise<AuditReport> {
    return this.reports.audit(workspaceId);
  }

  addHelperRuns(workspaceId: string, runs: number): Promise<HelperCount> {
    return this.counters.addHelperRuns(workspaceId, runs);
  }

  recordExecutionOutcome(workspaceId: string, workflowId: string, succeeded: boolean): Promise<FailureCount> {
    return this.counters.recordExecutionOutcome(workspaceId, workflowId, succeeded);
  }

  getFailureCount(workspaceId: string, workflowId: string): Promise<FailureCount> {
    return this.counters.getFailureCount(workspaceId, workflowId);
  }

  createApiKey(input: CreateApiKeyInput): Promise<ApiKeyRecord> {
    return this.keys.createApiKey(input);
  }

  findApiKeyByHash(hash: string): Promise<ApiKeyRecord | null> {
    return this.keys.findApiKeyByHash(hash);
  }

  listApiKeys(workspaceId?: string | null): Promise<ApiKeyRecord[]> {
    return this.keys.listApiKeys(workspaceId);
  }

  revokeApiKey(id: string): Promise<ApiKeyRecord> {
    return this.keys.revokeApiKey(id);
  }

  getAlertSettings(workspaceId: string): Promise<unknown | null> {
    return this.settings.getAlertSettings(workspaceId);
  }

  setAlertSettings(workspaceId: string, settings: unknown): Promise<void> {
    return this.settings.setAlertSettings(workspaceId, settings);
  }

  recordAlerts(input: RecordAlertsInput): Promise<string[]> {
    return this.alertMarks.recordAlerts(input);
  }

  workflowUsage(workspaceId: string, from: string, to: string): Promise<WorkflowUsage[]> {
    return this.alertMarks.workflowUsage(workspaceId, from, to);
  }

  openCircuits(workspaceId: string): Promise<string[]> {
    return this.alertMarks.openCircuits(workspaceId);
  }

  claimDeliveries(limit: number, leaseMs: number): Promise<AlertDelivery[]> {
    return this.outbox.claimDeliveries(limit, leaseMs);
  }

  finishDelivery(id: string, result: { ok: true } | { ok: false; error: string; retryAt: string | null }): Promise<void> {
    return this.outbox.finishDelivery(id, result);
  }

  listDeliveries(workspaceId: string, limit: number): Promise<AlertDelivery[]> {
    return this.outbox.listDeliveries(workspaceId, limit);
  }

  parkExecution(input: ParkInput): Promise<{ parked: ParkedExecution; created: boolean }> {
    return this.parked.park(input);
  }

  activeParked(workspaceId: string): Promise<ParkedExecution[]> {
    return this.parked.active(workspaceId);
  }

  workspacesWithParked(): Promise<string[]> {
    return this.parked.workspaces();
  }

  listParked(workspaceId: string, limit: number): Promise<ParkedExecution[]> {
    return this.parked.list(workspaceId, limit);
  }

  claimResumption(workspaceId: string, executionId: string, leaseMs: number): Promise<ParkedExecution | null> {
    return this.parked.claim(workspaceId, executionId, leaseMs);
  }

  finishResumption(workspaceId: string, executionId: string, result: ResumeResult): Promise<void> {
    return this.parked.finish(workspaceId, executionId, result);
  }

  endParkedAtRenewal(workspaceId: string): Promise<number> {
    return this.parked.endAtRenewal(workspaceId);
  }

  createPurchase(input: CreatePurchaseInput): Promise<Purchase> {
    return this.purchases.createPurchase(input);
  }

  listPurchases(workspaceId: string, limit?: number): Promise<Purchase[]> {
    return this.purchases.listPurchases(workspaceId, limit);
  }

  getPurchase(provider: string, sessionId: string): Promise<Purchase | null> {
    return this.purchases.getPurchase(provider, sessionId);
  }

  confirmPayment(input: PaymentConfirmation): Promise<PaymentOutcome> {
    return this.purchases.confirmPayment(input);
  }

  closePurchase(provider: string, eventId: string, eventType: string, sessionId: string, status: 'failed' | 'expired'): Promise<PaymentOutcome> {
    return this.purchases.closePurchase(provider, eventId, eventType, sessionId, status);
  }

  reversePayment(input: PaymentReversal): Promise<PaymentOutcome> {
    return this.purchases.reversePayment(input);
  }

  usageEntries(query: UsageEntriesQuery): Promise<LedgerEntry[]> {
    return this.usageExport.usageEntries(query);
  }

  getExportCursor(sink: string): Promise<ExportCursor | null> {
    return this.usageExport.getExportCursor(sink);
  }

  moveExportCursor(sink: string, from: number, to: number, fileOffset: number | null): Promise<boolean> {
    return this.usageExport.moveExportCursor(sink, from, to, fileOffset);
  }

  /**
   * A write that is always rolled back: the database must take the write lock (SQLite's `BEGIN IMMEDIATE`) and check
   * the privilege and read-only state (PostgreSQL) for it, then nothing is kept.
   */
  async checkWritable(): Promise<void> {
    const probe = new Error('write probe: rolled back');
    try {
      await this.db.transaction(async (tx) => {
        await tx.run('UPDATE api_keys SET last_used_at = last_used_at WHERE id = ?', ['__write-probe__']);
        throw probe;
      });
    } catch (err) {
      if (err !== probe) throw err;
    }
  }

  async close(): Promise<void> {
    await this.db.close();
  }
}
