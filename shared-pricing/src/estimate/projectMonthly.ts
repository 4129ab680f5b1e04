import type { GroupResult } from './analyzeParsed';
import type { ParsedNode } from './parseWorkflowText';
import { countRange, creditRange } from './ranges';
import type { MonthlyProjection } from './types';

/**
 * The monthly projection: each trigger's runs per month times the cost of an execution it
 * starts, summed over triggers. Polling triggers may find nothing, so their minimum is 0 runs.
 */
export function projectMonthly(results: GroupResult[], triggers: Array<ParsedNode | undefined>, noTrigger: boolean, expected: number[], mins: number[], maxs: number[]): MonthlyProjection {
  let runs = 0;
  let runsMin = 0;
  let credits = 0;
  let creditsMin = 0;
  let creditsMax = 0;
  results.forEach((r, g) => {
    runs += r.projection.runsPerMonth;
    runsMin += r.projection.min;
    credits += r.projection.runsPerMonth * (expected[g] as number);
    creditsMin += r.projection.min * (mins[g] as number);
    creditsMax += r.projection.runsPerMonth * (maxs[g] as number);
  });
  const list = results.map((r, g) => ({
    node: noTrigger ? '(no trigger)' : (triggers[g]?.name ?? ''),
    type: noTrigger ? '' : (triggers[g]?.type ?? ''),
    runsPerMonth: r.projection.runsPerMonth,
    basis: r.projection.basis,
    source: r.projection.source,
  }));
  return {
    runsPerMonth: countRange(runs, runsMin, runs),
    basis: list.length ? list.map((t) => (list.length > 1 ? `${t.node}: ${t.basis}` : t.basis)).join('; ') : 'no trigger and no node to start from',
    triggers: list,
    credits: creditRange(credits, creditsMin, creditsMax),
  };
}
