import { allocateDebits } from './allocateDebits';
import type { GrantBalance } from './types';

/**
 * Debt is repaid first by the next credits that arrive: what the usable grants hold beyond open
 * reservations pays the debt, taken from them in consumption order. Returns the debits (empty when
 * there is no debt or nothing free); their sum is the amount repaid.
 */
export function repayDebt(
  usable: ReadonlyArray<Pick<GrantBalance, 'id' | 'remaining'>>,
  debt: number,
  reserved: number,
): Array<{ grantId: string; millicredits: number }> {
  if (debt <= 0) return [];
  const held = usable.reduce((sum, g) => sum + Math.max(0, g.remaining), 0);
  const free = held - reserved;
  if (free <= 0) return [];
  return allocateDebits(usable, Math.min(debt, free)).debits;
}
