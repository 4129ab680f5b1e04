import { formatCredits as formatMoney } from '../../../shared-pricing/src/money/formatCredits';

/** Escapes text for HTML element content and double-quoted attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Millicredits as the page shows credits: up to three decimals, with thousands separators (`1,250.5`). */
export function formatCredits(millicredits: number): string {
  return formatMoney(millicredits, { grouping: true });
}

/** A price in cents as `12.50 USD`. */
export function formatPrice(cents: number, currency: string): string {
  const abs = Math.abs(cents);
  return `${cents < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')} ${currency}`;
}
