/** The parked-execution part of the store's interface (`LedgerStore.parkExecution` … `listParked`); re-exported by `../types`. */

/**
 * Where a parked execution is in its life:
 * - `waiting`: parked by a Guard under `pause`; the resumer calls its resume URL once the balance covers it;
 * - `resuming`: claimed by a resumer that is calling the URL (a lease: a crashed caller's claim lapses);
 * - `resumed`: n8n took the call and the execution goes on;
 * - `gone`: n8n no longer had it waiting (stopped by a user, or already resumed);
 * - `renewal`: the renewal came first: n8n's own timer resumes it then, the ledger does not call;
 * - `failed`: the URL kept failing; the execution still resumes at the renewal on n8n's timer.
 */
export type ParkedStatus = 'waiting' | 'resuming' | 'resumed' | 'gone' | 'renewal' | 'failed';

export interface ParkInput {
  workspaceId: string;
  executionId: string;
  /** Which wait of the execution this is (the Guard's node and run): the same key again is a re-delivery. */
  parkKey: string;
  /** n8n's `$execution.resumeUrl` of the execution: a POST to it resumes the waiting node. */
  resumeUrl: string;
  /** Millicredits the parked items need before the execution is worth resuming (the Guard's estimate). */
  needMillicredits: number;
  /** When the execution resumes anyway (the renewal the Guard waits for on n8n's own timer). */
  renewsAt: string;
  workflowId?: string | null;
  nodeName?: string | null;
}

export interface ParkedExecution {
  workspaceId: string;
  executionId: string;
  resumeUrl: string;
  needMillicredits: number;
  renewsAt: string;
  workflowId: string | null;
  nodeName: string | null;
  status: ParkedStatus;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  parkedAt: string;
  /** When it left `waiting` for good (resumed, gone, renewal or failed). */
  endedAt: string | null;
}

/** What one call of a resume URL came to. */
export type ResumeResult =
  | { outcome: 'resumed' | 'gone' }
  | { outcome: 'retry'; error: string; retryAt: string }
  | { outcome: 'failed'; error: string };
