/** How a fractional amount becomes whole millicredits. Each caller names its mode. */
export type RoundingMode = 'ceil' | 'floor' | 'half-up';

/**
 * Rounds with a named mode: `ceil` up, `floor` down, `half-up` to nearest with .5 going up
 * (towards +∞, so -2.5 → -2). Throws a RangeError for NaN, ±∞ or a result beyond 2^53.
 * The one place fractional millicredits are rounded (token pricing, expected values of
 * estimates). Token charges use `ceil` so that a call with any tokens never costs 0.
 */
export function roundMillicredits(value: number, mode: RoundingMode): number {
  if (!Number.isFinite(value)) throw new RangeError(`cannot round ${value} to millicredits`);
  // Remove binary noise such as 0.1 + 0.2 before rounding, so 300.0000000001 ceils to 300.
  const clean = Math.round(value * 1e6) / 1e6;
  const rounded = mode === 'ceil' ? Math.ceil(clean) : mode === 'floor' ? Math.floor(clean) : Math.floor(clean + 0.5);
  if (!Number.isSafeInteger(rounded)) throw new RangeError(`cannot round ${value} to millicredits: beyond the safe integer range`);
  // `+ 0` turns -0 (Math.ceil(-0.2)) into 0.
  return rounded + 0;
}
