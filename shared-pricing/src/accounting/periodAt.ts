import type { BillingCycle } from '../plans/types';
import { daysInMonth } from './daysInMonth';
import type { Period } from './types';
import { zonedDateParts } from './zonedDateParts';
import { zonedTimeToUtc } from './zonedTimeToUtc';

/** Where a workspace's periods start: the anchor day (1–31) and, for yearly plans, the anchor month (1–12). */
export interface PeriodAnchor {
  cycle: BillingCycle;
  anchorDay: number;
  anchorMonth: number;
  timeZone: string;
}

/** Midnight (workspace zone) of the anchor day in the given month, clamped to the month's last day. */
function anchorStart(year: number, month: number, anchor: PeriodAnchor): number {
  // Normalise month overflow (month 13 is January of the next year) before clamping the day.
  const y = year + Math.floor((month - 1) / 12);
  const m = ((((month - 1) % 12) + 12) % 12) + 1;
  return zonedTimeToUtc(y, m, Math.min(anchor.anchorDay, daysInMonth(y, m)), anchor.timeZone);
}

/**
 * The billing period containing `instant`. Monthly periods start at midnight of the anchor day
 * in the workspace's zone; an anchor day past a month's end means that month's last day (anchor
 * 31 → 28 or 29 February, then 31 March). Yearly periods start on the anchor day of the anchor month.
 */
export function periodAt(instant: number, anchor: PeriodAnchor): Period {
  const local = zonedDateParts(instant, anchor.timeZone);
  if (anchor.cycle === 'monthly') {
    let month = local.month;
    let start = anchorStart(local.year, month, anchor);
    if (instant < start) {
      month -= 1;
      start = anchorStart(local.year, month, anchor);
    }
    return { start, end: anchorStart(local.year, month + 1, anchor) };
  }
  let year = local.year;
  let start = anchorStart(year, anchor.anchorMonth, anchor);
  if (instant < start) {
    year -= 1;
    start = anchorStart(year, anchor.anchorMonth, anchor);
  }
  return { start, end: anchorStart(year + 1, anchor.anchorMonth, anchor) };
}
