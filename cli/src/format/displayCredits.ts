import { formatCredits, type Range } from '../pricing';

/**
 * Credits as a person reads them, for text output only (JSON keeps exact millicredits). The rule, by integer
 * arithmetic and rounding half up once here:
 * - 100 credits and more: whole credits with thousands separators (6,321.926 → "6,322");
 * - below 100: three significant digits (12.345 → "12.3", 1.255 → "1.26", 0.125 → "0.125"), trailing zeros dropped;
 * - the smallest step is a millicredit, so 0.005 stays "0.005" and 0 is "0".
 */
export function displayCredits(millicredits: number): string {
  const abs = Math.abs(millicredits);
  // Millicredits per last shown digit: 1000 (whole credits), 100, 10 or 1 (three decimals).
  const step = abs >= 100_000 ? 1000 : abs >= 10_000 ? 100 : abs >= 1000 ? 10 : 1;
  const rounded = Math.floor((abs + step / 2) / step) * step;
  return formatCredits(millicredits < 0 ? -rounded : rounded, { grouping: true });
}

/** "12.3 (2–40)", or "12.3" when the range is one value; each end rounded by `displayCredits`. */
export function displayRange(range: Range): string {
  const expected = displayCredits(range.expected);
  return range.min === range.max && range.min === range.expected ? expected : `${expected} (${displayCredits(range.min)}–${displayCredits(range.max)})`;
}
