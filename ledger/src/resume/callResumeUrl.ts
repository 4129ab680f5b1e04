import type { ParkedExecution, ResumeResult } from '../store/types';

/** How calls of resume URLs are timed; tests shrink every figure. */
export interface ResumeTiming {
  /** An n8n silent this long has failed the call. */
  timeoutMs: number;
  /** After parking, n8n may still be saving the execution as waiting: "not waiting" is retried this long. */
  graceMs: number;
  /** The wait after the first failed call; each further failure doubles it, up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Calls before the ledger gives up (the execution still resumes at the renewal, on n8n's timer). */
  maxAttempts: number;
}

export const DEFAULT_RESUME_TIMING: ResumeTiming = { timeoutMs: 10_000, graceMs: 60_000, baseDelayMs: 2_000, maxDelayMs: 300_000, maxAttempts: 10 };

/** What n8n answered, or why no answer came. */
export type CallOutcome = { status: number; body: string } | { error: string };

/** POSTs to n8n's resume URL of a waiting execution. Never throws. */
export async function callResumeUrl(url: string, timeoutMs: number): Promise<CallOutcome> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'n8n-credits-ledger' },
      body: JSON.stringify({ resumedBy: 'n8n-credits', reason: 'credits-available' }),
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'manual',
    });
    return { status: res.status, body: (await res.text()).slice(0, 500) };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return { error: cause ? `${(error as Error).message} (${cause})` : (error as Error).message };
  }
}

/**
 * What a call came to:
 * - 2xx: n8n resumed the execution;
 * - 404 or 409 (n8n's "not found", "running already", "finished already"): right after parking n8n may not have
 *   saved the execution as waiting yet, so it is retried for `graceMs`; after that it is gone;
 * - another 4xx: n8n refuses the call as made, and repeating it cannot help (failed);
 * - 5xx, a timeout or no connection: retried with backoff, up to `maxAttempts` calls.
 */
export function resumeResult(call: CallOutcome, parked: ParkedExecution, now: number, timing: ResumeTiming): ResumeResult {
  const retry = (error: string, delay: number): ResumeResult =>
    parked.attempts >= timing.maxAttempts ? { outcome: 'failed', error: `${error} (gave up after ${parked.attempts} calls)` } : { outcome: 'retry', error, retryAt: new Date(now + delay).toISOString() };
  const backoff = Math.min(timing.maxDelayMs, timing.baseDelayMs * 2 ** Math.max(0, parked.attempts - 1));
  if ('error' in call) return retry(`no answer from n8n: ${call.error}`, backoff);
  const said = `n8n answered ${call.status}${call.body ? `: ${call.body.slice(0, 200)}` : ''}`;
  if (call.status >= 200 && call.status < 300) return { outcome: 'resumed' };
  if (call.status === 404 || call.status === 409) {
    return now - Date.parse(parked.parkedAt) < timing.graceMs ? retry(said, timing.baseDelayMs) : { outcome: 'gone' };
  }
  if (call.status >= 400 && call.status < 500) return { outcome: 'failed', error: said };
  return retry(said, backoff);
}
