// Our own cron reading, not croner or cron-parser: shared-pricing is compiled into the community package
// (n8n-nodes-credits), which must keep zero runtime dependencies; estimation needs counts per month, not next dates.
const FIELDS = [
  { name: 'second', min: 0, max: 59, names: [] as string[] },
  { name: 'minute', min: 0, max: 59, names: [] as string[] },
  { name: 'hour', min: 0, max: 23, names: [] as string[] },
  { name: 'day of month', min: 1, max: 31, names: [] as string[] },
  { name: 'month', min: 1, max: 12, names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] },
  { name: 'day of week', min: 0, max: 7, names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] },
];

/** The result of counting a cron expression's runs. */
export type CronCount = { ok: true; runsPerMonth: number; weekly: boolean; perDay: number } | { ok: false; reason: string };

/**
 * Counts the runs per month of a cron expression (5 fields, or 6 with seconds first), without
 * a cron library. A month is 4 weeks when only weekdays are restricted, 30 days otherwise;
 * restricted days of month count once each; restricted months scale by months / 12.
 * When both days of month and weekdays are restricted, cron runs on either, so both add up.
 */
export function cronRunsPerMonth(expression: string): CronCount {
  const parts = expression.trim().split(/\s+/);
  if (parts.length === 5) parts.unshift('0');
  if (parts.length !== 6) return { ok: false, reason: `expected 5 or 6 fields, got ${parts.length}` };
  const sets: Array<Set<number>> = [];
  for (let i = 0; i < 6; i++) {
    const parsed = parseField(parts[i] as string, FIELDS[i] as (typeof FIELDS)[number]);
    if (typeof parsed === 'string') return { ok: false, reason: parsed };
    sets.push(parsed);
  }
  const [seconds, minutes, hours, days, months, weekdays] = sets as [Set<number>, Set<number>, Set<number>, Set<number>, Set<number>, Set<number>];
  if (weekdays.has(7)) weekdays.add(0);
  weekdays.delete(7);
  const perDay = seconds.size * minutes.size * hours.size;
  const anyDay = isStar(parts[3] as string);
  const anyWeekday = isStar(parts[5] as string);
  const monthShare = months.size / 12;
  let daysPerMonth: number;
  if (anyDay && anyWeekday) daysPerMonth = 30;
  else if (anyDay) daysPerMonth = weekdays.size * 4;
  else if (anyWeekday) daysPerMonth = days.size;
  else daysPerMonth = days.size + weekdays.size * 4;
  const weekly = anyDay && !anyWeekday && monthShare === 1;
  return { ok: true, runsPerMonth: perDay * daysPerMonth * monthShare, weekly, perDay };
}

function isStar(field: string): boolean {
  return field === '*' || field === '?';
}

/** The values a field allows, or a reason it cannot be read. */
function parseField(field: string, spec: (typeof FIELDS)[number]): Set<number> | string {
  const values = new Set<number>();
  for (const part of field.split(',')) {
    const match = /^(\*|\?|[A-Za-z0-9]+)(?:-([A-Za-z0-9]+))?(?:\/(\d+))?$/.exec(part);
    if (!match) return `cannot read ${spec.name} "${part}"`;
    const star = match[1] === '*' || match[1] === '?';
    const from = star ? spec.min : value(match[1] as string, spec);
    const to = match[2] !== undefined ? value(match[2], spec) : star || match[3] !== undefined ? (star ? spec.max : spec.max) : from;
    const step = match[3] !== undefined ? Number(match[3]) : 1;
    if (from === undefined || to === undefined) return `${spec.name} "${part}" is outside ${spec.min}-${spec.max}`;
    if (step < 1) return `${spec.name} step must be at least 1`;
    if (to < from) return `${spec.name} range "${part}" runs backwards`;
    for (let v = from; v <= to; v += step) values.add(v);
  }
  return values;
}

function value(text: string, spec: (typeof FIELDS)[number]): number | undefined {
  const named = spec.names.indexOf(text.toUpperCase());
  const n = named >= 0 ? named + (spec.name === 'month' ? 1 : 0) : /^\d+$/.test(text) ? Number(text) : NaN;
  return Number.isInteger(n) && n >= spec.min && n <= spec.max ? n : undefined;
}
