/**
 * The circuit breaker's counter after one execution: a success resets the consecutive failures
 * of that workflow to 0, a failure adds one. `open` when the plan's limit is reached (null: no breaker).
 */
export function nextFailureCount(current: number, succeeded: boolean, limit: number | null): { consecutiveFailures: number; open: boolean } {
  const consecutiveFailures = succeeded ? 0 : current + 1;
  return { consecutiveFailures, open: isBreakerOpen(consecutiveFailures, limit) };
}

/** Whether `failures` consecutive failures open a breaker with this limit (null or 0: no breaker). */
export function isBreakerOpen(failures: number, limit: number | null): boolean {
  return limit !== null && limit > 0 && failures >= limit;
}
