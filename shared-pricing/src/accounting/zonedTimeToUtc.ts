import { zonedDateParts } from './zonedDateParts';

/** Offset of `timeZone` from UTC at `instant`, in ms (Tokyo: +9 h). */
function offsetAt(instant: number, timeZone: string): number {
  const p = zonedDateParts(instant, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant at which the wall clock in `timeZone` shows `year-month-day hour:00` (month 1–12;
 * days past the month's end roll over as in `Date.UTC`). In a daylight-saving gap the later
 * valid instant is returned, so a period never starts before the previous one ends.
 */
export function zonedTimeToUtc(year: number, month: number, day: number, timeZone: string, hour = 0): number {
  const wall = Date.UTC(year, month - 1, day, hour);
  const first = wall - offsetAt(wall, timeZone);
  const second = wall - offsetAt(first, timeZone);
  if (first === second) return first;
  // A transition near this wall time: the guesses that really show it (the earlier when it occurs twice);
  // in a gap neither does, and the later one is the first valid instant.
  const shows = [first, second].filter((t) => t + offsetAt(t, timeZone) === wall);
  return shows.length > 0 ? Math.min(...shows) : Math.max(first, second);
}
