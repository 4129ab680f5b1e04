import { compareGrants } from './compareGrants';
import type { GrantBalance } from './types';

/**
 * The grants a charge at `instant` may draw on, in consumption order: already effective, not yet
 * lapsed (a grant lapses at its `expiresAt`), with something left.
 */
export function usableGrants<T extends GrantBalance>(grants: readonly T[], instant: number): T[] {
  return grants
    .filter((g) => g.remaining > 0 && g.effectiveAt <= instant && (g.expiresAt === null || g.expiresAt > instant))
    .sort(compareGrants);
}
