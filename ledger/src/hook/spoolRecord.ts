/** Why the last delivery of a record failed, or why it was dead-lettered. */
export interface FailureReason {
  /** The ledger's HTTP status; null when it gave none (no answer in time, a damaged or older record). */
  status: number | null;
  /** The ledger's answer or the failure, cut to 300 characters. */
  message: string;
  /** Deliveries tried so far, this one included. */
  attempts: number;
  /** When it happened (ISO 8601). */
  at: string;
}

/**
 * One execution waiting to be delivered: its id, the exact JSON body for `POST /v1/executions`, and — once a
 * delivery failed in a way that may be the record's fault — how often and why. The count lives in the file, so a
 * restarted n8n continues it instead of starting over.
 */
export interface SpoolRecord {
  executionId: string;
  body: string;
  attempts?: number;
  lastFailure?: FailureReason;
}

/** A record in the dead-letter folder: never retried by the hook until `n8n-credits spool replay` moves it back. */
export interface DeadRecord {
  executionId: string;
  body: string;
  dead: FailureReason;
}

/** The record in a spool file's text, or null when the text is not one (a damaged file). */
export function parseSpoolRecord(text: string): SpoolRecord | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const r = value as Partial<SpoolRecord> | null;
  if (!r || typeof r.executionId !== 'string' || typeof r.body !== 'string') return null;
  const attempts = Number.isSafeInteger(r.attempts) && r.attempts! > 0 ? r.attempts! : 0;
  return { executionId: r.executionId, body: r.body, ...(attempts > 0 ? { attempts } : {}), ...(isReason(r.lastFailure) ? { lastFailure: r.lastFailure } : {}) };
}

/** True for a well-formed reason (files may come from older versions or hands). */
export function isReason(value: unknown): value is FailureReason {
  const r = value as Partial<FailureReason> | null;
  return !!r && typeof r === 'object' && (r.status === null || typeof r.status === 'number') && typeof r.message === 'string'
    && typeof r.attempts === 'number' && typeof r.at === 'string';
}

/** Spool files are named `<ms since 1970, 14 digits>-<pid>-<seq>-<execution id>.json`: the time they were first spooled. */
export function spooledAtOf(name: string): Date | null {
  const m = /^(\d{14})-/.exec(name);
  return m ? new Date(Number(m[1])) : null;
}
