/** How a workflow's projected monthly cost changed against a baseline copy (millicredits). */
export interface CostChange {
  status: 'added' | 'changed' | 'unchanged';
  before?: number;
  after: number;
  /** after − before (0 for `added`: there is nothing to compare with). */
  delta: number;
  /** Change in percent of `before`, one decimal; undefined when there is no baseline or it was 0. */
  percent?: number;
}

/**
 * Compares a projected cost with the baseline's (undefined: the workflow is new), the way cost
 * tools comment on pull requests: "+1,200 credits/month (+15.0%)".
 */
export function compareCost(after: number, before: number | undefined): CostChange {
  if (before === undefined) return { status: 'added', after, delta: 0 };
  const delta = after - before;
  const change: CostChange = { status: delta === 0 ? 'unchanged' : 'changed', before, after, delta };
  // A ratio for display, not an amount: one decimal is enough and no credits are rounded here.
  if (before > 0) change.percent = Math.round((delta * 1000) / before) / 10;
  return change;
}
