/** Escapes text for HTML element content and double-quoted attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Millicredits as credits with up to three decimals and thousands separators, by integer arithmetic only. */
export function formatCredits(millicredits: number): string {
  const negative = millicredits < 0;
  const abs = Math.abs(millicredits);
  const whole = Math.floor(abs / 1000);
  const frac = abs % 1000;
  const wholeText = String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const fracText = frac === 0 ? '' : '.' + String(frac).padStart(3, '0').replace(/0+$/, '');
  return (negative ? '-' : '') + wholeText + fracText;
}

/** A price in cents as `12.50 USD`. */
export function formatPrice(cents: number, currency: string): string {
  const abs = Math.abs(cents);
  return `${cents < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')} ${currency}`;
}
