import { messages, PricingError } from '../errors';
import { parseCredits } from './parseCredits';
import type { RoundingMode } from './round';

/**
 * A number of credits already checked to be one (a setting, a budget, a threshold) as integer
 * millicredits, rounded once by `parseCredits` with the caller's named mode. Throws a `PricingError`
 * for NaN, ±∞, a negative number or one past the safe range: callers that read user input use
 * `parseCredits` and report its problem instead.
 */
export function creditsToMillicredits(credits: number, mode: RoundingMode): number {
  const parsed = parseCredits(credits, mode);
  if (!parsed.ok) throw new PricingError('invariant', messages.badCredits(credits));
  return parsed.millicredits;
}
