import { messages, PricingError } from '../errors';
import { MILLICREDITS_PER_CREDIT } from './perCredit';

// The constant and the formatting have their own modules; re-exported so that imports from here keep working.
export { MILLICREDITS_PER_CREDIT };
export { formatCredits } from './formatCredits';

/** Is `value` a valid amount: a safe integer ≥ 0? */
export function isMillicredits(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/**
 * Checks an amount at the point it enters the system and returns it; throws on a
 * fraction, a negative number, NaN or anything that is not a number.
 */
export function millicredits(value: unknown, what = 'amount'): number {
  if (!isMillicredits(value)) throw new PricingError('not-integer', messages.notInteger(what, value));
  return value;
}

/** Whole credits to millicredits (`credits(5)` is 5000). */
export function credits(whole: number): number {
  return millicredits(whole * MILLICREDITS_PER_CREDIT, 'credits × 1000');
}
