import type { Edge, Graph } from './buildGraph';
import type { LoopInfo } from './findLoops';

/**
 * Orderings the connections do not state: a v3 Loop Over Items emits on `done` every item fed back
 * into it, so each node after `done` must be counted after the nodes that feed the loop back.
 * Returns, per node, the nodes that must wait for it. A pair that would close a cycle (a `done`
 * branch leading back into the body) is left out: that node then sees the loop's input items.
 */
export function doneAfterBody(graph: Graph, loops: Map<number, LoopInfo>): number[][] {
  const after: number[][] = graph.nodes.map(() => []);
  const back = new Set<Edge>();
  for (const loop of loops.values()) for (const e of loop.backEdges) back.add(e);
  for (const loop of loops.values()) {
    if (loop.doneOutput === undefined || loop.backEdges.size === 0) continue;
    const sources = new Set([...loop.backEdges].map((e) => e.from));
    for (const e of graph.out[loop.node] ?? []) {
      if (e.output !== loop.doneOutput || back.has(e)) continue;
      const reached = reachable(graph, e.to, back);
      for (const s of sources) if (s !== e.to && !reached.has(s)) (after[s] as number[]).push(e.to);
    }
  }
  return after;
}

/** Nodes reachable from `start` along `main` edges, loop back edges left out. */
function reachable(graph: Graph, start: number, back: Set<Edge>): Set<number> {
  const seen = new Set<number>([start]);
  const stack = [start];
  while (stack.length) {
    for (const e of graph.out[stack.pop() as number] ?? []) {
      if (back.has(e) || seen.has(e.to)) continue;
      seen.add(e.to);
      stack.push(e.to);
    }
  }
  return seen;
}
