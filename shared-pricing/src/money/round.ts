/** How a fractional amount becomes whole millicredits. Each caller names its mode. */
export type RoundingMode = 'ceil' | 'floor' | 'half-up';

/**
 * The one place fractional millicredits are rounded (token pricing, expected values of
 * estimates). Token charges use `ceil` so that a call with any tokens never costs 0.
 */
export function roundMillicredits(value: number, mode: RoundingMode): number {
  if (!Number.isFinite(value)) throw new RangeError(`cannot round ${value} to millicredits`);
  // Remove binary noise such as 0.1 + 0.2 before rounding, so 300.0000000001 ceils to 300.
  const clean = Math.round(value * 1e6) / 1e6;
  switch (mode) {
    case 'ceil':
      return Math.ceil(clean);
    case 'floor':
      return Math.floor(clean);
    case 'half-up':
      return Math.floor(clean + 0.5);
  }
}
