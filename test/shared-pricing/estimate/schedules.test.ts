import { strict as assert } from 'node:assert';
import { cronRunsPerMonth, cronTimesRunsPerMonth, scheduleRunsPerMonth } from '../../../shared-pricing/src/estimate';

const runs = (count: { ok: boolean; runsPerMonth?: number; reason?: string }) => (count.ok ? count.runsPerMonth : count.reason);

describe('cronRunsPerMonth', () => {
  const cases: Array<[string, number | string]> = [
    ['0 10,18 * * 1', 8],
    ['0 0 * * *', 30],
    ['*/5 * * * *', 8640],
    ['0 */2 * * *', 360],
    ['0 9 1,15 * *', 2],
    ['0 0 9 * * MON-FRI', 20],
    ['30 8 * * SUN,SAT', 8],
    ['0 0 1 */3 *', 1 / 3],
    ['0 0 1 * 1', 5],
    ['*/30 * * * * *', 86400],
    ['61 * * * *', 'minute "61" is outside 0-59'],
    ['* * *', 'expected 5 or 6 fields, got 3'],
    ['5-1 * * * *', 'minute range "5-1" runs backwards'],
  ];
  for (const [expression, expected] of cases) {
    it(`counts "${expression}" as ${typeof expected === 'number' ? expected.toFixed(2) + ' a month' : 'unreadable'}`, () => {
      assert.equal(runs(cronRunsPerMonth(expression)), expected);
    });
  }
});

describe('scheduleRunsPerMonth', () => {
  const cases: Array<[string, unknown, number | string]> = [
    ['every Monday at 10:00 and 18:00 (two weekly rules)', { interval: [{ field: 'weeks', triggerAtDay: [1], triggerAtHour: 10 }, { field: 'weeks', triggerAtDay: [1], triggerAtHour: 18 }] }, 8],
    ['every 24 hours', { interval: [{ field: 'hours', hoursInterval: 24 }] }, 30],
    ['a rule with n8n defaults left out (every day)', { interval: [{}] }, 30],
    ['no rule at all (every day)', undefined, 30],
    ['every 30 seconds by default', { interval: [{ field: 'seconds' }] }, 86400],
    ['every 5 minutes by default', { interval: [{ field: 'minutes' }] }, 8640],
    ['every 15 minutes', { interval: [{ field: 'minutes', minutesInterval: 15 }] }, 2880],
    ['every 2 days', { interval: [{ field: 'days', daysInterval: 2 }] }, 15],
    ['Monday, Wednesday and Friday every 2 weeks', { interval: [{ field: 'weeks', weeksInterval: 2, triggerAtDay: [1, 3, 5] }] }, 6],
    ['every 3 months', { interval: [{ field: 'months', monthsInterval: 3 }] }, 1 / 3],
    ['a cron rule', { interval: [{ field: 'cronExpression', expression: '0 10,18 * * 1' }] }, 8],
    ['a zero interval', { interval: [{ field: 'hours', hoursInterval: 0 }] }, 'hoursInterval 0 is not a whole number ≥ 1'],
    ['an unknown field', { interval: [{ field: 'fortnights' }] }, 'unknown interval field "fortnights"'],
  ];
  for (const [what, rule, expected] of cases) {
    it(`counts ${what}`, () => {
      assert.equal(runs(scheduleRunsPerMonth(rule)), expected);
    });
  }
});

describe('cronTimesRunsPerMonth', () => {
  const cases: Array<[string, unknown, string, number | string]> = [
    ['the legacy Cron node default (every day)', undefined, 'everyDay', 30],
    ['a polling trigger default (every minute)', undefined, 'everyMinute', 43200],
    ['every hour plus every week', { item: [{ mode: 'everyHour' }, { mode: 'everyWeek', weekday: '1' }] }, 'everyDay', 724],
    ['every 10 minutes', { item: [{ mode: 'everyX', value: 10, unit: 'minutes' }] }, 'everyDay', 4320],
    ['every 6 hours', { item: [{ mode: 'everyX', value: 6, unit: 'hours' }] }, 'everyDay', 120],
    ['every month', { item: [{ mode: 'everyMonth' }] }, 'everyDay', 1],
    ['a custom 6-field cron', { item: [{ mode: 'custom', cronExpression: '0 0 9 * * 1' }] }, 'everyDay', 4],
    ['an unknown mode', { item: [{ mode: 'sometimes' }] }, 'everyDay', 'unknown mode "sometimes"'],
  ];
  for (const [what, times, fallback, expected] of cases) {
    it(`counts ${what}`, () => {
      assert.equal(runs(cronTimesRunsPerMonth(times, fallback)), expected);
    });
  }
});
