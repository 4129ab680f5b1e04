import { helperChargesDue } from '../accounting/helperChargesDue';
import { messages, PricingError } from '../errors';
import { priceTokens } from './priceTokens';
import type { CostClass, ModelRate } from './types';

/**
 * What was counted for one step, by the one who asks:
 * - `units`: whole units (runs, items, the execution, helper runs after `helperRunsBefore`); the meter and the quote;
 * - `tokens`: the tokens one call used, at its model's rate; the meter, the quote and the estimator;
 * - `expectedUnits`: a mean count that may be fractional or huge (an estimate's branch shares and runaway loops).
 */
export type StepCount =
  | { units: number; helperRunsBefore?: number }
  | { tokens: { input: number; output: number }; rate: ModelRate }
  | { expectedUnits: number };

/**
 * The price of one step in millicredits: the one place a cost class turns a count into money,
 * so that metering, estimation and `/v1/quote` agree to the millicredit.
 * - `run`, `item`, `execution`: `rate × units`;
 * - `helper`: `rate` for every multiple of `every` the helper counter passes while it goes from
 *   `helperRunsBefore` to `helperRunsBefore + units` (a counter, not chance);
 * - `tokens`: `priceTokens` (rounded up once, there).
 * `units` must be whole and give a safe integer, else it throws (a broken invariant). `expectedUnits`
 * gives the unrounded mean (`rate × units`, and `rate × units / every` for helpers) for the caller to
 * round once; for a whole count of a run, item or execution class it equals the `units` price.
 */
export function priceUnit(costClass: CostClass, count: StepCount): number {
  if ('tokens' in count) {
    if (costClass.unit !== 'tokens') throw new PricingError('invariant', messages.unitsNeedCount(costClass.unit));
    return priceTokens(count.rate, count.tokens.input, count.tokens.output);
  }
  if (costClass.unit === 'tokens') throw new PricingError('invariant', messages.tokensNeedModel());
  if ('expectedUnits' in count) {
    return costClass.unit === 'helper' ? (costClass.rate * count.expectedUnits) / (costClass.every ?? 1) : costClass.rate * count.expectedUnits;
  }
  const { units } = count;
  if (!Number.isSafeInteger(units) || units < 0) throw new PricingError('invariant', messages.badUnits(units));
  const charged = costClass.unit === 'helper' ? helperChargesDue(count.helperRunsBefore ?? 0, units, costClass.every ?? 1) : units;
  const amount = costClass.rate * charged;
  if (!Number.isSafeInteger(amount)) throw new PricingError('invariant', messages.notInteger('amount', amount));
  return amount;
}
