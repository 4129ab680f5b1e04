import type { Row } from '../db';
import { LedgerError } from '../errors';
import { iso } from '../rows';
import type { ParkedExecution, ParkedStatus, ParkInput, ResumeResult } from '../types';
import { checkAmount, checkId, checkTime, optionalText } from '../validate';
import { ChargeDecider } from './chargeDecider';

const STATUSES: ParkedStatus[] = ['waiting', 'resuming', 'resumed', 'gone', 'renewal', 'failed'];

function parkedOut(r: Row): ParkedExecution {
  const status = STATUSES.find((s) => s === r.status) ?? 'failed';
  return {
    workspaceId: String(r.workspace_id), executionId: String(r.execution_id), resumeUrl: String(r.resume_url),
    needMillicredits: Number(r.need_millicredits), renewsAt: iso(Number(r.renews_at)),
    workflowId: r.workflow_id === null ? null : String(r.workflow_id), nodeName: r.node_name === null ? null : String(r.node_name),
    status, attempts: Number(r.attempts), nextAttemptAt: iso(Number(r.next_attempt_at)),
    lastError: r.last_error === null ? null : String(r.last_error), parkedAt: iso(Number(r.parked_at)),
    endedAt: r.ended_at === null ? null : iso(Number(r.ended_at)),
  };
}

/** An http(s) URL: the resumer POSTs to it, so nothing else (no `file:`, no `javascript:`) is stored. */
function checkResumeUrl(value: unknown): string {
  const url = checkId(value, 'resumeUrl');
  let protocol = '';
  try {
    protocol = new URL(url).protocol;
  } catch {
    // reported below
  }
  if (protocol !== 'http:' && protocol !== 'https:') {
    throw new LedgerError('invalid-input', `resumeUrl must be an http(s) URL, got ${JSON.stringify(url.slice(0, 100))}`, { field: 'resumeUrl' });
  }
  return url;
}

/** Executions a Guard parked under `pause`, and the claims of the resumer that calls them back. */
export class ParkedExecutions {
  constructor(private readonly core: ChargeDecider) {}

  async park(input: ParkInput): Promise<{ parked: ParkedExecution; created: boolean }> {
    const workspaceId = checkId(input.workspaceId, 'workspaceId');
    const executionId = checkId(input.executionId, 'executionId');
    if (input.renewsAt === undefined) throw new LedgerError('invalid-input', 'renewsAt is required', { field: 'renewsAt' });
    const values = [
      workspaceId, executionId, checkId(input.parkKey, 'parkKey'), checkResumeUrl(input.resumeUrl),
      checkAmount(input.needMillicredits, 'needMillicredits'), checkTime(input.renewsAt, 'renewsAt', 0),
      optionalText(input.workflowId, 'workflowId'), optionalText(input.nodeName, 'nodeName'),
    ];
    await this.core.requireWorkspace(workspaceId);
    const now = this.core.clock();
    // The same park key again is a re-delivery and changes nothing; another key means the execution waits
    // somewhere new (a later Guard of the same execution), which replaces the row, whatever its status.
    const changed = await this.core.db.run(
      `INSERT INTO parked_executions (workspace_id, execution_id, park_key, resume_url, need_millicredits, renews_at, workflow_id, node_name, status, attempts, next_attempt_at, parked_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'waiting', 0, ?, ?)
       ON CONFLICT (workspace_id, execution_id) DO UPDATE SET park_key = excluded.park_key, resume_url = excluded.resume_url,
         need_millicredits = excluded.need_millicredits, renews_at = excluded.renews_at, workflow_id = excluded.workflow_id,
         node_name = excluded.node_name, status = 'waiting', attempts = 0, next_attempt_at = excluded.next_attempt_at,
         last_error = NULL, parked_at = excluded.parked_at, ended_at = NULL
       WHERE parked_executions.park_key <> excluded.park_key`,
      [...values, now, now],
    );
    const row = await this.core.db.get('SELECT * FROM parked_executions WHERE workspace_id = ? AND execution_id = ?', [workspaceId, executionId]);
    return { parked: parkedOut(row!), created: changed > 0 };
  }

  /** The executions still to resume (waiting, or claimed by a resumer), oldest first. */
  async active(workspaceId: string): Promise<ParkedExecution[]> {
    await this.core.requireWorkspace(workspaceId);
    const rows = await this.core.db.all(
      "SELECT * FROM parked_executions WHERE workspace_id = ? AND status IN ('waiting', 'resuming') ORDER BY parked_at, execution_id",
      [workspaceId],
    );
    return rows.map(parkedOut);
  }

  async workspaces(): Promise<string[]> {
    const rows = await this.core.db.all("SELECT DISTINCT workspace_id FROM parked_executions WHERE status IN ('waiting', 'resuming') ORDER BY workspace_id");
    return rows.map((r) => String(r.workspace_id));
  }

  async list(workspaceId: string, limit: number): Promise<ParkedExecution[]> {
    await this.core.requireWorkspace(workspaceId);
    const rows = await this.core.db.all('SELECT * FROM parked_executions WHERE workspace_id = ? ORDER BY parked_at DESC, execution_id DESC LIMIT ?', [workspaceId, limit]);
    return rows.map(parkedOut);
  }

  /**
   * Claims one call of the execution's resume URL: due (its retry time or a lapsed claim's lease passed), it gets
   * one more attempt and is not due again for `leaseMs`. Whoever's UPDATE moves the row owns the call.
   */
  async claim(workspaceId: string, executionId: string, leaseMs: number): Promise<ParkedExecution | null> {
    const now = this.core.clock();
    const rows = await this.core.db.all(
      `UPDATE parked_executions SET status = 'resuming', attempts = attempts + 1, next_attempt_at = ?
       WHERE workspace_id = ? AND execution_id = ? AND status IN ('waiting', 'resuming') AND next_attempt_at <= ? RETURNING *`,
      [now + leaseMs, checkId(workspaceId, 'workspaceId'), checkId(executionId, 'executionId'), now],
    );
    return rows[0] ? parkedOut(rows[0]) : null;
  }

  /** Records what a claimed call came to; a row no longer claimed (the lease lapsed and another took it) is left alone. */
  async finish(workspaceId: string, executionId: string, result: ResumeResult): Promise<void> {
    const now = this.core.clock();
    const where = "workspace_id = ? AND execution_id = ? AND status = 'resuming'";
    const key = [checkId(workspaceId, 'workspaceId'), checkId(executionId, 'executionId')];
    switch (result.outcome) {
      case 'resumed':
      case 'gone':
        await this.core.db.run(`UPDATE parked_executions SET status = ?, ended_at = ? WHERE ${where}`, [result.outcome, now, ...key]);
        return;
      case 'retry':
        await this.core.db.run(`UPDATE parked_executions SET status = 'waiting', next_attempt_at = ?, last_error = ? WHERE ${where}`, [checkTime(result.retryAt, 'retryAt', now), result.error.slice(0, 1000), ...key]);
        return;
      case 'failed':
        await this.core.db.run(`UPDATE parked_executions SET status = 'failed', ended_at = ?, last_error = ? WHERE ${where}`, [now, result.error.slice(0, 1000), ...key]);
    }
  }

  /** Waiting executions whose renewal time passed are n8n's to resume (its own timer); returns how many. */
  async endAtRenewal(workspaceId: string): Promise<number> {
    const now = this.core.clock();
    return this.core.db.run(
      "UPDATE parked_executions SET status = 'renewal', ended_at = ? WHERE workspace_id = ? AND status = 'waiting' AND renews_at <= ?",
      [now, checkId(workspaceId, 'workspaceId'), now],
    );
  }
}
