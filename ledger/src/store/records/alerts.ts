/** The alert part of the store's interface (`LedgerStore.recordAlerts` … `listDeliveries`); re-exported by `../types`. */

/** An alert condition that holds now, found by the alert evaluator (`ledger/src/alerts/`). */
export interface ActiveAlert {
  /** Which alert: `threshold:80`, `below`, `depleted`, `daily-limit`, `circuit:<workflowId>`, `spike:<workflowId>`, `renewed`. */
  key: string;
  /** What one crossing is counted in: the period start or the day (`YYYY-MM-DD`, workspace zone); a new scope re-arms. */
  scope: string;
  /** `renewed` only: the first scope ever seen is learnt, not fired (a new workspace was not renewed). */
  learnFirst?: boolean;
}

/** A delivery to queue for an alert that fired. */
export interface AlertDeliveryInput {
  alertId: string;
  event: string;
  channel: 'email' | 'webhook';
  /** The e-mail address or the webhook URL. */
  target: string;
  /** The JSON body sent (the e-mail is written from it). */
  payload: string;
}

export interface RecordAlertsInput {
  workspaceId: string;
  /** Every alert condition that holds now; marks of the others (but `keep`) are removed, which re-arms them. */
  active: ActiveAlert[];
  /** Mark keys never removed because they are not active (`renewed` remembers the period it saw). */
  keep: string[];
  /** The deliveries of the alerts that fired, queued in the same transaction as their marks. */
  deliveriesFor(fired: string[]): AlertDeliveryInput[];
}

export type AlertDeliveryStatus = 'pending' | 'sent' | 'failed';

export interface AlertDelivery extends AlertDeliveryInput {
  id: string;
  workspaceId: string;
  status: AlertDeliveryStatus;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

/** A workflow's consumption between two instants (what the spike alert compares). */
export interface WorkflowUsage {
  workflowId: string;
  workflowName: string | null;
  millicredits: number;
}
