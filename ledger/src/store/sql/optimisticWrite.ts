/**
 * PostgreSQL's fast path for charges: read without a lock, decide, then write deltas guarded by what the
 * decision assumed, in one round trip (see `Db.optimistic`). The locking path in `workspaceTx.ts` is the fallback.
 */
import { type SqlValue, type Tx } from '../db';
import { effectiveDailyLimit, entryColumns, entryValues } from '../rows';
import type { ChargeOutcome } from '../types';
import { type Context } from './context';
import { LazyOutcome } from './outcomes';

/**
 * The optimistic write: deltas applied relative to the rows as they are now, each guarded by
 * what the decision assumed (a grant still holds what is taken from it, the day and period are
 * the ones read, the daily limit still holds, no reservation changed). A failed guard divides
 * by zero, which undoes the whole batch; the caller reads again and decides again.
 */
export async function flushGuarded(tx: Tx, ctx: Context): Promise<void> {
  if (ctx.drafts.length === 0) return;
  const guard = (update: string) => `WITH changed AS (${update} RETURNING 1) SELECT 1 / COUNT(*) AS ok FROM changed`;
  const ws = ctx.ws;
  const was = ctx.read.ws;
  const day = ws.dayConsumed - was.dayConsumed;
  const limit = effectiveDailyLimit(ws);
  // An execution's charges may pass the limit under pause: then the day must be exactly as read.
  const dayGuard = limit === null ? '' : ws.dayConsumed > limit ? ' AND day_consumed = ?' : ' AND day_consumed + ? <= ?';
  const dayValues = limit === null ? [] : ws.dayConsumed > limit ? [was.dayConsumed] : [day, limit];
  // The workspace row first, as the locking path does, so the two never wait on each other in a cycle.
  const statements: Array<[string, SqlValue[]]> = [[
    guard(
      'UPDATE workspaces SET day_consumed = day_consumed + ?, period_consumed = period_consumed + ?, overdraft = overdraft + ? ' +
        `WHERE id = ? AND period_start = ? AND day_start = ? AND reserved = ?${dayGuard}`,
    ),
    [day, ws.periodConsumed - was.periodConsumed, ws.overdraft - was.overdraft, ws.id, was.periodStart, was.dayStart, was.reserved, ...dayValues],
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
export function freshen(ctx: Context, outcomes: Array<ChargeOutcome | undefined>, decidedAvailable: number): void {
  if (ctx.freshAvailable === undefined) return;
  const shift = ctx.freshAvailable - decidedAvailable;
  if (shift === 0) return;
  for (const outcome of outcomes) {
    if (!(outcome instanceof LazyOutcome) || outcome.status !== 'recorded') continue;
    outcome.balance += shift;
  }
}
