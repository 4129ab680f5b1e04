import type { GroupResult } from './analyzeParsed';
import type { Scenario } from './model';

/** What `combineGroups` reads of a node in each pass. */
export type Measure = 'runs' | 'outItems' | 'calls' | 'perRun' | 'own' | 'sub';

function measure(r: GroupResult, what: Measure, s: Scenario, i: number): number {
  if (what === 'own' || what === 'sub') return r[what][s][i] as number;
  const pass = r.passes[s];
  if (what !== 'perRun') return pass[what][i] as number;
  const runs = pass.runs[i] as number;
  return runs > 0 ? (pass.outItems[i] as number) / runs : 0;
}

/**
 * One measure of node `i` across entry groups (triggers): `expected` weighted by each trigger's
 * share of runs per month, `min` the least and `max` the most any trigger gives.
 */
export function combineGroups(results: GroupResult[], what: Measure, i: number): [number, number, number] {
  if (results.length === 0) return [0, 0, 0];
  let expected = 0;
  let min = Infinity;
  let max = 0;
  for (const r of results) {
    expected += r.weight * measure(r, what, 'expected', i);
    min = Math.min(min, measure(r, what, 'min', i));
    max = Math.max(max, measure(r, what, 'max', i));
  }
  return [expected, min, max];
}

