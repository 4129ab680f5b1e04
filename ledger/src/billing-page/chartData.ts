import { dayAt } from '../../../shared-pricing/src/accounting/dayAt';
import type { BreakdownRow, LedgerStore } from '../store/types';

/** How many days the chart shows, ending today in the workspace's zone. */
export const CHART_DAYS = 30;
/** Workflows drawn as their own stack; the rest are added up as "Other workflows" so the legend stays readable. */
export const CHART_SERIES = 6;

/** One workflow's stack: millicredits per day, in the order of `days`. */
export interface ChartSeries {
  key: string;
  label: string;
  values: number[];
}

/** The usage chart: local days (`YYYY-MM-DD`, oldest first) and one series per workflow. */
export interface ChartModel {
  days: string[];
  series: ChartSeries[];
}

/** The local days ending with the day of `now` in `timeZone`, oldest first, each with its start and end (ms). */
export function lastDays(now: number, timeZone: string, count = CHART_DAYS): Array<{ key: string; start: number; end: number }> {
  const days = [dayAt(now, timeZone)];
  // Stepping back one local midnight at a time: around a daylight-saving change a day lasts 23 or 25 hours.
  while (days.length < count) days.unshift(dayAt(days[0]!.start - 1, timeZone));
  return days;
}

/** Stacks per workflow: the `CHART_SERIES - 1` largest over the whole range, then the others together. */
export function stackByWorkflow(days: string[], perDay: BreakdownRow[][]): ChartModel {
  const totals = new Map<string, { label: string; millicredits: number }>();
  for (const rows of perDay) {
    for (const r of rows) {
      const t = totals.get(r.key) ?? { label: r.label ?? (r.key || '(unknown)'), millicredits: 0 };
      t.millicredits += r.millicredits;
      if (r.label) t.label = r.label;
      totals.set(r.key, t);
    }
  }
  const ranked = [...totals.entries()].sort((a, b) => b[1].millicredits - a[1].millicredits || (a[0] < b[0] ? -1 : 1));
  const own = ranked.length <= CHART_SERIES ? ranked : ranked.slice(0, CHART_SERIES - 1);
  const series: ChartSeries[] = own.map(([key, t]) => ({ key, label: t.label, values: perDay.map((rows) => rows.find((r) => r.key === key)?.millicredits ?? 0) }));
  if (own.length < ranked.length) {
    const shown = new Set(own.map(([key]) => key));
    series.push({ key: '(other)', label: 'Other workflows', values: perDay.map((rows) => rows.reduce((sum, r) => sum + (shown.has(r.key) ? 0 : r.millicredits), 0)) });
  }
  return { days, series };
}

/** Reads the last 30 days' usage per workflow (one breakdown per local day), for a member its own only. */
export async function buildChart(store: LedgerStore, workspaceId: string, timeZone: string, now: number, memberId: string | undefined): Promise<ChartModel> {
  const days = lastDays(now, timeZone);
  const perDay = await Promise.all(days.map((d) => store.breakdown({
    workspaceId, by: 'workflow', memberId, from: new Date(d.start).toISOString(), to: new Date(d.end).toISOString(),
  })));
  return stackByWorkflow(days.map((d) => d.key), perDay);
}
