import { messages, PricingError } from '../errors';

/** One credit in millicredits: every amount in n8n Credits is an integer number of millicredits. */
export const MILLICREDITS_PER_CREDIT = 1000;

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

/**
 * Formats millicredits as credits with up to three decimals: 1200 → "1.2", 5 → "0.005",
 * -1500 → "-1.5" (balances may be negative). Throws on a fraction, NaN or an unsafe integer.
 */
export function formatCredits(amount: number): string {
  if (!Number.isSafeInteger(amount)) throw new PricingError('not-integer', messages.notWholeAmount(amount));
  const sign = amount < 0 ? '-' : '';
  const abs = Math.abs(amount);
  const whole = Math.trunc(abs / MILLICREDITS_PER_CREDIT);
  const fraction = abs % MILLICREDITS_PER_CREDIT;
  if (fraction === 0) return `${sign}${whole}`;
  return `${sign}${whole}.${String(fraction).padStart(3, '0').replace(/0+$/, '')}`;
}
