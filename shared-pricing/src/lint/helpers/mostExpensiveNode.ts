import type { NodeEstimate } from '../../estimate/types';

/** The top-level node (not a sub-node) with the highest expected total cost, or undefined. */
export function mostExpensiveNode(nodes: readonly NodeEstimate[]): NodeEstimate | undefined {
  let top: NodeEstimate | undefined;
  for (const node of nodes) {
    if (node.parent !== undefined) continue;
    if (!top || node.totalCredits.expected > top.totalCredits.expected) top = node;
  }
  return top;
}
