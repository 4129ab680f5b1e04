import { messages } from '../errors';
import type { Edge, Graph } from './buildGraph';
import { doneAfterBody } from './doneAfterBody';
import type { LoopInfo } from './findLoops';
import type { Finding } from './types';

/**
 * Orders the nodes so that every node comes after the nodes feeding it, ignoring loop back
 * edges, and each node after a loop's `done` output after the loop's body (`doneAfterBody`).
 * A cycle that no Loop Over Items node closes is broken at one edge, which is returned in
 * `cut` and reported: its nodes are counted once per pass, never infinitely.
 */
export function orderNodes(graph: Graph, loops: Map<number, LoopInfo>, findings: Finding[]): { order: number[]; cut: Set<Edge> } {
  const n = graph.nodes.length;
  const cut = new Set<Edge>();
  for (const loop of loops.values()) for (const e of loop.backEdges) cut.add(e);
  const pending = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) for (const e of graph.in[i] as Edge[]) if (!cut.has(e)) pending[i]++;
  const after = doneAfterBody(graph, loops);
  for (const waiting of after) for (const d of waiting) pending[d]++;
  const order: number[] = [];
  const done = new Array<boolean>(n).fill(false);
  const ready: number[] = [];
  for (let i = 0; i < n; i++) if (pending[i] === 0) ready.push(i);
  while (order.length < n) {
    while (ready.length) {
      const at = ready.pop() as number;
      done[at] = true;
      order.push(at);
      for (const e of graph.out[at] as Edge[]) {
        if (cut.has(e)) continue;
        if (--(pending[e.to] as number) === 0 && !done[e.to]) ready.push(e.to);
      }
      // A node entered to break a cycle is already ordered when its last wait ends.
      for (const d of after[at] as number[]) if (--(pending[d] as number) === 0 && !done[d]) ready.push(d);
    }
    if (order.length === n) break;
    // A cycle: enter it at its first remaining node (file order) and cut the edges closing it.
    const entry = done.findIndex((d, i) => !d && (pending[i] as number) > 0);
    const cycle = cycleThrough(graph, entry, done, cut);
    for (const e of graph.in[entry] as Edge[]) {
      if (!done[e.from] && !cut.has(e)) {
        cut.add(e);
        pending[entry]--;
      }
    }
    findings.push({ ruleId: 'estimate/cycle', severity: 'warning', range: (graph.nodes[entry] as Graph['nodes'][number]).range, node: graph.nodes[entry]?.name, message: messages.cycleOutsideLoop(cycle.map((i) => graph.nodes[i]?.name ?? '?')) });
    ready.push(entry);
  }
  for (const e of cut) e.cut = true;
  return { order, cut };
}

/** Names a cycle through `entry` for the finding (a path back to it among unfinished nodes). */
function cycleThrough(graph: Graph, entry: number, done: boolean[], cut: Set<Edge>): number[] {
  const previous = new Map<number, number>();
  const queue = [entry];
  for (let q = 0; q < queue.length; q++) {
    const at = queue[q] as number;
    for (const e of graph.out[at] as Edge[]) {
      if (cut.has(e) || done[e.to]) continue;
      if (e.to === entry) {
        const path = [entry];
        for (let back = at; back !== entry; back = previous.get(back) as number) path.splice(1, 0, back);
        return [...path, entry];
      }
      if (!previous.has(e.to)) {
        previous.set(e.to, at);
        queue.push(e.to);
      }
    }
  }
  return [entry];
}
