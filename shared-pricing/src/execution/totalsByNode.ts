import type { Charge } from './types';

/** Sums charges per node name (the nominal charge under `(execution)`), in first-seen order. */
export function totalsByNode(charges: readonly Charge[]): Map<string, number> {
  const totals = new Map<string, number>();
  for (const charge of charges) totals.set(charge.nodeName, (totals.get(charge.nodeName) ?? 0) + charge.millicredits);
  return totals;
}
