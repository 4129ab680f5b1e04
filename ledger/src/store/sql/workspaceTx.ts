import { randomUUID } from 'node:crypto';
import { compareGrants } from '../../../../shared-pricing/src/accounting/compareGrants';
import { dayAt } from '../../../../shared-pricing/src/accounting/dayAt';
import { defaultGrantPriority } from '../../../../shared-pricing/src/accounting/defaultGrantPriority';
import { periodAt, type PeriodAnchor } from '../../../../shared-pricing/src/accounting/periodAt';
import { repayDebt } from '../../../../shared-pricing/src/accounting/repayDebt';
import { rolloverPeriod } from '../../../../shared-pricing/src/accounting/rolloverPeriod';
import { NeedsLock, type Db, type Row, type SqlValue, type Tx } from '../db';
import { LedgerError } from '../errors';
import { blankEntry, effectiveDailyLimit, entryColumns, entryDraft, entryValues, grantColumns, grantState, grantValues, iso, workspaceState, type EntryDraft, type GrantState, type WorkspaceState } from '../rows';
import type { BalanceCard, ChargeOutcome, GrantKind } from '../types';
import { checkId } from '../validate';
import { type Context, entriesByKeysSql, usableAt, USABLE_GRANTS_SQL } from './context';
import { flushGuarded, freshen } from './optimisticWrite';
import { SqliteRecall } from './sqliteRecall';

/**
 * The core every job of the store runs on: one workspace's transaction — lock (or read optimistically),
 * bring to now (periods, days, holds, debt), change in memory, write back once — on SQLite or PostgreSQL.
 * Every change happens in one transaction that first locks the workspace row, so concurrent writers
 * (threads, processes, machines) serialise per workspace and balances stay exact.
 */
export class WorkspaceTx {
  /** Built once: the statement cache is keyed by the SQL text. */
  readonly lockWorkspaceSql: string;
  /** SQLite's fast path: what the previous charge transaction on this connection left. */
  readonly recall = new SqliteRecall();

  constructor(
    readonly db: Db,
    readonly clock: () => number,
  ) {
    this.lockWorkspaceSql = `SELECT * FROM workspaces WHERE id = ?${db.lockSuffix}`;
  }

  anchor(ws: Pick<WorkspaceState, 'plan' | 'anchorDay' | 'anchorMonth' | 'timeZone'>): PeriodAnchor {
    return { cycle: ws.plan.cycle, anchorDay: ws.anchorDay, anchorMonth: ws.anchorMonth, timeZone: ws.timeZone };
  }

  async lockWorkspace(tx: Tx, workspaceId: string): Promise<WorkspaceState> {
    checkId(workspaceId, 'workspaceId');
    const row = await tx.get(this.lockWorkspaceSql, [workspaceId]);
    if (!row) throw new LedgerError('unknown-workspace', `unknown workspace "${workspaceId}"`, { workspaceId });
    return workspaceState(row);
  }

  async saveWorkspace(tx: Tx, ws: WorkspaceState): Promise<void> {
    await tx.run(
      'UPDATE workspaces SET period_start = ?, period_end = ?, day_start = ?, day_end = ?, day_consumed = ?, period_consumed = ?, overdraft = ?, reserved = ?, next_hold_expiry = ?, helper_runs = ? WHERE id = ?',
      [ws.periodStart, ws.periodEnd, ws.dayStart, ws.dayEnd, ws.dayConsumed, ws.periodConsumed, ws.overdraft, ws.reserved, ws.nextHoldExpiry, ws.helperRuns, ws.id],
    );
  }

  async insertGrant(tx: Tx, grant: GrantState): Promise<void> {
    await tx.run(`INSERT INTO grants (${grantColumns.join(', ')}) VALUES (${grantColumns.map(() => '?').join(', ')})`, grantValues(grant));
  }

  async insertEntry(tx: Tx, draft: EntryDraft): Promise<void> {
    await tx.run(`INSERT INTO entries (${entryColumns.join(', ')}) VALUES (${entryColumns.map(() => '?').join(', ')})`, entryValues(draft));
  }

  async requireWorkspace(workspaceId: string): Promise<WorkspaceState> {
    checkId(workspaceId, 'workspaceId');
    const row = await this.db.get('SELECT * FROM workspaces WHERE id = ?', [workspaceId]);
    if (!row) throw new LedgerError('unknown-workspace', `unknown workspace "${workspaceId}"`, { workspaceId });
    return workspaceState(row);
  }

  async entryRow(tx: Tx, workspaceId: string, key: string): Promise<EntryDraft | undefined> {
    const row = await tx.get('SELECT * FROM entries WHERE workspace_id = ? AND entry_key = ?', [workspaceId, key]);
    return row ? entryDraft(row) : undefined;
  }

  async issueAllocation(tx: Tx, workspaceId: string, allocation: number, from: number, to: number, now: number): Promise<void> {
    if (allocation <= 0) return;
    await this.insertGrant(tx, {
      id: randomUUID(), workspaceId, kind: 'allocation', millicredits: allocation, remaining: allocation,
      priority: defaultGrantPriority('allocation'), effectiveAt: from, expiresAt: to, createdAt: now, endsWithPlan: false, note: null, key: null,
    });
  }

  /** Brings the workspace to `now`: period rollovers, a new day, expired holds. */
  async advance(tx: Tx, ws: WorkspaceState, now: number): Promise<void> {
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
  async open(tx: Tx, workspaceId: string, keys?: string[], optimistic = false, remember = false): Promise<Context> {
    checkId(workspaceId, 'workspaceId');
    const now = this.clock();
    // A SQLite charge may reuse what the previous charge transaction wrote, when nothing else wrote since.
    const { snapshot, known } = remember ? this.recall.recall(this.db, workspaceId) : { snapshot: null, known: undefined };
    // Remembered grants include those not (or no longer) usable now; the query below filters by `now` itself.
    const heldSql = 'SELECT * FROM grants WHERE workspace_id = ? AND remaining > 0';
    const grantsSql = snapshot ? heldSql : USABLE_GRANTS_SQL;
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
    if (stale) {
      await this.advance(tx, ws, now);
      // Written at once: a caller that answers early (a duplicate, a conflict) must not leave a rolled period half-saved.
      await this.saveWorkspace(tx, ws);
    }
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
  async repay(tx: Tx, ws: WorkspaceState, grants: GrantState[], now: number): Promise<void> {
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

  /** After a charge transaction: SQLite remembers what it wrote; PostgreSQL's optimistic balances are made fresh. */
  settled(ctx: Context, outcomes: Array<ChargeOutcome | undefined>): void {
    freshen(ctx, outcomes, this.available(ctx));
    this.recall.remember(ctx);
  }

  /** Writes back what the context changed, in one round trip; `commit` ends the transaction with it. */
  async flush(tx: Tx, ctx: Context, commit = false): Promise<void> {
    if (ctx.optimistic) return flushGuarded(tx, ctx);
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
   * Runs a charge: on PostgreSQL first without a lock (two round trips, no lock held across
   * them), falling back to the locking transaction when the workspace must be rolled over or
   * retries run out; on SQLite always in the (cheap, local) locking transaction.
   */
  async chargeTransaction<T>(work: (tx: Tx, optimistic: boolean) => Promise<T>): Promise<T> {
    if (this.db.optimistic) {
      try {
        return await this.db.optimistic((tx) => work(tx, true));
      } catch (error) {
        if (!(error instanceof NeedsLock)) throw error;
      }
    }
    return this.db.transaction((tx) => work(tx, false));
  }

  async balanceIn(tx: Tx, ctx: Context): Promise<BalanceCard> {
    const { ws, now } = ctx;
    const by: Record<GrantKind, number> = { allocation: 0, rollover: 0, topup: 0, manual: 0, promo: 0 };
    for (const g of await this.usableGrants(tx, ws.id, now)) by[g.kind] += g.remaining;
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
      // The debt, not a negative balance: holds beyond the credits are not money owed.
      overdraft: ws.overdraft,
      exhaustion: ws.plan.exhaustion,
    };
  }

  /** The grants usable at `now`, in consumption order. */
  async usableGrants(tx: Tx, workspaceId: string, now: number): Promise<GrantState[]> {
    const rows = await tx.all(USABLE_GRANTS_SQL, [workspaceId, now, now]);
    return rows.map(grantState).sort(compareGrants);
  }

  /** What the workspace can spend now: credits held in usable grants, less holds and debt. */
  available(ctx: Context): number {
    let held = 0;
    for (const g of ctx.grants) held += g.remaining;
    return held - ctx.ws.reserved - ctx.ws.overdraft;
  }
}
