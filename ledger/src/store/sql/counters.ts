import { isBreakerOpen, nextFailureCount } from '../../../../shared-pricing/src/accounting/nextFailureCount';
import type { FailureCount, HelperCount } from '../types';
import { checkAmount, checkId } from '../validate';
import { ChargeDecider } from './chargeDecider';

/** The helper counter and the circuit breaker, read and moved on their own. */
export class Counters {
  constructor(private readonly core: ChargeDecider) {}

  async addHelperRuns(workspaceId: string, runs: number): Promise<HelperCount> {
    checkAmount(runs, 'runs');
    return this.core.db.transaction(async (tx) => {
      const ws = await this.core.lockWorkspace(tx, workspaceId);
      await tx.run('UPDATE workspaces SET helper_runs = ? WHERE id = ?', [ws.helperRuns + runs, workspaceId]);
      return { before: ws.helperRuns, after: ws.helperRuns + runs };
    });
  }

  async recordExecutionOutcome(workspaceId: string, workflowId: string, succeeded: boolean): Promise<FailureCount> {
    checkId(workflowId, 'workflowId');
    return this.core.db.transaction(async (tx) => {
      const ws = await this.core.lockWorkspace(tx, workspaceId);
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
    const ws = await this.core.requireWorkspace(workspaceId);
    checkId(workflowId, 'workflowId');
    const row = await this.core.db.get('SELECT consecutive FROM workflow_failures WHERE workspace_id = ? AND workflow_id = ?', [workspaceId, workflowId]);
    const consecutiveFailures = row ? Number(row.consecutive) : 0;
    return { workflowId, consecutiveFailures, open: isBreakerOpen(consecutiveFailures, ws.plan.consecutiveFailureLimit ?? null) };
  }
}
