import { dayAt } from '../../../../shared-pricing/src/accounting/dayAt';
import { periodAt } from '../../../../shared-pricing/src/accounting/periodAt';
import { LedgerError } from '../errors';
import { entryDraft, entryOut } from '../rows';
import type { AuditReport, BalanceCard, BreakdownQuery, BreakdownRow, LedgerEntry, ListEntriesQuery } from '../types';
import { checkId, checkTime } from '../validate';
import { ChargeDecider } from './chargeDecider';

/** What the ledger answers about itself: the balance card, breakdowns, entries and the audit. */
export class Reports {
  constructor(private readonly core: ChargeDecider) {}

  async balance(workspaceId: string): Promise<BalanceCard> {
    return this.core.db.transaction(async (tx) => {
      const ctx = await this.core.open(tx, workspaceId);
      await this.core.saveWorkspace(tx, ctx.ws);
      return this.core.balanceIn(tx, ctx);
    });
  }

  async breakdown(query: BreakdownQuery): Promise<BreakdownRow[]> {
    const ws = await this.core.requireWorkspace(query.workspaceId);
    const now = this.core.clock();
    const from = checkTime(query.from, 'from', periodAt(now, this.core.anchor(ws)).start);
    const to = checkTime(query.to, 'to', now + 1);
    // Money is reported when it moved (recorded_at), so a period's report adds up to what its balance consumed.
    const column = { workflow: 'workflow_id', nodeType: 'node_type', member: 'member_id', day: 'recorded_at' }[query.by];
    if (!column) throw new LedgerError('invalid-input', `by must be workflow, nodeType, member or day, got ${JSON.stringify(query.by)}`, { field: 'by' });
    const params = [ws.id, from, to, ...(query.memberId ? [checkId(query.memberId, 'memberId')] : [])];
    const memberFilter = query.memberId ? ' AND member_id = ?' : '';
    const rows = await this.core.db.all(
      `SELECT ${column} AS k, workflow_name AS label, millicredits FROM entries WHERE workspace_id = ? AND recorded_at >= ? AND recorded_at < ? AND type NOT IN ('repayment', 'clawback')${memberFilter}`,
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
    await this.core.requireWorkspace(workspaceId);
    checkId(executionId, 'executionId');
    // Keys that start with the execution id come through the key index (a range ':' to ';'); the rest through the partial index.
    const rows = await this.core.db.all(
      `SELECT * FROM entries WHERE workspace_id = ? AND entry_key >= ? AND entry_key < ? AND execution_id = ?
       UNION ALL
       SELECT * FROM entries WHERE workspace_id = ? AND execution_id = ? AND execution_id IS NOT NULL AND substr(entry_key, 1, length(execution_id) + 1) <> (execution_id || ':')
       ORDER BY id`,
      [workspaceId, `${executionId}:`, `${executionId};`, executionId, workspaceId, executionId],
    );
    return rows.map((r) => entryOut(entryDraft(r)));
  }

  async listEntries(query: ListEntriesQuery): Promise<LedgerEntry[]> {
    await this.core.requireWorkspace(query.workspaceId);
    const where = ['workspace_id = ?'];
    const params: Array<string | number> = [query.workspaceId];
    if (query.from !== undefined) (where.push('recorded_at >= ?'), params.push(checkTime(query.from, 'from', 0)));
    if (query.to !== undefined) (where.push('recorded_at < ?'), params.push(checkTime(query.to, 'to', 0)));
    if (query.memberId !== undefined) (where.push('member_id = ?'), params.push(checkId(query.memberId, 'memberId')));
    if (query.workflowId !== undefined) (where.push('workflow_id = ?'), params.push(checkId(query.workflowId, 'workflowId')));
    if (query.before !== undefined) (where.push('id < ?'), params.push(query.before));
    const limit = query.limit ?? 100;
    if (!Number.isSafeInteger(limit) || limit < 1 || limit > 10_000) throw new LedgerError('invalid-input', `limit must be from 1 to 10000, got ${JSON.stringify(limit)}`, { field: 'limit' });
    const rows = await this.core.db.all(`SELECT * FROM entries WHERE ${where.join(' AND ')} ORDER BY id DESC LIMIT ${limit}`, params);
    return rows.map((r) => entryOut(entryDraft(r)));
  }

  async getEntry(workspaceId: string, key: string): Promise<LedgerEntry | null> {
    checkId(workspaceId, 'workspaceId');
    checkId(key, 'key');
    const row = await this.core.db.get('SELECT * FROM entries WHERE workspace_id = ? AND entry_key = ?', [workspaceId, key]);
    return row ? entryOut(entryDraft(row)) : null;
  }

  async audit(workspaceId: string): Promise<AuditReport> {
    return this.core.db.transaction(async (tx) => {
      const ws = await this.core.lockWorkspace(tx, workspaceId);
      const grants = (await tx.all('SELECT id, millicredits, remaining FROM grants WHERE workspace_id = ?', [workspaceId]));
      // Added as BigInt: a total past 2^53 must show as a problem, not round into agreement.
      const recomputed = new Map(grants.map((g) => [String(g.id), BigInt(String(g.millicredits))]));
      let overdraft = 0n;
      let netCharged = 0n;
      let consumed = 0n;
      const entries = await tx.all(
        `SELECT e.type, e.debits, e.overdraft, e.millicredits, e.recorded_at
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
        if ((charged || e.type === 'reversal') && Number(e.recorded_at) >= ws.periodStart) consumed += BigInt(String(e.millicredits));
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
}
