import { randomUUID } from 'node:crypto';
import { defaultGrantPriority } from '../../../../shared-pricing/src/accounting/defaultGrantPriority';
import { breakerCounts } from '../../../../shared-pricing/src/accounting/breakerCounts';
import { isBreakerOpen, nextFailureCount } from '../../../../shared-pricing/src/accounting/nextFailureCount';
import { type Tx } from '../db';
import { LedgerError } from '../errors';
import { entryDraft, entryOut, type EntryDraft, type WorkspaceState } from '../rows';
import type { ChargeInput, ChargeOutcome, ExecutionInput, ExecutionRecord, FailureCount, ReverseInput } from '../types';
import { checkCharge, checkId, optionalText } from '../validate';
import { type Context, entriesByKeysSql } from './context';
import { settleOutcome } from './outcomes';
import { ChargeDecider } from './chargeDecider';

/** Charges, batches, executions and reversals: the writes that move money. */
export class Charges {
  constructor(private readonly core: ChargeDecider) {}

  async charge(entry: ChargeInput): Promise<ChargeOutcome> {
    checkCharge(entry);
    return this.core.chargeTransaction(async (tx, optimistic) => {
      const ctx = await this.core.open(tx, entry.workspaceId, [entry.key], optimistic, true);
      const applied = this.core.applyCharge(tx, ctx, entry, 'charge');
      const outcome = applied instanceof Promise ? await applied : applied;
      await this.core.flush(tx, ctx, true);
      this.core.settled(ctx, [outcome]);
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
    const transaction = order.length === 1 ? this.core.chargeTransaction.bind(this.core) : <T>(work: (tx: Tx, o: boolean) => Promise<T>) => this.core.db.transaction((tx) => work(tx, false));
    return transaction(async (tx, optimistic) => {
      const outcomes: ChargeOutcome[] = new Array(entries.length);
      for (const [n, workspaceId] of order.entries()) {
        const indexes = byWorkspace.get(workspaceId)!;
        const ctx = await this.core.open(tx, workspaceId, indexes.map((i) => entries[i].key), optimistic, true);
        for (const i of indexes) {
          // Most charges need nothing read: decided without a tick of the event loop.
          const applied = this.core.applyCharge(tx, ctx, entries[i], 'charge');
          outcomes[i] = applied instanceof Promise ? await applied : applied;
        }
        await this.core.flush(tx, ctx, n === order.length - 1);
        this.core.settled(ctx, indexes.map((i) => outcomes[i]));
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
    return this.core.db.transaction(async (tx) => {
      const ctx = await this.core.open(tx, workspaceId);
      const row = await tx.get('SELECT * FROM executions WHERE workspace_id = ? AND execution_id = ?', [workspaceId, executionId]);
      const counted = row ? Number(row.helper_runs_counted) : 0;
      // Priced inside the transaction: the helper counter it reads cannot move until this commits.
      const priced = input.price({ helperRuns: ctx.ws.helperRuns, helperRunsCounted: { [executionId]: counted } });
      const charges: ChargeInput[] = priced.charges.map((c) => ({ ...c, workspaceId }));
      charges.forEach((c, i) => checkCharge(c, `charges[${i}].`));
      await this.preloadEntries(tx, ctx, charges.map((c) => c.key));
      const outcomes: ChargeOutcome[] = [];
      for (const charge of charges) outcomes.push(await this.core.applyCharge(tx, ctx, charge, 'charge'));
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
      await this.core.flush(tx, ctx);
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
    return this.core.db.transaction(async (tx) => {
      const ctx = await this.core.open(tx, checkId(input.workspaceId, 'workspaceId'));
      const existing = await this.core.entryRow(tx, ctx.ws.id, key);
      if (existing) {
        if (existing.type === 'reversal' && existing.reversesKey === reversesKey) return { status: 'duplicate', key, entry: entryOut(existing) };
        return { status: 'conflict', key, code: 'key-conflict', message: `key "${key}" was already recorded for another entry`, existing: entryOut(existing) };
      }
      const original = await this.core.entryRow(tx, ctx.ws.id, reversesKey);
      if (!original || original.type === 'reversal' || original.type === 'repayment' || original.type === 'clawback') throw new LedgerError('unknown-entry', `no charge with key "${reversesKey}" in workspace "${ctx.ws.id}"`, { key: reversesKey });
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
        await this.core.insertGrant(tx, {
          id: randomUUID(), workspaceId: ctx.ws.id, kind: 'manual', millicredits: refund, remaining: refund, priority: defaultGrantPriority('manual'),
          effectiveAt: ctx.now, expiresAt: null, createdAt: ctx.now, endsWithPlan: false, note: `refund of repaid debt for "${reversesKey}"`, key: null,
        });
      }
      // A reversal is money moving now: it counts in today's and this period's consumption, as in the reports.
      ctx.ws.dayConsumed -= original.millicredits;
      ctx.ws.periodConsumed -= original.millicredits;
      await tx.run('INSERT INTO reversals (workspace_id, reverses_key, entry_key) VALUES (?, ?, ?)', [ctx.ws.id, reversesKey, key]);
      if (original.memberId && original.recordedAt >= ctx.ws.periodStart) {
        const member = await this.core.member(tx, ctx, original.memberId);
        member.periodConsumed -= original.millicredits;
        ctx.dirtyMembers.add(member);
      }
      const draft: EntryDraft = {
        ...original, id: 0, type: 'reversal', key, millicredits: -original.millicredits, status: reason ?? 'reversed',
        debits: original.debits.map((d) => ({ grantId: d.grantId, millicredits: -d.millicredits })), overdraft: -offDebt,
        reversesKey, reservationId: null, occurredAt: ctx.now, recordedAt: ctx.now,
      };
      ctx.drafts.push(draft);
      await this.core.flush(tx, ctx);
      // The credits it gave back are the next to arrive: they repay what debt is left, now.
      if (ctx.ws.overdraft > 0) await this.core.repay(tx, ctx.ws, await this.core.usableGrants(tx, ctx.ws.id, ctx.now), ctx.now);
      const available = (await this.core.balanceIn(tx, ctx)).totalAvailable;
      return { status: 'recorded', key, entry: entryOut(draft), balance: available, overdraft: ctx.ws.overdraft };
    });
  }
}
