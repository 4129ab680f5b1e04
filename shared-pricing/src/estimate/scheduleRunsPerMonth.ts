import { cronRunsPerMonth } from './cronRunsPerMonth';

/** Runs per month of a schedule, with the words that explain it, or why it cannot be read. */
export type ScheduleCount = { ok: true; runsPerMonth: number; basis: string } | { ok: false; reason: string };

const DAY = 30;
const WEEKS = 4;

/**
 * Counts the runs per month of a Schedule Trigger's `rule.interval[]` (n8n omits defaults, so
 * a missing `field` is `days`). Weekly rules count a month as 4 weeks, all others as 30 days.
 */
export function scheduleRunsPerMonth(rule: unknown): ScheduleCount {
  const intervals = isRecord(rule) && Array.isArray(rule.interval) ? rule.interval : [{}];
  let total = 0;
  const words: string[] = [];
  for (const raw of intervals) {
    const one = intervalRuns(isRecord(raw) ? raw : {});
    if (!one.ok) return one;
    total += one.runsPerMonth;
    words.push(one.basis);
  }
  return { ok: true, runsPerMonth: total, basis: words.join(' + ') };
}

function intervalRuns(item: Record<string, unknown>): ScheduleCount {
  const field = typeof item.field === 'string' ? item.field : 'days';
  const every = (key: string, fallback: number): number | undefined => {
    const n = item[key] === undefined ? fallback : Number(item[key]);
    return Number.isFinite(n) && n >= 1 ? n : undefined;
  };
  const bad = (key: string): ScheduleCount => ({ ok: false, reason: `${key} ${JSON.stringify(item[key])} is not a whole number ≥ 1` });
  switch (field) {
    case 'seconds': {
      const n = every('secondsInterval', 30);
      return n ? { ok: true, runsPerMonth: (DAY * 86400) / n, basis: `every ${n} s × 30 days` } : bad('secondsInterval');
    }
    case 'minutes': {
      const n = every('minutesInterval', 5);
      return n ? { ok: true, runsPerMonth: (DAY * 1440) / n, basis: `every ${n} min × 30 days` } : bad('minutesInterval');
    }
    case 'hours': {
      const n = every('hoursInterval', 1);
      return n ? { ok: true, runsPerMonth: (DAY * 24) / n, basis: `every ${n} h × 30 days` } : bad('hoursInterval');
    }
    case 'days': {
      const n = every('daysInterval', 1);
      return n ? { ok: true, runsPerMonth: DAY / n, basis: `every ${n} day(s) at ${at(item)} × 30 days` } : bad('daysInterval');
    }
    case 'weeks': {
      const n = every('weeksInterval', 1);
      const days = Array.isArray(item.triggerAtDay) ? item.triggerAtDay.length : 1;
      return n ? { ok: true, runsPerMonth: (days * WEEKS) / n, basis: `${days} a week every ${n} week(s) at ${at(item)} × 4 weeks` } : bad('weeksInterval');
    }
    case 'months': {
      const n = every('monthsInterval', 1);
      return n ? { ok: true, runsPerMonth: 1 / n, basis: `every ${n} month(s)` } : bad('monthsInterval');
    }
    case 'cronExpression': {
      const expression = typeof item.expression === 'string' ? item.expression : '';
      const count = cronRunsPerMonth(expression);
      return count.ok ? { ok: true, runsPerMonth: count.runsPerMonth, basis: `cron "${expression}"` } : { ok: false, reason: `cron expression "${expression}": ${count.reason}` };
    }
    default:
      return { ok: false, reason: `unknown interval field "${field}"` };
  }
}

function at(item: Record<string, unknown>): string {
  const hour = typeof item.triggerAtHour === 'number' ? item.triggerAtHour : 0;
  const minute = typeof item.triggerAtMinute === 'number' ? item.triggerAtMinute : 0;
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
