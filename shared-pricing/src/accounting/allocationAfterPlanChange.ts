/**
 * The allocation a new plan issues for the rest of the current period: its allocation less what the
 * old plan's allocation already gave in this period, never below zero. Re-saving, upgrading or
 * downgrading never hands out what was already used a second time.
 */
export function allocationAfterPlanChange(newAllocation: number, usedThisPeriod: number): number {
  return Math.max(0, newAllocation - Math.max(0, usedThisPeriod));
}
