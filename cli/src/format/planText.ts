import { formatCredits, type Plan, type TopUpLifetime } from '../pricing';

/** Exact credits with separators: plan amounts are set by hand, so they are printed whole, not rounded for reading. */
function credits(millicredits: number): string {
  return `${formatCredits(millicredits, { grouping: true })} credits`;
}

function lifetime(l: TopUpLifetime): string {
  return l.kind === 'plan' ? 'until the plan ends' : l.kind === 'period' ? 'until the period ends' : `${l.days} days`;
}

/**
 * `plan show --format text`: the plan as a person checks it, one rule a line. The JSON (the default) stays the plan
 * file itself, which `plan set --file` reads back; `formatPrice` is the ledger's, passed in so this file stays a
 * formatter that loads nothing.
 */
export function formatPlanText(plan: Plan, formatPrice: (cents: number, currency: string) => string): string {
  const packs = plan.topUps.packs.map((p) => `${p.id} ${credits(p.millicredits)} for ${formatPrice(p.price, p.currency)}`);
  const rows: Array<[string, string]> = [
    ['plan', `${plan.name}${plan.description ? ` (${plan.description})` : ''}`],
    ['price book', plan.priceBook],
    ['allocation', `${credits(plan.allocation)} ${plan.cycle === 'yearly' ? 'a year' : 'a month'}`],
    ['daily limit', plan.dailyLimit === null ? 'none' : credits(plan.dailyLimit)],
    ['rollover cap', plan.rolloverCap === 0 ? 'no rollover' : credits(plan.rolloverCap)],
    ['top-up packs', packs.length === 0 ? 'none' : packs.join('; ')],
    ['top-ups last', lifetime(plan.topUps.lifetime)],
    ['at zero', plan.exhaustion === 'pause' ? `pause (admits on the ${plan.admissionEstimate ?? 'expected'} estimate)` : plan.exhaustion],
    ['editor runs', plan.editorRunsFree ? 'free' : 'charged'],
    ['failed step', plan.chargeFailedStep ? 'charged' : 'not charged'],
    ['circuit breaker', plan.consecutiveFailureLimit === null ? 'none' : `after ${plan.consecutiveFailureLimit} failed executions in a row`],
    ['member shares', plan.memberAllocations ? 'yes' : 'no'],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  return rows.map(([label, value]) => `${label.padEnd(width)}  ${value}\n`).join('');
}
