import { cronRunsPerMonth } from './cronRunsPerMonth';
import type { ScheduleCount } from './scheduleRunsPerMonth';

/**
 * Counts the runs per month of the legacy Cron node's `triggerTimes` and of polling triggers'
 * `pollTimes` (the same `item[]` of modes). A missing list is n8n's default: every minute for
 * polling (`defaultMode`), every day for the Cron node.
 */
export function cronTimesRunsPerMonth(times: unknown, defaultMode: string): ScheduleCount {
  const items = isRecord(times) && Array.isArray(times.item) ? times.item : [{ mode: defaultMode }];
  let total = 0;
  const words: string[] = [];
  for (const raw of items) {
    const item = isRecord(raw) ? raw : {};
    const mode = typeof item.mode === 'string' ? item.mode : 'everyDay';
    let runs: number;
    switch (mode) {
      case 'everyMinute': runs = 30 * 1440; break;
      case 'everyHour': runs = 30 * 24; break;
      case 'everyDay': runs = 30; break;
      case 'everyWeek': runs = 4; break;
      case 'everyMonth': runs = 1; break;
      case 'everyX': {
        const value = Number(item.value ?? 2);
        if (!Number.isFinite(value) || value < 1) return { ok: false, reason: `everyX value ${JSON.stringify(item.value)} is not a whole number ≥ 1` };
        runs = item.unit === 'minutes' ? (30 * 1440) / value : (30 * 24) / value;
        break;
      }
      case 'custom': {
        const expression = typeof item.cronExpression === 'string' ? item.cronExpression : '* * * * * *';
        const count = cronRunsPerMonth(expression);
        if (!count.ok) return { ok: false, reason: `cron expression "${expression}": ${count.reason}` };
        runs = count.runsPerMonth;
        break;
      }
      default:
        return { ok: false, reason: `unknown mode "${mode}"` };
    }
    total += runs;
    words.push(`${mode} (${round(runs)} a month)`);
  }
  return { ok: true, runsPerMonth: total, basis: words.join(' + ') };
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
