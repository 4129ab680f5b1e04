/**
 * Per-member allocations share one pool that does not grow with the number of members (Monkedo):
 * returns null when the allocations fit in `pool`, else the millicredits by which they exceed it.
 */
export function checkMemberAllocations(pool: number, allocations: ReadonlyArray<number | null>): number | null {
  const total = allocations.reduce<number>((sum, a) => sum + (a ?? 0), 0);
  return total <= pool ? null : total - pool;
}
