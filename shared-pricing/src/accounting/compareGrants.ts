import type { GrantBalance } from './types';

/**
 * Consumption order of grants: lower priority number first, then the one that lapses soonest
 * (a grant that never lapses comes last), then the oldest, then by id so the order is total.
 * Use with `Array.prototype.sort`.
 */
export function compareGrants(a: GrantBalance, b: GrantBalance): number {
  if (a.priority !== b.priority) return a.priority - b.priority;
  const aExpiry = a.expiresAt ?? Number.POSITIVE_INFINITY;
  const bExpiry = b.expiresAt ?? Number.POSITIVE_INFINITY;
  if (aExpiry !== bExpiry) return aExpiry < bExpiry ? -1 : 1;
  if (a.createdAt !== b.createdAt) return a.createdAt - b.createdAt;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
