/**
 * How many helper charges fall due when `added` helper runs join the `before` already counted:
 * one each time the counter passes a multiple of `every` (Monkedo: 1 credit per 100 free
 * component runs). The counter itself keeps counting; it is never reset.
 */
export function helperChargesDue(before: number, added: number, every: number): number {
  if (!Number.isSafeInteger(every) || every <= 0) throw new RangeError(`helper interval must be a positive integer, got ${every}`);
  if (added <= 0) return 0;
  return Math.floor((before + added) / every) - Math.floor(before / every);
}
