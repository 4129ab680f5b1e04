import { classifyNode } from '../../../shared-pricing/src/price-book/classifyNode';
import type { Plan } from '../../../shared-pricing/src/plans/types';
import { priceBookOf } from '../http/pricing';

/**
 * The cost class the workspace's price book gives each node type (`http`, `ai-llm`, `trigger`, …), which the
 * page shows as the node's icon: the price book already sorts every type, so the page does not keep a list.
 */
export function nodeClassesOf(plan: Plan, types: string[]): Record<string, string> {
  const book = priceBookOf(plan);
  const classes: Record<string, string> = {};
  for (const type of new Set(types)) if (type) classes[type] = classifyNode({ type }, book).className;
  return classes;
}
