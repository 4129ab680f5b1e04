import { randomUUID } from 'node:crypto';
import { checkMemberAllocations } from '../../../shared-pricing/src/accounting/checkMemberAllocations';
import { compareGrants } from '../../../shared-pricing/src/accounting/compareGrants';
import { dayAt } from '../../../shared-pricing/src/accounting/dayAt';
import { decideCharge } from '../../../shared-pricing/src/accounting/decideCharge';
import { defaultGrantPriority } from '../../../shared-pricing/src/accounting/defaultGrantPriority';
import { breakerCounts } from '../../../shared-pricing/src/accounting/breakerCounts';
import { isBreakerOpen, nextFailureCount } from '../../../shared-pricing/src/accounting/nextFailureCount';
import { periodAt, type PeriodAnchor } from '../../../shared-pricing/src/accounting/periodAt';
import { repayDebt } from '../../../shared-pricing/src/accounting/repayDebt';
import { rolloverPeriod } from '../../../shared-pricing/src/accounting/rolloverPeriod';
import { allocationAfterPlanChange } from '../../../shared-pricing/src/accounting/allocationAfterPlanChange';
import { samePlan } from '../../../shared-pricing/src/plans/samePlan';
import { topUpExpiresAt } from '../../../shared-pricing/src/accounting/topUpExpiresAt';
import type { Plan } from '../../../shared-pricing/src/plans/types';
import { NeedsLock, type Db, type Row, type SqlValue, type Tx } from './db';
import { LedgerError } from './errors';
import {
  apiKeyOut, blankEntry, effectiveDailyLimit, entryColumns, entryDraft, entryOut, entryValues, grantColumns, grantOut, grantState, grantValues, iso,
  memberOut, memberState, reservationOut, workspaceOut, workspaceState,
  type EntryDraft, type GrantState, type MemberState, type WorkspaceState,
} from './rows';
import type {
  AddMemberInput, ApiKeyRecord, AuditReport, BalanceCard, BreakdownQuery, BreakdownRow, ChargeInput, ChargeOutcome, CreateApiKeyInput,
  CreateWorkspaceInput, EntryType, ExecutionInput, ExecutionRecord, FailureCount, Grant, GrantInput, GrantKind, HelperCount, LedgerEntry, LedgerStore, ListEntriesQuery,
  Member, RefusalReason, Reservation, ReserveInput, ReserveOutcome, ReverseInput, SettleInput, Workspace,
} from './types';
import { checkAmount, checkCharge, checkId, checkPlan, checkTime, checkTimeZone, optionalText } from './validate';
import { checkTotal } from './bounds';
import { sqliteMigrations } from './migrations/sqlite';
import { postgresMigrations } from './migrations/postgres';

const GRANT_KINDS: GrantKind[] = ['allocation', 'rollover', 'topup', 'manual', 'promo'];
const DEFAULT_HOLD_MS = 15 * 60_000;

const refusalMessages: Record<RefusalReason, string> = {
  'insufficient-credits': 'not enough credits; work pauses until credits renew or a top-up arrives',
  'credits-exhausted': 'credits are exhausted; the plan stops work when they run out',
  'daily-limit': 'the daily credit limit is reached; it renews at midnight in the workspace time zone',
  'member-allocation': "the member's allocation for this period is used up",
  'circuit-open': 'the workflow failed too many times in a row; its charges are refused until it succeeds',
};

/** State of one workspace inside one transaction: loaded once, changed in memory, written back once. */
interface Context {
  ws: WorkspaceState;
  now: number;
  grants: GrantState[];
  dirtyGrants: Set<GrantState>;
  members: Map<string, MemberState>;
  dirtyMembers: Set<MemberState>;
  failures: Map<string, number>;
  seen: Map<string, EntryDraft>;
  drafts: EntryDraft[];
  /** Entries already recorded under the keys of this call; null when not preloaded. */
  existing: Map<string, EntryDraft> | null;
  /** Read without a lock: `flush` writes deltas guarded by what was read (PostgreSQL). */
  optimistic: boolean;
  /** What was read, for the guards of an optimistic flush. */
  read: { ws: WorkspaceState; grants: Map<string, number>; members: Map<string, { periodStart: number; periodConsumed: number }> };
  /** SQLite charges: every grant with credits left (also not yet or no longer usable), to remember after the write. */
  held: GrantState[] | null;
  snapshot: { generation: number; dataVersion: number } | null;
  /** PostgreSQL optimistic write: the total available read after the write, with what others committed before it. */
  freshAvailable?: number;
}

/** SQLite: a workspace and its grants with credits left as the last charge transaction wrote them. */
interface Remembered {
  generation: number;
  dataVersion: number;
  states: Map<string, { ws: WorkspaceState; held: GrantState[] }>;
}

const entriesByKeys: string[] = [];
/** The SELECT of the entries under `n` keys, built once per `n` (the statement cache is keyed by the text). */
function entriesByKeysSql(n: number): string {
  return (entriesByKeys[n] ??= `SELECT * FROM entries WHERE workspace_id = ? AND entry_key IN (${Array.from({ length: n }, () => '?').join(', ')})`);
}

const usableAt = (g: GrantState, now: number) => g.remaining > 0 && g.effectiveAt <= now && (g.expiresAt === null || g.expiresAt > now);

/**
 * A recorded or duplicate outcome before its transaction ends: `entry` is read lazily (a draft gets
 * its id at flush) and `settleOutcome` turns it into a plain object. A class, so the getter lives on
 * the prototype instead of making every outcome a slow object literal with an accessor.
 */
class LazyOutcome {
  constructor(
    readonly status: 'recorded' | 'duplicate',
    readonly key: string,
    private readonly draft: EntryDraft,
    public balance: number,
    public overdraft: number,
  ) {}

  get entry(): LedgerEntry {
    return entryOut(this.draft);
  }
}

/**
 * Fields whose difference makes a repeated key a conflict rather than a duplicate. Not `status`: it is the
 * execution's latest, and a resumed execution posts its earlier runs again with a new one.
 */
const contentFields = ['millicredits', 'memberId', 'workflowId', 'executionId', 'nodeName', 'nodeType', 'runIndex', 'kind', 'model'] as const;

function differingField(existing: EntryDraft, input: ChargeInput, type: EntryType): string | null {
  if (existing.type !== type) return 'type';
  for (const field of contentFields) {
    const given = input[field] ?? null;
    if (existing[field] !== given) return field;
  }
  const tokens = input.tokens ?? null;
  if ((existing.tokens === null) !== (tokens === null)) return 'tokens';
  if (existing.tokens && tokens && (existing.tokens.input !== tokens.input || existing.tokens.output !== tokens.output)) return 'tokens';
  return null;
}

/**
 * The ledger over a `Db`: one implementation of the accounting, run on SQLite or PostgreSQL.
 * Every change happens in one transaction that first locks the workspace row, so concurrent
 * writers (threads, processes, machines) serialise per workspace and balances stay exact.
 */
export class SqlLedgerStore implements LedgerStore {
  private readonly clock: () => number;
  /** Built once: the statement cache is keyed by the SQL text. */
  private readonly lockWorkspaceSql: string;
  /** SQLite only: what the previous charge transaction on this connection left (see `Db.snapshot`). */
  private remembered: Remembered | null = null;

  constructor(
    readonly db: Db,
    options: { now?: () => number } = {},
  ) {
    this.clock = options.now ?? Date.now;
    this.lockWorkspaceSql = `SELECT * FROM workspaces WHERE id = ?${db.lockSuffix}`;
  }

  // ------------------------------------------------------------ migrations

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

  // ------------------------------------------------------------ workspace state

  private anchor(ws: Pick<WorkspaceState, 'plan' | 'anchorDay' | 'anchorMonth' | 'timeZone'>): PeriodAnchor {
    return { cycle: ws.plan.cycle, anchorDay: ws.anchorDay, anchorMonth: ws.anchorMonth, timeZone: ws.timeZone };
  }

  private async lockWorkspace(tx: Tx, workspaceId: string): Promise<WorkspaceState> {
    checkId(workspaceId, 'workspaceId');
    const row = await tx.get(this.lockWorkspaceSql, [workspaceId]);
    if (!row) throw new LedgerError('unknown-workspace', `unknown workspace "${workspaceId}"`, { workspaceId });
    return workspaceState(row);
  }

  private async saveWorkspace(tx: Tx, ws: WorkspaceState): Promise<void> {
    await tx.run(
      'UPDATE workspaces SET period_start = ?, period_end = ?, day_start = ?, day_end = ?, day_consumed = ?, period_consumed = ?, overdraft = ?, reserved = ?, next_hold_expiry = ?, helper_runs = ? WHERE id = ?',
      [ws.periodStart, ws.periodEnd, ws.dayStart, ws.dayEnd, ws.dayConsumed, ws.periodConsumed, ws.overdraft, ws.reserved, ws.nextHoldExpiry, ws.helperRuns, ws.id],
    );
  }

  private async insertGrant(tx: Tx, grant: GrantState): Promise<void> {
    await tx.run(`INSERT INTO grants (${grantColumns.join(', ')}) VALUES (${grantColumns.map(() => '?').join(', ')})`, grantValues(grant));
  }

  /** Brings the workspace to `now`: period rollovers, a new day, expired holds. */
  private async advance(tx: Tx, ws: WorkspaceState, now: number): Promise<void> {
    if (now >= ws.periodEnd) {
      const rows = await tx.all("SELECT * FROM grants WHERE workspace_id = ? AND kind IN ('allocation', 'rollover') AND remaining > 0 AND expires_at > ?", [ws.id, ws.periodStart]);
      const grants = rows.map(grantState);
      let ended = { start: ws.periodStart, end: ws.periodEnd };
      while (now >= ended.end) {
        const next = periodAt(ended.end, this.anchor(ws));
        for (const issued of rolloverPeriod(ws.plan, grants, ended, next).issue) {
          const grant: GrantState = { id: randomUUID(), workspaceId: ws.id, ...issued, remaining: issued.millicredits, createdAt: next.start, endsWithPlan: false, note: null, key: null };
          await this.insertGrant(tx, grant);
          grants.push(grant);
        }
        ended = next;
      }
      ws.periodStart = ended.start;
      ws.periodEnd = ended.end;
      ws.periodConsumed = 0;
    }
    if (now >= ws.dayEnd || now < ws.dayStart) {
      const day = dayAt(now, ws.timeZone);
      ws.dayStart = day.start;
      ws.dayEnd = day.end;
      ws.dayConsumed = 0;
    }
    if (ws.nextHoldExpiry !== null && now >= ws.nextHoldExpiry) {
      await tx.run("UPDATE reservations SET state = 'expired' WHERE workspace_id = ? AND state = 'held' AND expires_at <= ?", [ws.id, now]);
      const held = await tx.get("SELECT COALESCE(SUM(millicredits), 0) AS reserved, MIN(expires_at) AS next FROM reservations WHERE workspace_id = ? AND state = 'held'", [ws.id]);
      ws.reserved = Number(held?.reserved ?? 0);
      ws.nextHoldExpiry = held?.next === null || held?.next === undefined ? null : Number(held.next);
    }
  }

  /**
   * Locks and advances the workspace and loads its usable grants and, when `keys` are given, the
   * entries already recorded under them: one round trip on PostgreSQL (BEGIN rides along).
   */
  private async open(tx: Tx, workspaceId: string, keys?: string[], optimistic = false, remember = false): Promise<Context> {
    checkId(workspaceId, 'workspaceId');
    const now = this.clock();
    // A SQLite charge may reuse what the previous charge transaction wrote, when nothing else wrote since.
    const snapshot = remember && this.db.snapshot ? this.db.snapshot() : null;
    const known = snapshot && this.remembered && this.remembered.generation === snapshot.generation - 1 && this.remembered.dataVersion === snapshot.dataVersion
      ? this.remembered.states.get(workspaceId)
      : undefined;
    // Remembered grants include those not (or no longer) usable now; the query below filters by `now` itself.
    const heldSql = 'SELECT * FROM grants WHERE workspace_id = ? AND remaining > 0';
    const grantsSql = snapshot ? heldSql : 'SELECT * FROM grants WHERE workspace_id = ? AND remaining > 0 AND effective_at <= ? AND (expires_at IS NULL OR expires_at > ?)';
    const grantParams = snapshot ? [workspaceId] : [workspaceId, now, now];
    const statements: Array<[string, SqlValue[]]> = known ? [] : [
      [optimistic ? 'SELECT * FROM workspaces WHERE id = ?' : this.lockWorkspaceSql, [workspaceId]],
      [grantsSql, grantParams],
    ];
    const unique = keys ? (keys.length === 1 ? keys : [...new Set(keys)]) : [];
    for (let i = 0; i < unique.length; i += 500) {
      const chunk = unique.length <= 500 ? unique : unique.slice(i, i + 500);
      statements.push([entriesByKeysSql(chunk.length), [workspaceId, ...chunk]]);
    }
    const results = statements.length > 0 ? await tx.batch(statements) : [];
    let ws: WorkspaceState;
    let grantRows: GrantState[];
    let entryRows: Row[][];
    if (known) {
      // Handed over, not copied: a rollback voids what is remembered, a commit remembers these same objects.
      ws = known.ws;
      grantRows = known.held;
      entryRows = results;
    } else {
      const [wsRows, rows, ...rest] = results;
      if (wsRows.length === 0) throw new LedgerError('unknown-workspace', `unknown workspace "${workspaceId}"`, { workspaceId });
      ws = workspaceState(wsRows[0]);
      grantRows = rows.map(grantState);
      entryRows = rest;
    }
    const periodEnd = ws.periodEnd;
    const stale = now >= ws.periodEnd || now >= ws.dayEnd || now < ws.dayStart || (ws.nextHoldExpiry !== null && now >= ws.nextHoldExpiry);
    // Rolling a period or a day over writes more than a charge: that takes the lock.
    if (optimistic && stale) throw new NeedsLock();
    if (stale) await this.advance(tx, ws, now);
    // A rollover issued new grants: read them again (rare: once a period).
    if (ws.periodEnd !== periodEnd) grantRows = (await tx.all(grantsSql, grantParams)).map(grantState);
    const existing = keys ? new Map(entryRows.flat().map((r) => [String(r.entry_key), entryDraft(r)])) : null;
    grantRows.sort(compareGrants);
    const grants = snapshot ? grantRows.filter((g) => usableAt(g, now)) : grantRows;
    if (ws.overdraft > 0) {
      // Repaying debt writes more than a charge: that takes the lock too.
      if (optimistic && repayDebt(grants, ws.overdraft, ws.reserved).length > 0) throw new NeedsLock();
      await this.repay(tx, ws, grants, now);
    }
    return {
      ws, now, grants, dirtyGrants: new Set(), members: new Map(), dirtyMembers: new Set(), failures: new Map(), seen: new Map(), drafts: [], existing, optimistic,
      // Only the optimistic flush guards on the workspace as read; the others write it whole.
      read: { ws: optimistic ? { ...ws } : ws, grants: new Map(grants.map((g) => [g.id, g.remaining])), members: new Map() },
      held: snapshot ? grantRows : null,
      snapshot,
    };
  }

  /**
   * Debt is repaid first by the next credits that arrive: credits free of holds pay it off, in consumption
   * order, recorded as a `repayment` entry (0 millicredits: no new usage) so the audit still adds up.
   */
  private async repay(tx: Tx, ws: WorkspaceState, grants: GrantState[], now: number): Promise<void> {
    const debits = repayDebt(grants, ws.overdraft, ws.reserved);
    if (debits.length === 0) return;
    let repaid = 0;
    for (const debit of debits) {
      grants.find((g) => g.id === debit.grantId)!.remaining -= debit.millicredits;
      await tx.run('UPDATE grants SET remaining = remaining - ? WHERE id = ?', [debit.millicredits, debit.grantId]);
      repaid += debit.millicredits;
    }
    ws.overdraft -= repaid;
    await tx.run('UPDATE workspaces SET overdraft = ? WHERE id = ?', [ws.overdraft, ws.id]);
    await this.insertEntry(tx, {
      ...blankEntry(ws.id, 'repayment', `repayment:${randomUUID()}`, now), status: 'repaid', debits, overdraft: -repaid,
    });
  }

  private async insertEntry(tx: Tx, draft: EntryDraft): Promise<void> {
    await tx.run(`INSERT INTO entries (${entryColumns.join(', ')}) VALUES (${entryColumns.map(() => '?').join(', ')})`, entryValues(draft));
  }

  /** SQLite: keeps what this charge transaction leaves, for the next one on this connection (see `open`). */
  private remember(ctx: Context): void {
    const snapshot = ctx.snapshot;
    if (!snapshot || !ctx.held) return;
    let remembered = this.remembered;
    if (!remembered || remembered.generation !== snapshot.generation) {
      remembered = { generation: snapshot.generation, dataVersion: snapshot.dataVersion, states: new Map() };
      this.remembered = remembered;
    }
    remembered.states.set(ctx.ws.id, { ws: ctx.ws, held: ctx.held.every((g) => g.remaining > 0) ? ctx.held : ctx.held.filter((g) => g.remaining > 0) });
  }

  /** Writes back what the context changed, in one round trip; `commit` ends the transaction with it. */
  private async flush(tx: Tx, ctx: Context, commit = false): Promise<void> {
    if (ctx.optimistic) return this.flushGuarded(tx, ctx);
    const statements: Array<[string, SqlValue[]]> = [];
    // SQLite has no round trips to save: one prepared single-row INSERT per entry is cheapest.
    const local = this.db.dialect === 'sqlite';
    if (local && ctx.drafts.length > 0) {
      const ids = await this.db.insertReturningIds(tx, 'entries', entryColumns, ctx.drafts.map(entryValues));
      ctx.drafts.forEach((d, i) => (d.id = ids[i]));
    }
    const inserts = local ? 0 : ctx.drafts.length;
    for (let i = 0; i < inserts; i += 500) {
      const chunk = ctx.drafts.slice(i, i + 500);
      const row = `(${entryColumns.map(() => '?').join(', ')})`;
      statements.push([`INSERT INTO entries (${entryColumns.join(', ')}) VALUES ${chunk.map(() => row).join(', ')} RETURNING id, entry_key`, chunk.flatMap(entryValues)]);
    }
    // Relative, like every grant write, so no writer can overwrite another's debit.
    for (const g of ctx.dirtyGrants) statements.push(['UPDATE grants SET remaining = remaining - ? WHERE id = ?', [ctx.read.grants.get(g.id)! - g.remaining, g.id]]);
    for (const m of ctx.dirtyMembers) {
      statements.push(['UPDATE members SET period_start = ?, period_consumed = ? WHERE workspace_id = ? AND member_id = ?', [m.periodStart, m.periodConsumed, m.workspaceId, m.memberId]]);
    }
    const ws = ctx.ws;
    statements.push([
      'UPDATE workspaces SET period_start = ?, period_end = ?, day_start = ?, day_end = ?, day_consumed = ?, period_consumed = ?, overdraft = ?, reserved = ?, next_hold_expiry = ?, helper_runs = ? WHERE id = ?',
      [ws.periodStart, ws.periodEnd, ws.dayStart, ws.dayEnd, ws.dayConsumed, ws.periodConsumed, ws.overdraft, ws.reserved, ws.nextHoldExpiry, ws.helperRuns, ws.id],
    ]);
    const results = await tx.batch(statements, { commit });
    if (inserts > 0) {
      const ids = new Map<string, number>();
      for (const r of results.slice(0, Math.ceil(inserts / 500)).flat()) ids.set(String(r.entry_key), Number(r.id));
      for (const d of ctx.drafts) d.id = ids.get(d.key)!;
    }
  }

  /**
   * The optimistic write: deltas applied relative to the rows as they are now, each guarded by
   * what the decision assumed (a grant still holds what is taken from it, the day and period are
   * the ones read, the daily limit still holds, no reservation changed). A failed guard divides
   * by zero, which undoes the whole batch; the caller reads again and decides again.
   */
  private async flushGuarded(tx: Tx, ctx: Context): Promise<void> {
    if (ctx.drafts.length === 0) return;
    const guard = (update: string) => `WITH changed AS (${update} RETURNING 1) SELECT 1 / COUNT(*) AS ok FROM changed`;
    const ws = ctx.ws;
    const was = ctx.read.ws;
    const day = ws.dayConsumed - was.dayConsumed;
    const limit = effectiveDailyLimit(ws);
    // The workspace row first, as the locking path does, so the two never wait on each other in a cycle.
    const statements: Array<[string, SqlValue[]]> = [[
      guard(
        'UPDATE workspaces SET day_consumed = day_consumed + ?, period_consumed = period_consumed + ?, overdraft = overdraft + ? ' +
          `WHERE id = ? AND period_start = ? AND day_start = ? AND reserved = ?${limit === null ? '' : ' AND day_consumed + ? <= ?'}`,
      ),
      [day, ws.periodConsumed - was.periodConsumed, ws.overdraft - was.overdraft, ws.id, was.periodStart, was.dayStart, was.reserved, ...(limit === null ? [] : [day, limit])],
    ]];
    for (let i = 0; i < ctx.drafts.length; i += 500) {
      const chunk = ctx.drafts.slice(i, i + 500);
      const row = `(${entryColumns.map(() => '?').join(', ')})`;
      statements.push([`INSERT INTO entries (${entryColumns.join(', ')}) VALUES ${chunk.map(() => row).join(', ')} RETURNING id, entry_key`, chunk.flatMap(entryValues)]);
    }
    for (const g of ctx.dirtyGrants) {
      const taken = ctx.read.grants.get(g.id)! - g.remaining;
      statements.push([guard('UPDATE grants SET remaining = remaining - ? WHERE id = ? AND remaining >= ?'), [taken, g.id, taken]]);
    }
    for (const m of ctx.dirtyMembers) {
      const before = ctx.read.members.get(m.memberId)!;
      statements.push([
        guard('UPDATE members SET period_start = ?, period_consumed = ? WHERE workspace_id = ? AND member_id = ? AND period_start = ? AND period_consumed = ?'),
        [m.periodStart, m.periodConsumed, m.workspaceId, m.memberId, before.periodStart, before.periodConsumed],
      ]);
    }
    // Read after the write, under the workspace row's lock: the balance as it stands once this commits.
    statements.push([
      'SELECT (SELECT COALESCE(SUM(remaining), 0) FROM grants WHERE workspace_id = ? AND remaining > 0 AND effective_at <= ? AND (expires_at IS NULL OR expires_at > ?)) - reserved - overdraft AS available FROM workspaces WHERE id = ?',
      [ws.id, ctx.now, ctx.now, ws.id],
    ]);
    const results = await tx.batch(statements);
    const ids = new Map<string, number>();
    for (const r of results.slice(1, 1 + Math.ceil(ctx.drafts.length / 500)).flat()) ids.set(String(r.entry_key), Number(r.id));
    for (const d of ctx.drafts) d.id = ids.get(d.key)!;
    ctx.freshAvailable = Number(results[results.length - 1][0].available);
  }

  /**
   * The balances in outcomes were decided on what was read before the write; writers that committed in between
   * moved it. Shifts them by the difference, so each says what was left right after its own charge.
   */
  private freshen(ctx: Context, outcomes: Array<ChargeOutcome | undefined>): void {
    if (ctx.freshAvailable === undefined) return;
    const shift = ctx.freshAvailable - this.available(ctx);
    if (shift === 0) return;
    for (const outcome of outcomes) {
      if (!(outcome instanceof LazyOutcome) || outcome.status !== 'recorded') continue;
      outcome.balance += shift;
      outcome.overdraft = Math.max(0, -outcome.balance);
    }
  }

  /**
   * Runs a charge: on PostgreSQL first without a lock (two round trips, no lock held across
   * them), falling back to the locking transaction when the workspace must be rolled over or
   * retries run out; on SQLite always in the (cheap, local) locking transaction.
   */
  private async chargeTransaction<T>(work: (tx: Tx, optimistic: boolean) => Promise<T>): Promise<T> {
    if (this.db.optimistic) {
      try {
        return await this.db.optimistic((tx) => work(tx, true));
      } catch (error) {
        if (!(error instanceof NeedsLock)) throw error;
      }
    }
    return this.db.transaction((tx) => work(tx, false));
  }

  private async member(tx: Tx, ctx: Context, memberId: string): Promise<MemberState> {
    let member = ctx.members.get(memberId);
    if (!member) {
      const row = await tx.get('SELECT * FROM members WHERE workspace_id = ? AND member_id = ?', [ctx.ws.id, memberId]);
      if (!row) throw new LedgerError('unknown-member', `unknown member "${memberId}" in workspace "${ctx.ws.id}"`, { workspaceId: ctx.ws.id, memberId });
      member = memberState(row);
      ctx.read.members.set(memberId, { periodStart: member.periodStart, periodConsumed: member.periodConsumed });
      // A member's consumption counts per period: a new period starts it from zero.
      if (member.periodStart !== ctx.ws.periodStart) {
        member.periodStart = ctx.ws.periodStart;
        member.periodConsumed = 0;
      }
      ctx.members.set(memberId, member);
    }
    return member;
  }

  private async breakerOpen(tx: Tx, ctx: Context, workflowId: string | null | undefined): Promise<boolean> {
    const limit = ctx.ws.plan.consecutiveFailureLimit;
    if (limit === null || limit === undefined || !workflowId) return false;
    let failures = ctx.failures.get(workflowId);
    if (failures === undefined) {
      const row = await tx.get('SELECT consecutive FROM workflow_failures WHERE workspace_id = ? AND workflow_id = ?', [ctx.ws.id, workflowId]);
      failures = row ? Number(row.consecutive) : 0;
      ctx.failures.set(workflowId, failures);
    }
    return failures >= limit;
  }

  private available(ctx: Context): number {
    let held = 0;
    for (const g of ctx.grants) held += g.remaining;
    return held - ctx.ws.reserved - ctx.ws.overdraft;
  }

  private refused(ctx: Context, key: string, reason: RefusalReason, renewsAt: number | null): Extract<ChargeOutcome, { status: 'refused' }> {
    return { status: 'refused', key, reason, message: refusalMessages[reason], renewsAt: renewsAt === null ? null : iso(renewsAt), available: this.available(ctx) };
  }

  /** Decides and applies one charge to the context (written by `flush`). */
  private applyCharge(tx: Tx, ctx: Context, input: ChargeInput, type: EntryType, extra?: Partial<EntryDraft>): ChargeOutcome | Promise<ChargeOutcome> {
    const limit = ctx.ws.plan.consecutiveFailureLimit;
    const needsRead = (!ctx.existing && !ctx.seen.has(input.key))
      || (!!input.memberId && !ctx.members.has(input.memberId))
      || (limit !== null && limit !== undefined && !!input.workflowId && !ctx.failures.has(input.workflowId));
    // Everything at hand (keys preloaded, no member or breaker to look up): decide at once, without awaiting.
    if (!needsRead) return this.decide(ctx, input, type, extra, ctx.seen.get(input.key) ?? ctx.existing?.get(input.key));
    return this.readFor(tx, ctx, input).then((existing) => this.decide(ctx, input, type, extra, existing));
  }

  /** Reads what deciding `input` needs, in the order the checks use it: the entry under its key first. */
  private async readFor(tx: Tx, ctx: Context, input: ChargeInput): Promise<EntryDraft | undefined> {
    const existing = ctx.seen.get(input.key) ?? (ctx.existing ? ctx.existing.get(input.key) : await this.entryRow(tx, ctx.ws.id, input.key));
    if (existing) return existing;
    if (input.memberId) await this.member(tx, ctx, input.memberId);
    // Most plans have no breaker: skip the lookup for them.
    if (ctx.ws.plan.consecutiveFailureLimit != null) await this.breakerOpen(tx, ctx, input.workflowId);
    return undefined;
  }

  /** Decides and applies one charge to the context (written by `flush`), once `readFor` has loaded what it needs. */
  private decide(ctx: Context, input: ChargeInput, type: EntryType, extra: Partial<EntryDraft> | undefined, existing: EntryDraft | undefined): ChargeOutcome {
    if (existing) {
      const field = differingField(existing, input, type);
      if (field === null) {
        // A repeat inside the same batch has no id until flush: read the entry lazily.
        return new LazyOutcome('duplicate', input.key, existing, 0, 0) as unknown as ChargeOutcome;
      }
      const message = field === 'millicredits'
        ? `key "${input.key}" was already recorded with ${existing.millicredits} millicredits; this entry has ${input.millicredits}`
        : `key "${input.key}" was already recorded with a different ${field}`;
      return { status: 'conflict', key: input.key, code: 'key-conflict', message, existing: entryOut(existing) };
    }
    const member = input.memberId ? ctx.members.get(input.memberId)! : null;
    const limit = ctx.ws.plan.consecutiveFailureLimit;
    const decision = decideCharge({
      amount: input.millicredits,
      policy: ctx.ws.plan.exhaustion,
      grants: ctx.grants,
      reserved: ctx.ws.reserved,
      overdraft: ctx.ws.overdraft,
      dailyLimit: effectiveDailyLimit(ctx.ws),
      dailyConsumed: ctx.ws.dayConsumed,
      dayEnd: ctx.ws.dayEnd,
      memberAllocation: member?.allocation ?? null,
      memberConsumed: member?.periodConsumed ?? 0,
      periodEnd: ctx.ws.periodEnd,
      breakerOpen: limit === null || limit === undefined || !input.workflowId ? false : isBreakerOpen(ctx.failures.get(input.workflowId)!, limit),
    });
    if (!decision.ok) return this.refused(ctx, input.key, decision.reason, decision.renewsAt);
    checkTotal(ctx.ws.periodConsumed + input.millicredits, "the period's consumption", 'millicredits');
    checkTotal(ctx.ws.overdraft + decision.overdraft, "the workspace's debt", 'millicredits');
    for (const debit of decision.debits) {
      const grant = ctx.grants.find((g) => g.id === debit.grantId)!;
      grant.remaining -= debit.millicredits;
      ctx.dirtyGrants.add(grant);
    }
    ctx.ws.dayConsumed += input.millicredits;
    ctx.ws.periodConsumed += input.millicredits;
    ctx.ws.overdraft += decision.overdraft;
    if (member) {
      member.periodConsumed += input.millicredits;
      ctx.dirtyMembers.add(member);
    }
    const draft: EntryDraft = {
      id: 0,
      workspaceId: ctx.ws.id,
      type,
      key: input.key,
      millicredits: input.millicredits,
      memberId: input.memberId ?? null,
      workflowId: input.workflowId ?? null,
      workflowName: input.workflowName ?? null,
      executionId: input.executionId ?? null,
      nodeName: input.nodeName ?? null,
      nodeType: input.nodeType ?? null,
      runIndex: input.runIndex ?? null,
      mode: input.mode ?? null,
      kind: input.kind ?? null,
      model: input.model ?? null,
      tokens: input.tokens ? { input: input.tokens.input, output: input.tokens.output } : null,
      status: input.status ?? null,
      debits: decision.debits,
      overdraft: decision.overdraft,
      reversesKey: null,
      reservationId: null,
      occurredAt: input.occurredAt === undefined ? ctx.now : checkTime(input.occurredAt, 'occurredAt', ctx.now),
      recordedAt: ctx.now,
    };
    if (extra) Object.assign(draft, extra);
    ctx.seen.set(input.key, draft);
    ctx.drafts.push(draft);
    const balance = this.available(ctx);
    // The entry object is shared with the draft so the id assigned at flush shows in the outcome.
    return new LazyOutcome('recorded', input.key, draft, balance, Math.max(0, -balance)) as unknown as ChargeOutcome;
  }

  private async entryRow(tx: Tx, workspaceId: string, key: string): Promise<EntryDraft | undefined> {
    const row = await tx.get('SELECT * FROM entries WHERE workspace_id = ? AND entry_key = ?', [workspaceId, key]);
    return row ? entryDraft(row) : undefined;
  }

  // ------------------------------------------------------------ workspaces, members, grants

  async createWorkspace(input: CreateWorkspaceInput): Promise<Workspace> {
    const id = input.id === undefined ? randomUUID() : checkId(input.id, 'id');
    const name = checkId(input.name, 'name');
    const plan = checkPlan(input.plan);
    const timeZone = checkTimeZone(input.timeZone);
    const anchorDay = input.anchorDay;
    if (!Number.isInteger(anchorDay) || anchorDay < 1 || anchorDay > 31) {
      throw new LedgerError('invalid-input', `anchorDay must be an integer from 1 to 31, got ${JSON.stringify(anchorDay)}`, { field: 'anchorDay' });
    }
    const anchorMonth = input.anchorMonth ?? 1;
    if (!Number.isInteger(anchorMonth) || anchorMonth < 1 || anchorMonth > 12) {
      throw new LedgerError('invalid-input', `anchorMonth must be an integer from 1 to 12, got ${JSON.stringify(anchorMonth)}`, { field: 'anchorMonth' });
    }
    return this.db.transaction(async (tx) => {
      const now = this.clock();
      if (await tx.get('SELECT id FROM workspaces WHERE id = ?', [id])) throw new LedgerError('duplicate-workspace', `workspace "${id}" already exists`, { workspaceId: id });
      const period = periodAt(now, { cycle: plan.cycle, anchorDay, anchorMonth, timeZone });
      const day = dayAt(now, timeZone);
      const planJson = JSON.stringify(plan);
      await tx.run(
        `INSERT INTO workspaces (id, name, plan, time_zone, anchor_day, anchor_month, daily_limit_set, daily_limit, created_at, plan_started_at,
          period_start, period_end, day_start, day_end, day_consumed, overdraft, reserved, next_hold_expiry, helper_runs)
         VALUES (?, ?, ?, ?, ?, ?, 0, NULL, ?, ?, ?, ?, ?, ?, 0, 0, 0, NULL, 0)`,
        [id, name, planJson, timeZone, anchorDay, anchorMonth, now, now, period.start, period.end, day.start, day.end],
      );
      await this.issueAllocation(tx, id, plan.allocation, period.start, period.end, now);
      return workspaceOut(workspaceState((await tx.get('SELECT * FROM workspaces WHERE id = ?', [id]))!));
    });
  }

  private async issueAllocation(tx: Tx, workspaceId: string, allocation: number, from: number, to: number, now: number): Promise<void> {
    if (allocation <= 0) return;
    await this.insertGrant(tx, {
      id: randomUUID(), workspaceId, kind: 'allocation', millicredits: allocation, remaining: allocation,
      priority: defaultGrantPriority('allocation'), effectiveAt: from, expiresAt: to, createdAt: now, endsWithPlan: false, note: null, key: null,
    });
  }

  async getWorkspace(workspaceId: string): Promise<Workspace | null> {
    checkId(workspaceId, 'workspaceId');
    const row = await this.db.get('SELECT * FROM workspaces WHERE id = ?', [workspaceId]);
    return row ? workspaceOut(workspaceState(row)) : null;
  }

  async listWorkspaces(): Promise<Workspace[]> {
    const rows = await this.db.all('SELECT * FROM workspaces ORDER BY created_at, id');
    return rows.map((r) => workspaceOut(workspaceState(r)));
  }

  async setPlan(workspaceId: string, plan: Plan): Promise<Workspace> {
    checkPlan(plan);
    return this.db.transaction(async (tx) => {
      const ctx = await this.open(tx, workspaceId);
      const { now, ws } = ctx;
      // Saving the plan the workspace already has changes nothing.
      if (samePlan(ws.plan, plan)) {
        await this.saveWorkspace(tx, ws);
        return workspaceOut(ws);
      }
      const period = periodAt(now, { ...this.anchor(ws), cycle: plan.cycle });
      // The old plan's live allocation ends now; the new one gives what is left of its own after what the
      // allocations of this period (earlier plan changes' too) already gave.
      const issued = await tx.all("SELECT millicredits, remaining FROM grants WHERE workspace_id = ? AND kind = 'allocation' AND effective_at >= ? AND effective_at <= ?", [ws.id, ws.periodStart, now]);
      const used = issued.reduce((sum, g) => sum + Number(g.millicredits) - Number(g.remaining), 0);
      await tx.run("UPDATE grants SET expires_at = ? WHERE workspace_id = ? AND kind = 'allocation' AND effective_at <= ? AND expires_at > ?", [now, ws.id, now, now]);
      // Rollover credits stay, for the rest of the new plan's period; top-ups, manual and promotional grants are untouched.
      await tx.run("UPDATE grants SET expires_at = ? WHERE workspace_id = ? AND kind = 'rollover' AND effective_at <= ? AND expires_at > ?", [period.end, ws.id, now, now]);
      await this.issueAllocation(tx, ws.id, allocationAfterPlanChange(plan.allocation, used), now, period.end, now);
      ws.plan = plan;
      ws.planJson = JSON.stringify(plan);
      ws.planStartedAt = now;
      if (period.start !== ws.periodStart) await this.recountPeriod(tx, ws, period.start);
      ws.periodStart = period.start;
      ws.periodEnd = period.end;
      await tx.run('UPDATE workspaces SET plan = ?, plan_started_at = ? WHERE id = ?', [ws.planJson, now, workspaceId]);
      await this.saveWorkspace(tx, ws);
      return workspaceOut(ws);
    });
  }

  /**
   * A period that now starts elsewhere (a change of cycle) counts its consumption again from the entries: what
   * was charged since `start` and not reversed, for the workspace and for each member.
   */
  private async recountPeriod(tx: Tx, ws: WorkspaceState, start: number): Promise<void> {
    const rows = await tx.all(
      `SELECT member_id, COALESCE(SUM(millicredits), 0) AS consumed FROM entries e
       WHERE e.workspace_id = ? AND e.type IN ('charge', 'settlement') AND e.recorded_at >= ?
         AND NOT EXISTS (SELECT 1 FROM reversals r WHERE r.workspace_id = e.workspace_id AND r.reverses_key = e.entry_key)
       GROUP BY member_id`,
      [ws.id, start],
    );
    ws.periodConsumed = rows.reduce((sum, r) => sum + Number(r.consumed), 0);
    await tx.run('UPDATE members SET period_start = ?, period_consumed = 0 WHERE workspace_id = ?', [start, ws.id]);
    for (const r of rows) {
      if (r.member_id !== null) await tx.run('UPDATE members SET period_consumed = ? WHERE workspace_id = ? AND member_id = ?', [Number(r.consumed), ws.id, String(r.member_id)]);
    }
  }

  async setDailyLimit(workspaceId: string, dailyLimit: number | null | undefined): Promise<Workspace> {
    if (dailyLimit !== null && dailyLimit !== undefined) checkAmount(dailyLimit, 'dailyLimit');
    return this.db.transaction(async (tx) => {
      const { ws } = await this.open(tx, workspaceId);
      ws.dailyLimitSet = dailyLimit !== undefined;
      ws.dailyLimit = dailyLimit ?? null;
      await tx.run('UPDATE workspaces SET daily_limit_set = ?, daily_limit = ? WHERE id = ?', [ws.dailyLimitSet ? 1 : 0, ws.dailyLimit, workspaceId]);
      await this.saveWorkspace(tx, ws);
      return workspaceOut(ws);
    });
  }

  async addMember(input: AddMemberInput): Promise<Member> {
    const memberId = checkId(input.memberId, 'memberId');
    const name = optionalText(input.name, 'name');
    const allocation = input.allocation === undefined || input.allocation === null ? null : checkAmount(input.allocation, 'allocation');
    return this.db.transaction(async (tx) => {
      const ctx = await this.open(tx, input.workspaceId);
      if (await tx.get('SELECT member_id FROM members WHERE workspace_id = ? AND member_id = ?', [input.workspaceId, memberId])) {
        throw new LedgerError('duplicate-member', `member "${memberId}" already exists in workspace "${input.workspaceId}"`, { memberId });
      }
      await this.checkPool(tx, ctx.ws, memberId, allocation);
      await tx.run('INSERT INTO members (workspace_id, member_id, name, allocation, period_start, period_consumed, created_at) VALUES (?, ?, ?, ?, ?, 0, ?)', [
        input.workspaceId, memberId, name, allocation, ctx.ws.periodStart, ctx.now,
      ]);
      await this.saveWorkspace(tx, ctx.ws);
      return memberOut({ workspaceId: input.workspaceId, memberId, name, allocation, periodStart: ctx.ws.periodStart, periodConsumed: 0, createdAt: ctx.now }, ctx.ws.periodStart);
    });
  }

  /** Monkedo: members' allocations share the plan's pool, which does not grow with members. */
  private async checkPool(tx: Tx, ws: WorkspaceState, memberId: string, allocation: number | null): Promise<void> {
    if (allocation === null) return;
    const others = await tx.all('SELECT allocation FROM members WHERE workspace_id = ? AND member_id <> ?', [ws.id, memberId]);
    const excess = checkMemberAllocations(ws.plan.allocation, [...others.map((r) => (r.allocation === null ? null : Number(r.allocation))), allocation]);
    if (excess !== null) {
      throw new LedgerError('invalid-input', `member allocations would exceed the plan's pool of ${ws.plan.allocation} millicredits by ${excess}`, { field: 'allocation', excess });
    }
  }

  async listMembers(workspaceId: string): Promise<Member[]> {
    checkId(workspaceId, 'workspaceId');
    const ws = await this.db.get('SELECT period_start FROM workspaces WHERE id = ?', [workspaceId]);
    if (!ws) throw new LedgerError('unknown-workspace', `unknown workspace "${workspaceId}"`, { workspaceId });
    const rows = await this.db.all('SELECT * FROM members WHERE workspace_id = ? ORDER BY member_id', [workspaceId]);
    return rows.map((r) => memberOut(memberState(r), Number(ws.period_start)));
  }

  async setMemberAllocation(workspaceId: string, memberId: string, allocation: number | null): Promise<Member> {
    checkId(memberId, 'memberId');
    if (allocation !== null) checkAmount(allocation, 'allocation');
    return this.db.transaction(async (tx) => {
      const ctx = await this.open(tx, workspaceId);
      const member = await this.member(tx, ctx, memberId);
      await this.checkPool(tx, ctx.ws, memberId, allocation);
      member.allocation = allocation;
      await tx.run('UPDATE members SET allocation = ?, period_start = ?, period_consumed = ? WHERE workspace_id = ? AND member_id = ?', [
        allocation, member.periodStart, member.periodConsumed, workspaceId, memberId,
      ]);
      await this.saveWorkspace(tx, ctx.ws);
      return memberOut(member, ctx.ws.periodStart);
    });
  }

  async addGrant(input: GrantInput): Promise<Grant> {
    return (await this.addGrantOnce(input)).grant;
  }

  async addGrantOnce(input: GrantInput): Promise<{ grant: Grant; created: boolean }> {
    if (!GRANT_KINDS.includes(input.kind)) throw new LedgerError('invalid-input', `kind must be one of ${GRANT_KINDS.join(', ')}, got ${JSON.stringify(input.kind)}`, { field: 'kind' });
    const amount = checkAmount(input.millicredits, 'millicredits');
    if (input.priority !== undefined && !Number.isSafeInteger(input.priority)) throw new LedgerError('invalid-input', `priority must be an integer, got ${JSON.stringify(input.priority)}`, { field: 'priority' });
    const key = optionalText(input.key, 'key');
    const note = optionalText(input.note, 'note');
    return this.db.transaction(async (tx) => {
      const ctx = await this.open(tx, input.workspaceId);
      const { now, ws } = ctx;
      if (key !== null) {
        const existing = await tx.get('SELECT * FROM grants WHERE workspace_id = ? AND grant_key = ?', [ws.id, key]);
        if (existing) {
          const grant = grantState(existing);
          if (grant.millicredits !== amount || grant.kind !== input.kind) {
            throw new LedgerError('key-conflict', `grant key "${key}" was already used for ${grant.millicredits} millicredits (${grant.kind})`, { key });
          }
          return { grant: grantOut(grant), created: false };
        }
      }
      const effectiveAt = checkTime(input.effectiveAt, 'effectiveAt', now);
      let expiresAt = input.expiresAt === undefined || input.expiresAt === null ? null : checkTime(input.expiresAt, 'expiresAt', now);
      let endsWithPlan = false;
      if (input.kind === 'topup' && input.expiresAt === undefined) {
        ({ expiresAt, endsWithPlan } = topUpExpiresAt(ws.plan.topUps.lifetime, now, { start: ws.periodStart, end: ws.periodEnd }));
      }
      if (expiresAt !== null && expiresAt <= effectiveAt) throw new LedgerError('invalid-input', 'expiresAt must be after effectiveAt', { field: 'expiresAt' });
      const held = await tx.get('SELECT COALESCE(SUM(remaining), 0) AS held FROM grants WHERE workspace_id = ? AND (expires_at IS NULL OR expires_at > ?)', [ws.id, now]);
      checkTotal(Number(held?.held ?? 0) + amount, 'the credits the workspace holds', 'millicredits');
      const grant: GrantState = {
        id: randomUUID(), workspaceId: ws.id, kind: input.kind, millicredits: amount, remaining: amount,
        priority: input.priority ?? defaultGrantPriority(input.kind), effectiveAt, expiresAt, createdAt: now, endsWithPlan, note, key,
      };
      await this.insertGrant(tx, grant);
      await this.saveWorkspace(tx, ws);
      return { grant: grantOut(grant), created: true };
    });
  }

  async listGrants(workspaceId: string, options: { all?: boolean } = {}): Promise<Grant[]> {
    await this.requireWorkspace(workspaceId);
    const now = this.clock();
    const rows = options.all
      ? await this.db.all('SELECT * FROM grants WHERE workspace_id = ?', [workspaceId])
      : await this.db.all('SELECT * FROM grants WHERE workspace_id = ? AND remaining > 0 AND effective_at <= ? AND (expires_at IS NULL OR expires_at > ?)', [workspaceId, now, now]);
    return rows.map(grantState).sort(compareGrants).map(grantOut);
  }

  private async requireWorkspace(workspaceId: string): Promise<WorkspaceState> {
    checkId(workspaceId, 'workspaceId');
    const row = await this.db.get('SELECT * FROM workspaces WHERE id = ?', [workspaceId]);
    if (!row) throw new LedgerError('unknown-workspace', `unknown workspace "${workspaceId}"`, { workspaceId });
    return workspaceState(row);
  }

  // ------------------------------------------------------------ charges

  async charge(entry: ChargeInput): Promise<ChargeOutcome> {
    checkCharge(entry);
    return this.chargeTransaction(async (tx, optimistic) => {
      const ctx = await this.open(tx, entry.workspaceId, [entry.key], optimistic, true);
      const applied = this.applyCharge(tx, ctx, entry, 'charge');
      const outcome = applied instanceof Promise ? await applied : applied;
      await this.flush(tx, ctx, true);
      this.freshen(ctx, [outcome]);
      this.remember(ctx);
      return settleOutcome(outcome);
    });
  }

  async chargeBatch(entries: ChargeInput[]): Promise<ChargeOutcome[]> {
    if (!Array.isArray(entries)) throw new LedgerError('invalid-input', 'entries must be an array');
    entries.forEach((e, i) => checkCharge(e, `entries[${i}].`));
    if (entries.length === 0) return [];
    const byWorkspace = new Map<string, number[]>();
    entries.forEach((e, i) => {
      const indexes = byWorkspace.get(e.workspaceId);
      if (indexes) indexes.push(i);
      else byWorkspace.set(e.workspaceId, [i]);
    });
    // Workspaces are locked in a fixed order so two batches never wait on each other in a cycle.
    const order = [...byWorkspace.keys()].sort();
    // Several workspaces in one batch need one transaction across them: the locking path.
    const transaction = order.length === 1 ? this.chargeTransaction.bind(this) : <T>(work: (tx: Tx, o: boolean) => Promise<T>) => this.db.transaction((tx) => work(tx, false));
    return transaction(async (tx, optimistic) => {
      const outcomes: ChargeOutcome[] = new Array(entries.length);
      for (const [n, workspaceId] of order.entries()) {
        const indexes = byWorkspace.get(workspaceId)!;
        const ctx = await this.open(tx, workspaceId, indexes.map((i) => entries[i].key), optimistic, true);
        for (const i of indexes) {
          // Most charges need nothing read: decided without a tick of the event loop.
          const applied = this.applyCharge(tx, ctx, entries[i], 'charge');
          outcomes[i] = applied instanceof Promise ? await applied : applied;
        }
        await this.flush(tx, ctx, n === order.length - 1);
        this.freshen(ctx, indexes.map((i) => outcomes[i]));
        this.remember(ctx);
      }
      return outcomes.map(settleOutcome);
    });
  }

  async recordExecution(input: ExecutionInput): Promise<ExecutionRecord> {
    const workspaceId = checkId(input?.workspaceId, 'workspaceId');
    const executionId = checkId(input.executionId, 'executionId');
    const workflowId = optionalText(input.workflowId, 'workflowId');
    const status = optionalText(input.status, 'status');
    const mode = optionalText(input.mode, 'mode');
    return this.db.transaction(async (tx) => {
      const ctx = await this.open(tx, workspaceId);
      const row = await tx.get('SELECT * FROM executions WHERE workspace_id = ? AND execution_id = ?', [workspaceId, executionId]);
      const counted = row ? Number(row.helper_runs_counted) : 0;
      // Priced inside the transaction: the helper counter it reads cannot move until this commits.
      const priced = input.price({ helperRuns: ctx.ws.helperRuns, helperRunsCounted: { [executionId]: counted } });
      const charges: ChargeInput[] = priced.charges.map((c) => ({ ...c, workspaceId }));
      charges.forEach((c, i) => checkCharge(c, `charges[${i}].`));
      await this.preloadEntries(tx, ctx, charges.map((c) => c.key));
      const outcomes: ChargeOutcome[] = [];
      for (const charge of charges) outcomes.push(await this.applyCharge(tx, ctx, charge, 'charge'));
      const helperRuns = { before: ctx.ws.helperRuns, after: Math.max(ctx.ws.helperRuns, priced.state.helperRuns) };
      ctx.ws.helperRuns = helperRuns.after;
      const nowCounted = Math.max(counted, priced.state.helperRunsCounted?.[executionId] ?? 0);
      const breaker = workflowId ? await this.countForBreaker(tx, ctx.ws, workflowId, row !== undefined && Number(row.breaker_counted) === 1 ? null : breakerCounts(mode, status)) : null;
      await tx.run(
        `INSERT INTO executions (workspace_id, execution_id, workflow_id, status, helper_runs_counted, breaker_counted) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (workspace_id, execution_id) DO UPDATE SET workflow_id = excluded.workflow_id, status = excluded.status,
           helper_runs_counted = excluded.helper_runs_counted, breaker_counted = excluded.breaker_counted`,
        [workspaceId, executionId, workflowId, status, nowCounted, (row && Number(row.breaker_counted) === 1) || breaker?.counted ? 1 : 0],
      );
      // The runs recorded before a Wait take the status the execution has now.
      if (row && (row.status === null ? null : String(row.status)) !== status) {
        // Both halves of `entriesOfExecution`'s lookup, so each goes through an index.
        await tx.run(
          "UPDATE entries SET status = ? WHERE workspace_id = ? AND entry_key >= ? AND entry_key < ? AND execution_id = ? AND type = 'charge'",
          [status, workspaceId, `${executionId}:`, `${executionId};`, executionId],
        );
        await tx.run(
          "UPDATE entries SET status = ? WHERE workspace_id = ? AND execution_id = ? AND type = 'charge' AND substr(entry_key, 1, length(execution_id) + 1) <> (execution_id || ':')",
          [status, workspaceId, executionId],
        );
        for (const draft of ctx.existing?.values() ?? []) if (draft.type === 'charge' && draft.executionId === executionId) draft.status = status;
      }
      await this.flush(tx, ctx);
      return { outcomes: outcomes.map(settleOutcome), helperRuns, breaker };
    });
  }

  /** Loads the entries already recorded under `keys` into the context, in chunks of 500. */
  private async preloadEntries(tx: Tx, ctx: Context, keys: string[]): Promise<void> {
    const unique = [...new Set(keys)];
    const existing = new Map<string, EntryDraft>();
    for (let i = 0; i < unique.length; i += 500) {
      const chunk = unique.slice(i, i + 500);
      for (const r of await tx.all(entriesByKeysSql(chunk.length), [ctx.ws.id, ...chunk])) existing.set(String(r.entry_key), entryDraft(r));
    }
    ctx.existing = existing;
  }

  /** The breaker of `workflowId` after this post: moved only when the post `counts` (see `breakerCounts`). */
  private async countForBreaker(tx: Tx, ws: WorkspaceState, workflowId: string, counts: { succeeded: boolean } | null): Promise<FailureCount & { counted: boolean }> {
    const limit = ws.plan.consecutiveFailureLimit ?? null;
    const row = await tx.get('SELECT consecutive FROM workflow_failures WHERE workspace_id = ? AND workflow_id = ?', [ws.id, workflowId]);
    const current = row ? Number(row.consecutive) : 0;
    if (!counts) return { workflowId, consecutiveFailures: current, open: isBreakerOpen(current, limit), counted: false };
    const next = nextFailureCount(current, counts.succeeded, limit);
    await tx.run(
      'INSERT INTO workflow_failures (workspace_id, workflow_id, consecutive) VALUES (?, ?, ?) ON CONFLICT (workspace_id, workflow_id) DO UPDATE SET consecutive = excluded.consecutive',
      [ws.id, workflowId, next.consecutiveFailures],
    );
    return { workflowId, ...next, counted: true };
  }

  async reverse(input: ReverseInput): Promise<ChargeOutcome> {
    const reversesKey = checkId(input.reversesKey, 'reversesKey');
    const key = input.key === undefined ? `reversal:${reversesKey}` : checkId(input.key, 'key');
    const reason = optionalText(input.reason, 'reason');
    return this.db.transaction(async (tx) => {
      const ctx = await this.open(tx, checkId(input.workspaceId, 'workspaceId'));
      const existing = await this.entryRow(tx, ctx.ws.id, key);
      if (existing) {
        if (existing.type === 'reversal' && existing.reversesKey === reversesKey) return { status: 'duplicate', key, entry: entryOut(existing) };
        return { status: 'conflict', key, code: 'key-conflict', message: `key "${key}" was already recorded for another entry`, existing: entryOut(existing) };
      }
      const original = await this.entryRow(tx, ctx.ws.id, reversesKey);
      if (!original || original.type === 'reversal' || original.type === 'repayment') throw new LedgerError('unknown-entry', `no charge with key "${reversesKey}" in workspace "${ctx.ws.id}"`, { key: reversesKey });
      if (await tx.get('SELECT entry_key FROM reversals WHERE workspace_id = ? AND reverses_key = ?', [ctx.ws.id, reversesKey])) {
        throw new LedgerError('already-reversed', `the entry with key "${reversesKey}" is already reversed`, { key: reversesKey });
      }
      // Credit each debit back to its grant (a lapsed grant keeps it, unusable), and repay its overdraft part.
      for (const debit of original.debits) {
        await tx.run('UPDATE grants SET remaining = remaining + ? WHERE id = ?', [debit.millicredits, debit.grantId]);
      }
      // Its below-zero part comes off the debt; what later credits already repaid comes back as a refund grant.
      const offDebt = Math.min(original.overdraft, ctx.ws.overdraft);
      ctx.ws.overdraft -= offDebt;
      const refund = original.overdraft - offDebt;
      if (refund > 0) {
        await this.insertGrant(tx, {
          id: randomUUID(), workspaceId: ctx.ws.id, kind: 'manual', millicredits: refund, remaining: refund, priority: defaultGrantPriority('manual'),
          effectiveAt: ctx.now, expiresAt: null, createdAt: ctx.now, endsWithPlan: false, note: `refund of repaid debt for "${reversesKey}"`, key: null,
        });
      }
      if (original.recordedAt >= ctx.ws.dayStart) ctx.ws.dayConsumed = Math.max(0, ctx.ws.dayConsumed - original.millicredits);
      if (original.recordedAt >= ctx.ws.periodStart) ctx.ws.periodConsumed -= original.millicredits;
      await tx.run('INSERT INTO reversals (workspace_id, reverses_key, entry_key) VALUES (?, ?, ?)', [ctx.ws.id, reversesKey, key]);
      if (original.memberId && original.recordedAt >= ctx.ws.periodStart) {
        const member = await this.member(tx, ctx, original.memberId);
        member.periodConsumed = Math.max(0, member.periodConsumed - original.millicredits);
        ctx.dirtyMembers.add(member);
      }
      const draft: EntryDraft = {
        ...original, id: 0, type: 'reversal', key, millicredits: -original.millicredits, status: reason ?? 'reversed',
        debits: original.debits.map((d) => ({ grantId: d.grantId, millicredits: -d.millicredits })), overdraft: -offDebt,
        reversesKey, reservationId: null, occurredAt: ctx.now, recordedAt: ctx.now,
      };
      ctx.drafts.push(draft);
      await this.flush(tx, ctx);
      const available = (await this.balanceIn(tx, ctx)).totalAvailable;
      return { status: 'recorded', key, entry: entryOut(draft), balance: available, overdraft: Math.max(0, -available) };
    });
  }

  // ------------------------------------------------------------ reservations

  async reserve(input: ReserveInput): Promise<ReserveOutcome> {
    const key = checkId(input.key, 'key');
    const amount = checkAmount(input.millicredits, 'millicredits');
    const memberId = optionalText(input.memberId, 'memberId');
    return this.db.transaction(async (tx) => {
      const ctx = await this.open(tx, checkId(input.workspaceId, 'workspaceId'));
      const existing = await tx.get('SELECT * FROM reservations WHERE workspace_id = ? AND reservation_key = ?', [ctx.ws.id, key]);
      if (existing) {
        if (Number(existing.millicredits) !== amount) throw new LedgerError('key-conflict', `reservation key "${key}" was already used for ${existing.millicredits} millicredits`, { key });
        return { status: 'duplicate', reservation: reservationOut(existing) };
      }
      const member = memberId ? await this.member(tx, ctx, memberId) : null;
      const expiresAt = checkTime(input.expiresAt, 'expiresAt', ctx.now + DEFAULT_HOLD_MS);
      if (expiresAt <= ctx.now) throw new LedgerError('invalid-input', 'expiresAt must be in the future', { field: 'expiresAt' });
      const decision = decideCharge({
        amount, policy: ctx.ws.plan.exhaustion, grants: ctx.grants, reserved: ctx.ws.reserved, overdraft: ctx.ws.overdraft,
        dailyLimit: effectiveDailyLimit(ctx.ws), dailyConsumed: ctx.ws.dayConsumed, dayEnd: ctx.ws.dayEnd,
        memberAllocation: member?.allocation ?? null, memberConsumed: member?.periodConsumed ?? 0, periodEnd: ctx.ws.periodEnd, breakerOpen: false,
      });
      if (!decision.ok) {
        await this.saveWorkspace(tx, ctx.ws);
        const refusal = this.refused(ctx, key, decision.reason, decision.renewsAt);
        return { ...refusal };
      }
      checkTotal(ctx.ws.reserved + amount, 'the credits held by reservations', 'millicredits');
      const id = randomUUID();
      await tx.run(
        "INSERT INTO reservations (id, workspace_id, reservation_key, millicredits, member_id, state, expires_at, created_at, settled_key) VALUES (?, ?, ?, ?, ?, 'held', ?, ?, NULL)",
        [id, ctx.ws.id, key, amount, memberId, expiresAt, ctx.now],
      );
      ctx.ws.reserved += amount;
      ctx.ws.nextHoldExpiry = ctx.ws.nextHoldExpiry === null ? expiresAt : Math.min(ctx.ws.nextHoldExpiry, expiresAt);
      await this.saveWorkspace(tx, ctx.ws);
      const row = await tx.get('SELECT * FROM reservations WHERE id = ?', [id]);
      return { status: 'reserved', reservation: reservationOut(row!), available: this.available(ctx) };
    });
  }

  /** Loads a reservation that must still be held; throws the problem otherwise. */
  private async heldReservation(tx: Tx, ctx: Context, reservationId: string): Promise<Reservation> {
    const row = await tx.get('SELECT * FROM reservations WHERE workspace_id = ? AND id = ?', [ctx.ws.id, reservationId]);
    if (!row) throw new LedgerError('unknown-reservation', `unknown reservation "${reservationId}" in workspace "${ctx.ws.id}"`, { reservationId });
    const reservation = reservationOut(row);
    const expired = reservation.state === 'expired' || (reservation.state === 'held' && Number(row.expires_at) <= ctx.now);
    if (expired) throw new LedgerError('reservation-expired', `reservation "${reservationId}" expired at ${reservation.expiresAt}`, { reservationId });
    if (reservation.state === 'settled') throw new LedgerError('reservation-settled', `reservation "${reservationId}" is already settled (entry "${reservation.settledKey}")`, { reservationId });
    if (reservation.state === 'released') throw new LedgerError('reservation-released', `reservation "${reservationId}" was released`, { reservationId });
    return reservation;
  }

  async settle(input: SettleInput): Promise<ChargeOutcome> {
    const reservationId = checkId(input.reservationId, 'reservationId');
    return this.db.transaction(async (tx) => {
      const wsRow = await tx.get('SELECT workspace_id FROM reservations WHERE id = ?', [reservationId]);
      if (!wsRow) throw new LedgerError('unknown-reservation', `unknown reservation "${reservationId}"`, { reservationId });
      const charge: ChargeInput = { ...input, workspaceId: String(wsRow.workspace_id) };
      delete (charge as Partial<SettleInput>).reservationId;
      checkCharge(charge);
      const ctx = await this.open(tx, charge.workspaceId);
      const settled = await tx.get('SELECT member_id FROM reservations WHERE id = ? AND state = ? AND settled_key = ?', [reservationId, 'settled', charge.key]);
      const entry = settled ? await this.entryRow(tx, ctx.ws.id, charge.key) : undefined;
      if (settled && entry) {
        // The same settlement again (a retry): a duplicate when its content matches, else a conflict.
        const memberId = charge.memberId ?? (settled.member_id === null ? null : String(settled.member_id));
        return settleOutcome(this.decide(ctx, { ...charge, memberId }, 'settlement', { reservationId }, entry));
      }
      const reservation = await this.heldReservation(tx, ctx, reservationId);
      // The hold is freed for this charge; a refusal puts it back untouched.
      ctx.ws.reserved -= reservation.millicredits;
      const outcome = await this.applyCharge(tx, ctx, { ...charge, memberId: charge.memberId ?? reservation.memberId }, 'settlement', { reservationId });
      if (outcome.status !== 'recorded') ctx.ws.reserved += reservation.millicredits;
      else await tx.run("UPDATE reservations SET state = 'settled', settled_key = ? WHERE id = ?", [charge.key, reservationId]);
      await this.flush(tx, ctx);
      return settleOutcome(outcome);
    });
  }

  async release(workspaceId: string, reservationId: string): Promise<Reservation> {
    checkId(reservationId, 'reservationId');
    return this.db.transaction(async (tx) => {
      const ctx = await this.open(tx, workspaceId);
      const reservation = await this.heldReservation(tx, ctx, reservationId);
      await tx.run("UPDATE reservations SET state = 'released' WHERE id = ?", [reservationId]);
      ctx.ws.reserved -= reservation.millicredits;
      await this.saveWorkspace(tx, ctx.ws);
      return { ...reservation, state: 'released' };
    });
  }

  async expireReservations(): Promise<number> {
    const now = this.clock();
    const rows = await this.db.all("SELECT DISTINCT workspace_id FROM reservations WHERE state = 'held' AND expires_at <= ?", [now]);
    let expired = 0;
    for (const row of rows) {
      expired += await this.db.transaction(async (tx) => {
        const count = await tx.get("SELECT COUNT(*) AS n FROM reservations WHERE workspace_id = ? AND state = 'held' AND expires_at <= ?", [String(row.workspace_id), now]);
        const ctx = await this.open(tx, String(row.workspace_id));
        await this.saveWorkspace(tx, ctx.ws);
        return Number(count?.n ?? 0);
      });
    }
    return expired;
  }

  async getReservation(workspaceId: string, reservationId: string): Promise<Reservation | null> {
    checkId(workspaceId, 'workspaceId');
    checkId(reservationId, 'reservationId');
    const row = await this.db.get('SELECT * FROM reservations WHERE workspace_id = ? AND id = ?', [workspaceId, reservationId]);
    if (!row) return null;
    const reservation = reservationOut(row);
    // A hold past its expiry reads as expired even before anything wrote it so.
    return reservation.state === 'held' && Number(row.expires_at) <= this.clock() ? { ...reservation, state: 'expired' } : reservation;
  }

  // ------------------------------------------------------------ queries

  async balance(workspaceId: string): Promise<BalanceCard> {
    return this.db.transaction(async (tx) => {
      const ctx = await this.open(tx, workspaceId);
      await this.saveWorkspace(tx, ctx.ws);
      return this.balanceIn(tx, ctx);
    });
  }

  private async balanceIn(tx: Tx, ctx: Context): Promise<BalanceCard> {
    const { ws, now } = ctx;
    const rows = await tx.all('SELECT * FROM grants WHERE workspace_id = ? AND remaining > 0 AND effective_at <= ? AND (expires_at IS NULL OR expires_at > ?)', [ws.id, now, now]);
    const by: Record<GrantKind, number> = { allocation: 0, rollover: 0, topup: 0, manual: 0, promo: 0 };
    for (const g of rows.map(grantState)) by[g.kind] += g.remaining;
    const dailyLimit = effectiveDailyLimit(ws);
    const totalAvailable = by.allocation + by.rollover + by.topup + by.manual + by.promo - ws.reserved - ws.overdraft;
    return {
      workspaceId: ws.id,
      planName: ws.plan.name,
      periodStart: iso(ws.periodStart),
      resetsAt: iso(ws.periodEnd),
      allocation: ws.plan.allocation,
      consumedThisPeriod: ws.periodConsumed,
      remaining: by.allocation,
      rollover: by.rollover,
      topUps: by.topup,
      other: by.manual + by.promo,
      reserved: ws.reserved,
      totalAvailable,
      dailyLimit,
      dailyRemaining: dailyLimit === null ? null : Math.max(0, dailyLimit - ws.dayConsumed),
      dailyResetsAt: iso(ws.dayEnd),
      overdraft: Math.max(0, -totalAvailable),
      exhaustion: ws.plan.exhaustion,
    };
  }

  async breakdown(query: BreakdownQuery): Promise<BreakdownRow[]> {
    const ws = await this.requireWorkspace(query.workspaceId);
    const now = this.clock();
    const from = checkTime(query.from, 'from', periodAt(now, this.anchor(ws)).start);
    const to = checkTime(query.to, 'to', now + 1);
    // Money is reported when it moved (recorded_at), so a period's report adds up to what its balance consumed.
    const column = { workflow: 'workflow_id', nodeType: 'node_type', member: 'member_id', day: 'recorded_at' }[query.by];
    if (!column) throw new LedgerError('invalid-input', `by must be workflow, nodeType, member or day, got ${JSON.stringify(query.by)}`, { field: 'by' });
    const params = [ws.id, from, to, ...(query.memberId ? [checkId(query.memberId, 'memberId')] : [])];
    const memberFilter = query.memberId ? ' AND member_id = ?' : '';
    const rows = await this.db.all(
      `SELECT ${column} AS k, workflow_name AS label, millicredits FROM entries WHERE workspace_id = ? AND recorded_at >= ? AND recorded_at < ? AND type <> 'repayment'${memberFilter}`,
      params,
    );
    const groups = new Map<string, BreakdownRow>();
    for (const r of rows) {
      const key = query.by === 'day' ? dayAt(Number(r.k), ws.timeZone).key : r.k === null ? '' : String(r.k);
      const row = groups.get(key) ?? { key, label: null, millicredits: 0, entries: 0 };
      row.millicredits += Number(r.millicredits);
      row.entries += 1;
      if (query.by === 'workflow' && r.label !== null) row.label = String(r.label);
      groups.set(key, row);
    }
    const sorted = [...groups.values()];
    if (query.by === 'day') return sorted.sort((a, b) => (a.key < b.key ? -1 : 1));
    return sorted.sort((a, b) => b.millicredits - a.millicredits || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  async entriesOfExecution(workspaceId: string, executionId: string): Promise<LedgerEntry[]> {
    await this.requireWorkspace(workspaceId);
    checkId(executionId, 'executionId');
    // Keys that start with the execution id come through the key index (a range ':' to ';'); the rest through the partial index.
    const rows = await this.db.all(
      `SELECT * FROM entries WHERE workspace_id = ? AND entry_key >= ? AND entry_key < ? AND execution_id = ?
       UNION ALL
       SELECT * FROM entries WHERE workspace_id = ? AND execution_id = ? AND execution_id IS NOT NULL AND substr(entry_key, 1, length(execution_id) + 1) <> (execution_id || ':')
       ORDER BY id`,
      [workspaceId, `${executionId}:`, `${executionId};`, executionId, workspaceId, executionId],
    );
    return rows.map((r) => entryOut(entryDraft(r)));
  }

  async listEntries(query: ListEntriesQuery): Promise<LedgerEntry[]> {
    await this.requireWorkspace(query.workspaceId);
    const where = ['workspace_id = ?'];
    const params: Array<string | number> = [query.workspaceId];
    if (query.from !== undefined) (where.push('recorded_at >= ?'), params.push(checkTime(query.from, 'from', 0)));
    if (query.to !== undefined) (where.push('recorded_at < ?'), params.push(checkTime(query.to, 'to', 0)));
    if (query.memberId !== undefined) (where.push('member_id = ?'), params.push(checkId(query.memberId, 'memberId')));
    if (query.workflowId !== undefined) (where.push('workflow_id = ?'), params.push(checkId(query.workflowId, 'workflowId')));
    if (query.before !== undefined) (where.push('id < ?'), params.push(query.before));
    const limit = query.limit ?? 100;
    if (!Number.isSafeInteger(limit) || limit < 1 || limit > 10_000) throw new LedgerError('invalid-input', `limit must be from 1 to 10000, got ${JSON.stringify(limit)}`, { field: 'limit' });
    const rows = await this.db.all(`SELECT * FROM entries WHERE ${where.join(' AND ')} ORDER BY id DESC LIMIT ${limit}`, params);
    return rows.map((r) => entryOut(entryDraft(r)));
  }

  async getEntry(workspaceId: string, key: string): Promise<LedgerEntry | null> {
    checkId(workspaceId, 'workspaceId');
    checkId(key, 'key');
    const row = await this.db.get('SELECT * FROM entries WHERE workspace_id = ? AND entry_key = ?', [workspaceId, key]);
    return row ? entryOut(entryDraft(row)) : null;
  }

  async audit(workspaceId: string): Promise<AuditReport> {
    return this.db.transaction(async (tx) => {
      const ws = await this.lockWorkspace(tx, workspaceId);
      const grants = (await tx.all('SELECT id, millicredits, remaining FROM grants WHERE workspace_id = ?', [workspaceId]));
      // Added as BigInt: a total past 2^53 must show as a problem, not round into agreement.
      const recomputed = new Map(grants.map((g) => [String(g.id), BigInt(String(g.millicredits))]));
      let overdraft = 0n;
      let netCharged = 0n;
      let consumed = 0n;
      const entries = await tx.all(
        `SELECT e.type, e.debits, e.overdraft, e.millicredits, e.recorded_at,
           EXISTS (SELECT 1 FROM reversals r WHERE r.workspace_id = e.workspace_id AND r.reverses_key = e.entry_key) AS reversed
         FROM entries e WHERE e.workspace_id = ?`,
        [workspaceId],
      );
      const problems: string[] = [];
      for (const e of entries) {
        for (const d of JSON.parse(String(e.debits)) as Array<{ grantId: string; millicredits: number }>) {
          if (!recomputed.has(d.grantId)) problems.push(`an entry debits unknown grant ${d.grantId}`);
          recomputed.set(d.grantId, (recomputed.get(d.grantId) ?? 0n) - BigInt(d.millicredits));
        }
        overdraft += BigInt(String(e.overdraft));
        netCharged += BigInt(String(e.millicredits));
        const charged = e.type === 'charge' || e.type === 'settlement';
        if (charged && Number(e.recorded_at) >= ws.periodStart && !Number(e.reversed)) consumed += BigInt(String(e.millicredits));
      }
      const exact = (value: bigint, what: string) => {
        if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < -BigInt(Number.MAX_SAFE_INTEGER)) problems.push(`${what} is ${value}, past the exact range of ${Number.MAX_SAFE_INTEGER}`);
        return Number(value);
      };
      const report = grants.map((g) => ({ grantId: String(g.id), stored: Number(g.remaining), recomputed: exact(recomputed.get(String(g.id))!, `grant ${String(g.id)}`) }));
      for (const g of report) if (g.stored !== g.recomputed) problems.push(`grant ${g.grantId}: stored remaining ${g.stored}, entries say ${g.recomputed}`);
      const debt = exact(overdraft, 'the debt');
      if (debt !== ws.overdraft) problems.push(`overdraft: stored ${ws.overdraft}, entries say ${debt}`);
      const periodConsumed = exact(consumed, "the period's consumption");
      if (periodConsumed !== ws.periodConsumed) problems.push(`consumed this period: stored ${ws.periodConsumed}, entries say ${periodConsumed}`);
      exact(report.reduce((sum, g) => sum + BigInt(g.stored), 0n), 'the credits held');
      return { workspaceId, ok: problems.length === 0, problems, grants: report, overdraft: { stored: ws.overdraft, recomputed: debt }, entries: entries.length, netCharged: exact(netCharged, 'the net charged') };
    });
  }

  // ------------------------------------------------------------ counters

  async addHelperRuns(workspaceId: string, runs: number): Promise<HelperCount> {
    checkAmount(runs, 'runs');
    return this.db.transaction(async (tx) => {
      const ws = await this.lockWorkspace(tx, workspaceId);
      await tx.run('UPDATE workspaces SET helper_runs = ? WHERE id = ?', [ws.helperRuns + runs, workspaceId]);
      return { before: ws.helperRuns, after: ws.helperRuns + runs };
    });
  }

  async recordExecutionOutcome(workspaceId: string, workflowId: string, succeeded: boolean): Promise<FailureCount> {
    checkId(workflowId, 'workflowId');
    return this.db.transaction(async (tx) => {
      const ws = await this.lockWorkspace(tx, workspaceId);
      const row = await tx.get('SELECT consecutive FROM workflow_failures WHERE workspace_id = ? AND workflow_id = ?', [workspaceId, workflowId]);
      const next = nextFailureCount(row ? Number(row.consecutive) : 0, succeeded, ws.plan.consecutiveFailureLimit ?? null);
      await tx.run(
        'INSERT INTO workflow_failures (workspace_id, workflow_id, consecutive) VALUES (?, ?, ?) ON CONFLICT (workspace_id, workflow_id) DO UPDATE SET consecutive = excluded.consecutive',
        [workspaceId, workflowId, next.consecutiveFailures],
      );
      return { workflowId, ...next };
    });
  }

  async getFailureCount(workspaceId: string, workflowId: string): Promise<FailureCount> {
    const ws = await this.requireWorkspace(workspaceId);
    checkId(workflowId, 'workflowId');
    const row = await this.db.get('SELECT consecutive FROM workflow_failures WHERE workspace_id = ? AND workflow_id = ?', [workspaceId, workflowId]);
    const consecutiveFailures = row ? Number(row.consecutive) : 0;
    return { workflowId, consecutiveFailures, open: isBreakerOpen(consecutiveFailures, ws.plan.consecutiveFailureLimit ?? null) };
  }

  // ------------------------------------------------------------ API keys and settings

  async createApiKey(input: CreateApiKeyInput): Promise<ApiKeyRecord> {
    if (!['admin', 'member', 'meter'].includes(input.role)) throw new LedgerError('invalid-input', `role must be admin, member or meter, got ${JSON.stringify(input.role)}`, { field: 'role' });
    const hash = checkId(input.hash, 'hash');
    const prefix = checkId(input.prefix, 'prefix');
    const name = checkId(input.name, 'name');
    if (input.workspaceId !== null) await this.requireWorkspace(input.workspaceId);
    const id = randomUUID();
    await this.db.run('INSERT INTO api_keys (id, workspace_id, role, name, hash, prefix, member_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [
      id, input.workspaceId, input.role, name, hash, prefix, optionalText(input.memberId, 'memberId'), this.clock(),
    ]);
    return apiKeyOut((await this.db.get('SELECT * FROM api_keys WHERE id = ?', [id]))!);
  }

  async findApiKeyByHash(hash: string): Promise<ApiKeyRecord | null> {
    checkId(hash, 'hash');
    const row = await this.db.get('SELECT * FROM api_keys WHERE hash = ? AND revoked_at IS NULL', [hash]);
    if (!row) return null;
    const now = this.clock();
    await this.db.run('UPDATE api_keys SET last_used_at = ? WHERE id = ?', [now, String(row.id)]);
    return { ...apiKeyOut(row), lastUsedAt: iso(now) };
  }

  async listApiKeys(workspaceId?: string | null): Promise<ApiKeyRecord[]> {
    if (workspaceId !== undefined && workspaceId !== null) checkId(workspaceId, 'workspaceId');
    const rows = workspaceId === undefined
      ? await this.db.all('SELECT * FROM api_keys ORDER BY created_at, id')
      : workspaceId === null
        ? await this.db.all('SELECT * FROM api_keys WHERE workspace_id IS NULL ORDER BY created_at, id')
        : await this.db.all('SELECT * FROM api_keys WHERE workspace_id = ? ORDER BY created_at, id', [workspaceId]);
    return rows.map(apiKeyOut);
  }

  async revokeApiKey(id: string): Promise<ApiKeyRecord> {
    checkId(id, 'id');
    const row = await this.db.get('SELECT * FROM api_keys WHERE id = ?', [id]);
    if (!row) throw new LedgerError('unknown-api-key', `unknown API key "${id}"`, { id });
    if (row.revoked_at === null) await this.db.run('UPDATE api_keys SET revoked_at = ? WHERE id = ?', [this.clock(), id]);
    return apiKeyOut((await this.db.get('SELECT * FROM api_keys WHERE id = ?', [id]))!);
  }

  async getAlertSettings(workspaceId: string): Promise<unknown | null> {
    checkId(workspaceId, 'workspaceId');
    const row = await this.db.get('SELECT alert_settings FROM workspaces WHERE id = ?', [workspaceId]);
    if (!row) throw new LedgerError('unknown-workspace', `unknown workspace "${workspaceId}"`, { workspaceId });
    return row.alert_settings === null ? null : JSON.parse(String(row.alert_settings));
  }

  async setAlertSettings(workspaceId: string, settings: unknown): Promise<void> {
    checkId(workspaceId, 'workspaceId');
    let json: string;
    try {
      json = JSON.stringify(settings);
    } catch (error) {
      throw new LedgerError('invalid-input', `alert settings must be JSON: ${(error as Error).message}`, { field: 'settings' });
    }
    if (json === undefined) throw new LedgerError('invalid-input', 'alert settings must be a JSON value', { field: 'settings' });
    const changed = await this.db.run('UPDATE workspaces SET alert_settings = ? WHERE id = ?', [json, workspaceId]);
    if (changed === 0) throw new LedgerError('unknown-workspace', `unknown workspace "${workspaceId}"`, { workspaceId });
  }

  async close(): Promise<void> {
    await this.db.close();
  }
}

/** Turns the lazy `entry` of a recorded outcome into a plain property (ids are known after flush). */
function settleOutcome(outcome: ChargeOutcome): ChargeOutcome {
  if (outcome.status === 'recorded') return { status: 'recorded', key: outcome.key, entry: outcome.entry, balance: outcome.balance, overdraft: outcome.overdraft };
  if (outcome.status === 'duplicate') return { status: 'duplicate', key: outcome.key, entry: outcome.entry };
  return outcome;
}
