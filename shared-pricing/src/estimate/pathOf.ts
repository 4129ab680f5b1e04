import type { GroupResult } from './analyzeParsed';
import type { PathLink } from './model';
import { countRange } from './ranges';
import type { MultiplierStep } from './types';

/** The multiplier path of the trigger that matters most for this node, outermost first. */
export function pathOf(results: GroupResult[], i: number): MultiplierStep[] {
  let best: GroupResult | undefined;
  for (const r of results) if ((r.passes.expected.runs[i] as number) > 0 && (!best || r.weight > best.weight)) best = r;
  if (!best) return [];
  const steps: MultiplierStep[] = [];
  const lists = (['expected', 'min', 'max'] as const).map((s) => toArray(best.passes[s].path[i]));
  (lists[0] as PathLink[]).forEach((link, k) => {
    // A step missing from the min pass means the node is not reached there: its factor is 0.
    const bound = (list: PathLink[], missing: number) => (list[k] && list[k]?.node === link.node && list[k]?.kind === link.kind ? (list[k] as PathLink).factor : missing);
    steps.push({ kind: link.kind, node: link.node, description: link.description, factor: countRange(link.factor, bound(lists[1] as PathLink[], 0), bound(lists[2] as PathLink[], link.factor)) });
  });
  return steps;
}

function toArray(link: PathLink | undefined): PathLink[] {
  const out: PathLink[] = [];
  for (let at = link; at; at = at.prev) out.push(at);
  return out.reverse();
}
