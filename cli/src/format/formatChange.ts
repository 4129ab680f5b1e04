import { formatCredits, type CostChange } from '../pricing';

/** "120 → 150 credits/month (+30, +25%)", "new: 150 credits/month", "unchanged: 150 credits/month". */
export function formatChange(change: CostChange): string {
  if (change.status === 'added') return `new workflow: ${formatCredits(change.after)} credits/month`;
  if (change.status === 'unchanged') return `unchanged: ${formatCredits(change.after)} credits/month`;
  const sign = change.delta > 0 ? '+' : '-';
  const percent = change.percent === undefined ? '' : `, ${sign}${Math.abs(change.percent)}%`;
  return `${formatCredits(change.before ?? 0)} → ${formatCredits(change.after)} credits/month (${sign}${formatCredits(Math.abs(change.delta))}${percent})`;
}
