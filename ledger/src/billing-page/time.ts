import { escapeHtml } from './escape';

// Formatters are costly to build; one per zone and style is reused (a cache, not state that changes results).
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string, withTime: boolean): Intl.DateTimeFormat {
  const id = `${timeZone}|${withTime}`;
  let f = formatters.get(id);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone, day: 'numeric', month: 'short', year: 'numeric', ...(withTime ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } : {}),
    });
    formatters.set(id, f);
  }
  return f;
}

/** An instant as the workspace's wall clock shows it: `2 Nov 2026, 19:00`; text that is no time is returned as it is. */
export function formatTime(iso: string, timeZone: string): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : formatter(timeZone, true).format(ms);
}

/** The calendar day of an instant in the workspace's zone: `2 Nov 2026`. */
export function formatDate(iso: string, timeZone: string): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : formatter(timeZone, false).format(ms);
}

/** A local day key (`YYYY-MM-DD`, already counted in the workspace's zone) as `2 Nov`. */
export function formatDayKey(key: string): string {
  const ms = Date.parse(`${key}T12:00:00Z`);
  return Number.isNaN(ms) ? key : formatter('UTC', false).format(ms).replace(/ \d{4}$/, '');
}

/** A `<time>` element: the zone's wall clock as text, the exact instant in `datetime` for machines and tooltips. */
export function timeHtml(iso: string, timeZone: string): string {
  return `<time datetime="${escapeHtml(iso)}" title="${escapeHtml(iso)}">${escapeHtml(formatTime(iso, timeZone))}</time>`;
}
