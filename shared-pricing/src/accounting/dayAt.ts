import type { ZonedDay } from './types';
import { zonedDateParts } from './zonedDateParts';
import { zonedTimeToUtc } from './zonedTimeToUtc';

/**
 * The calendar day containing `instant` in `timeZone`, from local midnight to the next local
 * midnight: a daily limit renews at `end` (Monkedo renews daily credits at midnight).
 */
export function dayAt(instant: number, timeZone: string): ZonedDay {
  const p = zonedDateParts(instant, timeZone);
  const key = `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
  return {
    key,
    start: zonedTimeToUtc(p.year, p.month, p.day, timeZone),
    // Day overflow (31 + 1) is normalised by Date.UTC inside zonedTimeToUtc.
    end: zonedTimeToUtc(p.year, p.month, p.day + 1, timeZone),
  };
}
