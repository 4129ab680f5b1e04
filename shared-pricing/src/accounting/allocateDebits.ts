import type { GrantBalance } from './types';

/**
 * Splits `amount` across grants already in consumption order: each grant gives what it has until
 * the amount is covered. Returns the debits and the `shortfall` no grant covered. Parts sum to
 * the whole: sum(debits) + shortfall === amount.
 */
export function allocateDebits(
  grants: ReadonlyArray<Pick<GrantBalance, 'id' | 'remaining'>>,
  amount: number,
): { debits: Array<{ grantId: string; millicredits: number }>; shortfall: number } {
  const debits: Array<{ grantId: string; millicredits: number }> = [];
  let left = amount;
  for (const grant of grants) {
    if (left === 0) break;
    if (grant.remaining <= 0) continue;
    const take = Math.min(grant.remaining, left);
    debits.push({ grantId: grant.id, millicredits: take });
    left -= take;
  }
  return { debits, shortfall: left };
}
