/**
 * An expected count (runs, calls) for a message: whole numbers as they are, others to one
 * decimal (3.236246 → "3.2"), since expected values through branch shares are fractional.
 */
export function formatCount(value: number): string {
  if (Number.isInteger(value)) return String(value);
  return (Math.round(value * 10) / 10).toFixed(1).replace(/\.0$/, '');
}
