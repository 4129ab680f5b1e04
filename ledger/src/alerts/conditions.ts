import { formatCredits } from '../../../shared-pricing/src/money/formatCredits';
import type { ActiveAlert, BalanceCard, WorkflowUsage } from '../store/types';
import type { AlertSettings } from './settings';

export type AlertEvent = 'threshold' | 'below-credits' | 'depleted' | 'renewed' | 'daily-limit' | 'circuit-open' | 'spike';

/** What the evaluator read about a workspace at one instant. */
export interface AlertFacts {
  card: Pick<BalanceCard, 'totalAvailable' | 'allocation' | 'periodStart' | 'resetsAt' | 'dailyLimit' | 'dailyRemaining' | 'dailyResetsAt'>;
  /** Today's key (`YYYY-MM-DD`) in the workspace's zone. */
  day: string;
  openCircuits: string[];
  /** Consumption per workflow today, and over the `spikeDays` days before today (both in the workspace's zone). */
  today: WorkflowUsage[];
  trailing: WorkflowUsage[];
}

/** An alert condition that holds, with what its delivery says. */
export interface AlertCondition extends ActiveAlert {
  event: AlertEvent;
  message: string;
  data: Record<string, unknown>;
}

const credits = (m: number) => `${formatCredits(m, { grouping: true })} credits`;

/**
 * Every enabled alert condition that holds now. Balance alerts count per period, the daily limit and spikes per
 * day (the scope: a new period or day re-arms them); `renewed` holds always and fires when its period changes.
 * Amounts compare as BigInt: a percentage of a 10^15 allocation is past 2^53.
 */
export function alertConditions(settings: AlertSettings, facts: AlertFacts): AlertCondition[] {
  const { card } = facts;
  const period = card.periodStart;
  const out: AlertCondition[] = [];
  const available = BigInt(card.totalAvailable);
  const allocation = BigInt(card.allocation);
  for (const t of settings.thresholds) {
    // Used up t% of the allocation ⇔ available ≤ (100 − t)% of it; top-ups lift the balance and re-arm it.
    if (allocation > 0n && available * 100n <= (100n - BigInt(t)) * allocation) {
      out.push({ key: `threshold:${t}`, scope: period, event: 'threshold', message: `${t}% of the allocation is used: ${credits(card.totalAvailable)} of ${credits(card.allocation)} left`, data: { threshold: t } });
    }
  }
  if (settings.belowMillicredits !== null && card.totalAvailable < settings.belowMillicredits) {
    out.push({ key: 'below', scope: period, event: 'below-credits', message: `Fewer than ${credits(settings.belowMillicredits)} left: ${credits(card.totalAvailable)}`, data: { belowMillicredits: settings.belowMillicredits } });
  }
  if (settings.events.depleted && card.totalAvailable <= 0) {
    out.push({ key: 'depleted', scope: period, event: 'depleted', message: `Credits are used up until ${card.resetsAt}`, data: {} });
  }
  if (settings.events.renewed) {
    out.push({ key: 'renewed', scope: period, learnFirst: true, event: 'renewed', message: `A new period started on ${period}: ${credits(card.totalAvailable)} available`, data: {} });
  }
  if (settings.events.dailyLimit && card.dailyLimit !== null && card.dailyRemaining !== null && card.dailyRemaining <= 0) {
    out.push({ key: 'daily-limit', scope: facts.day, event: 'daily-limit', message: `The daily limit of ${credits(card.dailyLimit)} is reached until ${card.dailyResetsAt}`, data: { dailyLimit: card.dailyLimit } });
  }
  if (settings.events.circuitOpen) {
    for (const workflowId of facts.openCircuits) {
      out.push({ key: `circuit:${workflowId}`, scope: '', event: 'circuit-open', message: `Workflow ${workflowId} failed too often in a row: its charges are refused`, data: { workflowId } });
    }
  }
  if (settings.spikeFactor !== null) out.push(...spikes(settings.spikeFactor, settings.spikeDays, facts));
  return out;
}

function spikes(factor: number, days: number, facts: AlertFacts): AlertCondition[] {
  const trailing = new Map(facts.trailing.map((w) => [w.workflowId, w.millicredits]));
  // today > factor × (sum / days) ⇔ today × days × 100 > round(factor × 100) × sum: the factor counts to 1/100.
  const hundredths = BigInt(Math.round(factor * 100));
  const out: AlertCondition[] = [];
  for (const w of facts.today) {
    const sum = trailing.get(w.workflowId) ?? 0;
    if (sum <= 0 || BigInt(w.millicredits) * BigInt(days) * 100n <= hundredths * BigInt(sum)) continue;
    const average = Math.round(sum / days);
    out.push({
      key: `spike:${w.workflowId}`, scope: facts.day, event: 'spike',
      message: `Workflow ${w.workflowName ?? w.workflowId} used ${credits(w.millicredits)} today, more than ${factor} × its average day (${credits(average)})`,
      data: { workflowId: w.workflowId, workflowName: w.workflowName, todayMillicredits: w.millicredits, averageMillicredits: average, factor, days },
    });
  }
  return out;
}
