import { messages, PricingError } from '../errors';
import { helperChargesDue } from '../accounting/helperChargesDue';
import type { CostClass } from '../price-book/types';

/**
 * The one place a count of units becomes millicredits for the counted classes, shared by
 * metering (`priceExecution`) and estimation so that both agree to the millicredit:
 * - `run`, `item`, `execution`: `rate × units`;
 * - `helper`: `rate` for every multiple of `every` the helper counter passes while it goes from
 *   `helperRunsBefore` to `helperRunsBefore + units` (a counter, not chance).
 * `tokens` classes are priced by model with `priceTokens` instead; asking for them here throws.
 */
export function amountForUnits(costClass: CostClass, units: number, helperRunsBefore = 0): number {
  if (!Number.isSafeInteger(units) || units < 0) throw new PricingError('invariant', messages.badUnits(units));
  switch (costClass.unit) {
    case 'run':
    case 'item':
    case 'execution':
      return checked(costClass.rate * units);
    case 'helper':
      return checked(costClass.rate * helperChargesDue(helperRunsBefore, units, costClass.every ?? 1));
    case 'tokens':
      throw new PricingError('invariant', messages.tokensNeedModel());
  }
}

function checked(amount: number): number {
  if (!Number.isSafeInteger(amount)) throw new PricingError('invariant', messages.notInteger('amount', amount));
  return amount;
}
