import { messages, PricingError } from '../errors';
import { MILLICREDITS_PER_CREDIT } from './perCredit';

/** How `formatCredits` writes an amount. */
export interface CreditsFormat {
  /** Thousands separators in the whole part (`1,234.5`): pages and terminal tables. */
  grouping?: boolean;
  /** Always three decimals (`1.500`, `0.000`): columns that machines read, such as CSV. */
  fixedDecimals?: boolean;
}

/**
 * Formats millicredits as credits, by integer arithmetic only: 1200 → "1.2", 5 → "0.005",
 * -1500 → "-1.5" (balances may be negative); `grouping` adds thousands separators and
 * `fixedDecimals` keeps all three decimals. Throws on a fraction, NaN or an unsafe integer.
 */
export function formatCredits(amount: number, format: CreditsFormat = {}): string {
  if (!Number.isSafeInteger(amount)) throw new PricingError('not-integer', messages.notWholeAmount(amount));
  const sign = amount < 0 ? '-' : '';
  const abs = Math.abs(amount);
  const whole = String(Math.trunc(abs / MILLICREDITS_PER_CREDIT));
  const fraction = String(abs % MILLICREDITS_PER_CREDIT).padStart(3, '0');
  const wholeText = format.grouping ? whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',') : whole;
  const fractionText = format.fixedDecimals ? fraction : fraction.replace(/0+$/, '');
  return fractionText === '' ? `${sign}${wholeText}` : `${sign}${wholeText}.${fractionText}`;
}
