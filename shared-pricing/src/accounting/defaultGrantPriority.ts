import type { GrantKind } from './types';

const priorities: Record<GrantKind, number> = {
  // Promotions are spent first (they usually lapse soon), top-ups last (they were paid for and live longest).
  promo: 10,
  rollover: 20,
  allocation: 30,
  manual: 40,
  topup: 50,
};

/** Priority a grant of `kind` gets when none is given: lower is consumed first. */
export function defaultGrantPriority(kind: GrantKind): number {
  return priorities[kind];
}
