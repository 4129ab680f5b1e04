import type { GroupResult } from './analyzeParsed';
import type { PathLink } from './model';
import { countRange } from './ranges';
import type { MultiplierStep } from './types';

/**
 * Steps already built in one analysis, by the links they come from (expected, min, max pass):
 * nodes down a chain share their path's prefix, so each step is built once, not once per node.
 */
export type StepCache = Map<PathLink, Map<PathLink | undefined, Map<PathLink | undefined, MultiplierStep>>>;

/** The multiplier path of the trigger that matters most for this node, outermost first. */
export function pathOf(results: GroupResult[], i: number, cache: StepCache = new Map()): MultiplierStep[] {
  let best: GroupResult | undefined;
  for (const r of results) if ((r.passes.expected.runs[i] as number) > 0 && (!best || r.weight > best.weight)) best = r;
  if (!best) return [];
  const expected = toArray(best.passes.expected.path[i]);
  const min = toArray(best.passes.min.path[i]);
  const max = toArray(best.passes.max.path[i]);
  const steps: MultiplierStep[] = new Array<MultiplierStep>(expected.length);
  for (let k = 0; k < expected.length; k++) {
    const link = expected[k] as PathLink;
    // Only a link of the same node and kind at the same place bounds this step (see stepOf).
    const low = same(min[k], link) ? min[k] : undefined;
    const high = same(max[k], link) ? max[k] : undefined;
    let byLow = cache.get(link);
    if (!byLow) cache.set(link, (byLow = new Map()));
    let byHigh = byLow.get(low);
    if (!byHigh) byLow.set(low, (byHigh = new Map()));
    let step = byHigh.get(high);
    if (!step) byHigh.set(high, (step = stepOf(link, low, high)));
    steps[k] = step;
  }
  return steps;
}

/** A step missing from the min pass means the node is not reached there: its factor is 0; missing from max, the expected factor. */
function stepOf(link: PathLink, low: PathLink | undefined, high: PathLink | undefined): MultiplierStep {
  return { kind: link.kind, node: link.node, description: link.description, factor: countRange(link.factor, low ? low.factor : 0, high ? high.factor : link.factor) };
}

function same(other: PathLink | undefined, link: PathLink): boolean {
  return other !== undefined && other.node === link.node && other.kind === link.kind;
}

function toArray(link: PathLink | undefined): PathLink[] {
  let length = 0;
  for (let at = link; at; at = at.prev) length++;
  const out = new Array<PathLink>(length);
  for (let at = link; at; at = at.prev) out[--length] = at;
  return out;
}
