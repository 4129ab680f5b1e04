import { dayAt } from './dayAt';

/**
 * The start (UTC ms) of the local day `days` calendar days before the day containing `instant`, in `timeZone`:
 * stepped one local midnight at a time, because around a daylight-saving change a day lasts 23 or 25 hours and
 * `days × 24 h` would land beside midnight. `days` 0 is the start of `instant`'s own day.
 */
export function daysBefore(instant: number, days: number, timeZone: string): number {
  let start = dayAt(instant, timeZone).start;
  for (let i = 0; i < days; i++) start = dayAt(start - 1, timeZone).start;
  return start;
}
