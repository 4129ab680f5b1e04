/**
 * Calendar arithmetic in an IANA zone, done the slow obvious way for the reference model: local
 * date parts come from Intl.DateTimeFormat, and "local midnight of date D" is found by binary
 * search over UTC milliseconds for the first instant whose local date is ≥ D. Independent of
 * shared-pricing/src/accounting on purpose (the model must not reuse what it checks).
 */

export interface LocalDate {
  y: number;
  /** 1–12. */
  m: number;
  d: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const midnights = new Map<string, number>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, year: 'numeric', month: 'numeric', day: 'numeric' });
    formatters.set(zone, f);
  }
  return f;
}

/** The local calendar date of instant `t` in `zone`. */
export function localDate(t: number, zone: string): LocalDate {
  const parts = formatter(zone).formatToParts(new Date(t));
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  return { y: get('year'), m: get('month'), d: get('day') };
}

/** Days in month `m` (1–12) of year `y`. */
export function daysIn(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** Compares two dates as numbers (yyyymmdd). */
function ordinal(a: LocalDate): number {
  return a.y * 10_000 + a.m * 100 + a.d;
}

/** Normalises a date whose day or month overflowed (31 Jan + 1 day → 1 Feb). */
export function addDays(date: LocalDate, days: number): LocalDate {
  const t = new Date(Date.UTC(date.y, date.m - 1, date.d + days));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

/** The first instant whose local date in `zone` is on or after `date`: its local midnight (or the DST gap's end). */
export function localMidnight(date: LocalDate, zone: string): number {
  const cacheKey = `${zone}|${date.y}-${date.m}-${date.d}`;
  const hit = midnights.get(cacheKey);
  if (hit !== undefined) return hit;
  const target = ordinal(date);
  const utc = Date.UTC(date.y, date.m - 1, date.d);
  // Every real offset lies within ±15 h, so the answer lies in this window.
  let lo = utc - 36 * 3_600_000;
  let hi = utc + 36 * 3_600_000;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (ordinal(localDate(mid, zone)) >= target) hi = mid;
    else lo = mid;
  }
  midnights.set(cacheKey, hi);
  return hi;
}

/** The local day holding `t`: [start, end). */
export function dayAt(t: number, zone: string): { start: number; end: number; date: LocalDate } {
  const date = localDate(t, zone);
  return { start: localMidnight(date, zone), end: localMidnight(addDays(date, 1), zone), date };
}

/** `YYYY-MM-DD` of `t` in `zone`. */
export function isoDay(t: number, zone: string): string {
  const { y, m, d } = localDate(t, zone);
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export interface Anchor {
  cycle: 'monthly' | 'yearly';
  anchorDay: number;
  anchorMonth: number;
}

/** Start of the period whose anchor date falls in year `y`, month `m` (monthly) or year `y` (yearly). */
function anchorStart(y: number, m: number, a: Anchor, zone: string): number {
  const month = a.cycle === 'monthly' ? m : a.anchorMonth;
  return localMidnight({ y, m: month, d: Math.min(a.anchorDay, daysIn(y, month)) }, zone);
}

/** The period holding `t`: starts at local midnight of the (clamped) anchor date. */
export function periodAt(t: number, zone: string, a: Anchor): { start: number; end: number } {
  const { y, m } = localDate(t, zone);
  if (a.cycle === 'yearly') {
    for (const year of [y + 1, y, y - 1]) {
      const start = anchorStart(year, 1, a, zone);
      if (start <= t) return { start, end: anchorStart(year + 1, 1, a, zone) };
    }
  } else {
    // Walk months back from the next one until a start at or before t.
    for (let k = 1; k >= -2; k--) {
      const mm = ((m - 1 + k + 12) % 12) + 1;
      const yy = y + Math.floor((m - 1 + k) / 12);
      const start = anchorStart(yy, mm, a, zone);
      if (start <= t) {
        const nm = (mm % 12) + 1;
        return { start, end: anchorStart(nm === 1 ? yy + 1 : yy, nm, a, zone) };
      }
    }
  }
  throw new Error(`no period found for ${new Date(t).toISOString()} in ${zone}`);
}

const clocks = new Map<string, Intl.DateTimeFormat>();

/** The zone's UTC offset at `t`, in ms (local wall time minus UTC). */
export function offsetAt(t: number, zone: string): number {
  let f = clocks.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    clocks.set(zone, f);
  }
  const p = Object.fromEntries(f.formatToParts(new Date(t)).map((x) => [x.type, Number(x.value)]));
  const wall = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
  return wall - (t - (((t % 1000) + 1000) % 1000));
}

/** The first instant after `t` (within ~400 days) where the zone's offset changes, or null. */
export function nextTransition(t: number, zone: string): number | null {
  const base = offsetAt(t, zone);
  const step = 86_400_000;
  for (let lo = t, i = 0; i < 400; i++, lo += step) {
    if (offsetAt(lo + step, zone) === base) continue;
    let hi = lo + step;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (offsetAt(mid, zone) === base) lo = mid;
      else hi = mid;
    }
    return hi;
  }
  return null;
}
