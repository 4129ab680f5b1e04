import type { Edge, Graph } from './buildGraph';

/** A Loop Over Items (`splitInBatches`) node and the edges that feed batches back into it. */
export interface LoopInfo {
  node: number;
  /** The output that emits each batch: 1 in v3 (`[done, loop]`), 0 in v1/v2 (one output). */
  loopOutput: number;
  /** The output that emits all items once the batches are done: 0 in v3, none in v1/v2. */
  doneOutput: number | undefined;
  /** Edges into the loop node from its own body (they carry the processed batch back). */
  backEdges: Set<Edge>;
  /** Nodes reachable from the loop output without passing through the loop node. */
  body: Set<number>;
  /**
   * v1/v2: the IF or Filter in the body that tests the loop's `noItemsLeft` and leaves the loop,
   * with the output that leaves (0 when it tests for true). The loop then runs once per batch.
   */
  exit?: { node: number; output: number };
}

export const LOOP_TYPE = 'n8n-nodes-base.splitInBatches';

/**
 * Finds each enabled Loop Over Items node's back edges: edges into it from nodes reachable from
 * its loop output without passing through the loop node itself.
 */
export function findLoops(graph: Graph): Map<number, LoopInfo> {
  const loops = new Map<number, LoopInfo>();
  graph.nodes.forEach((node, i) => {
    if (node.type !== LOOP_TYPE || node.disabled) return;
    const v3 = node.typeVersion >= 3;
    const loopOutput = v3 ? 1 : 0;
    const body = new Set<number>();
    const stack = (graph.out[i] as Edge[]).filter((e) => e.output === loopOutput).map((e) => e.to);
    while (stack.length) {
      const at = stack.pop() as number;
      if (at === i || body.has(at)) continue;
      body.add(at);
      for (const e of graph.out[at] as Edge[]) stack.push(e.to);
    }
    const backEdges = new Set((graph.in[i] as Edge[]).filter((e) => body.has(e.from)));
    loops.set(i, { node: i, loopOutput, doneOutput: v3 ? 0 : undefined, backEdges, body, exit: v3 ? undefined : exitOf(graph, body) });
  });
  return loops;
}

/** The `noItemsLeft` test of a v1/v2 loop body, and which of its outputs leaves the loop. */
function exitOf(graph: Graph, body: Set<number>): LoopInfo['exit'] {
  for (const i of body) {
    const node = graph.nodes[i];
    if (!node || (node.type !== 'n8n-nodes-base.if' && node.type !== 'n8n-nodes-base.filter')) continue;
    const conditions = JSON.stringify(node.parameters);
    if (!conditions.includes('noItemsLeft')) continue;
    // IF v1 compares with `value2` (false when left out); IF v2 names the operation.
    const testsTrue = /"value2":\s*true|"operation":\s*"true"/.test(conditions);
    return { node: i, output: testsTrue ? 0 : 1 };
  }
  return undefined;
}
