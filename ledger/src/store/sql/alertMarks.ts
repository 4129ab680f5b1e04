import { isBreakerOpen } from '../../../../shared-pricing/src/accounting/nextFailureCount';
import type { RecordAlertsInput, WorkflowUsage } from '../types';
import { checkId, checkTime } from '../validate';
import { insertDeliveries } from './alertOutbox';
import { ChargeDecider } from './chargeDecider';

/** Which alerts fired in which period or day, and the figures the alert evaluator reads. */
export class AlertMarks {
  constructor(private readonly core: ChargeDecider) {}

  async recordAlerts(input: RecordAlertsInput): Promise<string[]> {
    const { workspaceId } = input;
    await this.core.requireWorkspace(workspaceId);
    const now = this.core.clock();
    return this.core.db.transaction(async (tx) => {
      const fired: string[] = [];
      for (const a of input.active) {
        checkId(a.key, 'key');
        // The statement decides, not what was read before it: of two evaluators, only one changes the row.
        const changed = await tx.run(
          a.learnFirst
            ? 'INSERT INTO alert_marks (workspace_id, alert_key, scope, fired_at) VALUES (?, ?, ?, ?) ON CONFLICT (workspace_id, alert_key) DO NOTHING'
            : 'INSERT INTO alert_marks (workspace_id, alert_key, scope, fired_at) VALUES (?, ?, ?, ?) ON CONFLICT (workspace_id, alert_key) DO UPDATE SET scope = excluded.scope, fired_at = excluded.fired_at WHERE alert_marks.scope <> excluded.scope',
          [workspaceId, a.key, a.scope, now],
        );
        if (a.learnFirst && changed === 0) {
          // Seen before: fire when the scope moved on (a new period for `renewed`).
          const moved = await tx.run('UPDATE alert_marks SET scope = ?, fired_at = ? WHERE workspace_id = ? AND alert_key = ? AND scope <> ?', [a.scope, now, workspaceId, a.key, a.scope]);
          if (moved > 0) fired.push(a.key);
        } else if (!a.learnFirst && changed > 0) {
          fired.push(a.key);
        }
      }
      const held = new Set([...input.active.map((a) => a.key), ...input.keep]);
      const marks = await tx.all('SELECT alert_key FROM alert_marks WHERE workspace_id = ?', [workspaceId]);
      for (const m of marks) {
        const key = String(m.alert_key);
        if (!held.has(key)) await tx.run('DELETE FROM alert_marks WHERE workspace_id = ? AND alert_key = ?', [workspaceId, key]);
      }
      if (fired.length > 0) await insertDeliveries(tx, workspaceId, input.deliveriesFor(fired), now);
      return fired;
    });
  }

  async workflowUsage(workspaceId: string, from: string, to: string): Promise<WorkflowUsage[]> {
    await this.core.requireWorkspace(workspaceId);
    const rows = await this.core.db.all(
      `SELECT workflow_id, MAX(workflow_name) AS label, SUM(millicredits) AS total FROM entries
       WHERE workspace_id = ? AND recorded_at >= ? AND recorded_at < ? AND type <> 'repayment' AND workflow_id IS NOT NULL GROUP BY workflow_id`,
      [workspaceId, checkTime(from, 'from', 0), checkTime(to, 'to', 0)],
    );
    return rows
      .map((r) => ({ workflowId: String(r.workflow_id), workflowName: r.label === null ? null : String(r.label), millicredits: Number(r.total) }))
      .sort((a, b) => b.millicredits - a.millicredits || (a.workflowId < b.workflowId ? -1 : 1));
  }

  async openCircuits(workspaceId: string): Promise<string[]> {
    const ws = await this.core.requireWorkspace(workspaceId);
    const limit = ws.plan.consecutiveFailureLimit ?? null;
    if (limit === null) return [];
    const rows = await this.core.db.all('SELECT workflow_id, consecutive FROM workflow_failures WHERE workspace_id = ? AND consecutive > 0', [workspaceId]);
    return rows.filter((r) => isBreakerOpen(Number(r.consecutive), limit)).map((r) => String(r.workflow_id)).sort();
  }
}
