import { randomUUID } from 'node:crypto';
import type { Row, Tx } from '../db';
import { iso } from '../rows';
import type { AlertDelivery, AlertDeliveryInput } from '../types';
import { checkId, checkTime } from '../validate';
import { ChargeDecider } from './chargeDecider';

const isoOrNull = (v: unknown) => (v === null || v === undefined ? null : iso(Number(v)));

function deliveryOut(r: Row): AlertDelivery {
  return {
    id: String(r.id), workspaceId: String(r.workspace_id), alertId: String(r.alert_id), event: String(r.event),
    channel: r.channel === 'email' ? 'email' : 'webhook', target: String(r.target), payload: String(r.payload),
    status: r.status === 'sent' ? 'sent' : r.status === 'failed' ? 'failed' : 'pending', attempts: Number(r.attempts),
    nextAttemptAt: iso(Number(r.next_attempt_at)), lastError: r.last_error === null ? null : String(r.last_error),
    createdAt: iso(Number(r.created_at)), sentAt: isoOrNull(r.sent_at),
  };
}

/** Queues deliveries inside the caller's transaction (the one that marks their alerts as fired). */
export async function insertDeliveries(tx: Tx, workspaceId: string, deliveries: AlertDeliveryInput[], now: number): Promise<void> {
  for (const d of deliveries) {
    await tx.run(
      'INSERT INTO alert_outbox (id, workspace_id, alert_id, event, channel, target, payload, status, attempts, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)',
      [randomUUID(), workspaceId, d.alertId, d.event, d.channel, d.target, d.payload, 'pending', now, now],
    );
  }
}

/** The delivery outbox: due deliveries are claimed with a lease, then marked sent or rescheduled. */
export class AlertOutbox {
  constructor(private readonly core: ChargeDecider) {}

  async claimDeliveries(limit: number, leaseMs: number): Promise<AlertDelivery[]> {
    const now = this.core.clock();
    const due = await this.core.db.all(
      "SELECT id FROM alert_outbox WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, created_at LIMIT ?",
      [now, limit],
    );
    const claimed: AlertDelivery[] = [];
    for (const { id } of due) {
      // Whoever moves next_attempt_at first owns this attempt: another worker's UPDATE then matches no row.
      const rows = await this.core.db.all(
        "UPDATE alert_outbox SET attempts = attempts + 1, next_attempt_at = ? WHERE id = ? AND status = 'pending' AND next_attempt_at <= ? RETURNING *",
        [now + leaseMs, String(id), now],
      );
      if (rows[0]) claimed.push(deliveryOut(rows[0]));
    }
    return claimed;
  }

  async finishDelivery(id: string, result: { ok: true } | { ok: false; error: string; retryAt: string | null }): Promise<void> {
    checkId(id, 'id');
    const now = this.core.clock();
    if (result.ok) {
      await this.core.db.run("UPDATE alert_outbox SET status = 'sent', sent_at = ?, last_error = NULL WHERE id = ?", [now, id]);
    } else if (result.retryAt === null) {
      await this.core.db.run("UPDATE alert_outbox SET status = 'failed', last_error = ? WHERE id = ?", [result.error.slice(0, 1000), id]);
    } else {
      await this.core.db.run('UPDATE alert_outbox SET next_attempt_at = ?, last_error = ? WHERE id = ?', [checkTime(result.retryAt, 'retryAt', now), result.error.slice(0, 1000), id]);
    }
  }

  async listDeliveries(workspaceId: string, limit: number): Promise<AlertDelivery[]> {
    await this.core.requireWorkspace(workspaceId);
    const rows = await this.core.db.all('SELECT * FROM alert_outbox WHERE workspace_id = ? ORDER BY created_at DESC, id DESC LIMIT ?', [workspaceId, limit]);
    return rows.map(deliveryOut);
  }
}
