/** n8n statuses of an execution that has not ended yet: the breaker waits for the post that ends it. */
const PENDING = new Set(['waiting', 'running', 'new']);
/** n8n statuses that are failures for the circuit breaker. */
const FAILED = new Set(['error', 'crashed']);

/**
 * Whether a post of an execution counts for the circuit breaker, and as what: only production runs
 * (any mode but `manual`, the editor) that have ended. Null when the post does not count.
 */
export function breakerCounts(mode: string | null | undefined, status: string | null | undefined): { succeeded: boolean } | null {
  if (mode === 'manual') return null;
  if (status && PENDING.has(status)) return null;
  return { succeeded: !(status && FAILED.has(status)) };
}
