import { formatCredits, type CostChange } from '../pricing';

/** A `--baseline` cost change for JSON and SARIF, its amounts in fields named for their unit. */
export function changeJson(change: CostChange): Record<string, unknown> {
  const delta = change.delta;
  return {
    status: change.status,
    ...(change.before !== undefined ? { beforeMillicredits: change.before } : {}),
    afterMillicredits: change.after,
    deltaMillicredits: delta,
    ...(change.percent !== undefined ? { percent: change.percent } : {}),
    text: `${delta >= 0 ? '+' : '-'}${formatCredits(Math.abs(delta))} credits/month`,
  };
}
