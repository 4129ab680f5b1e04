import type { Edge } from './buildGraph';
import { assignSubNodes } from './assignSubNodes';
import { nodeOutputs } from './nodeOutputs';
import type { PassResult, PathLink, Scenario, WorkflowModel } from './model';

/**
 * Follows `main` connections from the entry triggers in topological order and counts how
 * often each node runs and how many items it handles, for one scenario: `expected` uses the
 * assumptions, `min` and `max` the bounds (branch shares 0 and 1, agent iterations 1 and max).
 * n8n's v1 order is modelled: a node runs once per run of each parent that sends it items,
 * a Merge once per pair of input runs.
 */
export function evaluatePass(model: WorkflowModel, entries: number[], scenario: Scenario): PassResult {
  const { graph, order, behaviours } = model;
  const n = graph.nodes.length;
  const result: PassResult = { runs: new Float64Array(n), inItems: new Float64Array(n), outItems: new Float64Array(n), calls: new Float64Array(n), path: new Array<PathLink | undefined>(n), loopState: new Map() };
  const flowRuns: number[][] = new Array(n);
  const flowItems: number[][] = new Array(n);
  const flowPath: Array<Array<PathLink | undefined>> = new Array(n);
  const entrySet = new Set(entries);
  const fedBack = new FedBack(model);
  for (const i of order) {
    const node = graph.nodes[i] as WorkflowModel['graph']['nodes'][number];
    const behaviour = behaviours[i] as WorkflowModel['behaviours'][number];
    let runs = 0;
    let items = 0;
    let path: PathLink | undefined;
    if (entrySet.has(i)) {
      runs = 1;
      items = behaviour.kind === 'trigger' ? behaviour.items : 1;
      if (behaviour.kind === 'trigger' && behaviour.items !== 1) path = { kind: 'trigger-items', node: node.name, description: `${node.name} emits ${behaviour.items} items`, factor: behaviour.items, prev: undefined };
    } else if (behaviour.kind !== 'trigger' || graph.parentOf[i] >= 0) {
      const byInput: number[] = [];
      const itemsByInput: number[] = [];
      let best = -1;
      for (const e of graph.in[i] as Edge[]) {
        // Loop back edges and edges that close a cycle feed no new run (see orderNodes).
        if (e.cut) continue;
        const it = fedBack.doneItems(e) ?? flowItems[e.from]?.[e.output] ?? 0;
        const r = it > 0 ? (flowRuns[e.from]?.[e.output] ?? 0) : 0;
        byInput[e.input] = (byInput[e.input] ?? 0) + r;
        itemsByInput[e.input] = (itemsByInput[e.input] ?? 0) + it;
        if (r > best) {
          best = r;
          path = flowPath[e.from]?.[e.output];
        }
      }
      if (behaviour.kind === 'merge') {
        for (const r of byInput) runs = Math.max(runs, r ?? 0);
        if (behaviour.mode === 'append') for (const it of itemsByInput) items += it ?? 0;
        else if (behaviour.mode === 'choose') items = itemsByInput[behaviour.choose] ?? 0;
        else for (const it of itemsByInput) items = Math.max(items, it ?? 0);
      } else {
        for (const r of byInput) runs += r ?? 0;
        for (const it of itemsByInput) items += it ?? 0;
      }
    }
    if (runs <= 0) {
      fedBack.record(i, []);
      continue;
    }
    if (node.executeOnce && !node.disabled && items > runs) {
      path = { kind: 'execute-once', node: node.name, description: `${node.name} runs once per run with its first item`, factor: runs / items, prev: path };
      items = runs;
    }
    result.runs[i] = runs;
    result.inItems[i] = items;
    result.path[i] = path;
    const outputs = nodeOutputs(model, i, runs, items, path, scenario, result.loopState);
    flowRuns[i] = outputs.runs;
    flowItems[i] = outputs.items;
    flowPath[i] = outputs.path;
    fedBack.record(i, outputs.items);
    // A branch node splits its input: what it outputs in all is what it received.
    let total = behaviour.kind === 'branch' ? items : 0;
    if (behaviour.kind !== 'branch') for (const it of outputs.items) total += it ?? 0;
    result.outItems[i] = total;
    if (outputs.nodeRuns !== undefined) result.runs[i] = outputs.nodeRuns;
    const p = node.parameters;
    if (node.type === 'n8n-nodes-base.executeWorkflow') result.calls[i] = p.mode === 'each' ? items : runs;
    else result.calls[i] = items;
  }
  fedBack.settle(result);
  assignSubNodes(model, result, scenario);
  return result;
}

/**
 * What a v3 Loop Over Items emits on `done`: n8n collects every item fed back into the loop and
 * emits them all when no batch is left — the body's output, not the loop's input (a body that
 * fans out, or an inner loop, changes the count). Back-edge sources are ordered before the
 * `done` branch (`doneAfterBody`); a loop whose body was not all counted yet keeps its input items.
 */
class FedBack {
  private readonly items = new Map<number, number>();
  private readonly waiting = new Map<number, number>();

  constructor(private readonly model: WorkflowModel) {
    for (const loop of model.loops.values()) {
      if (loop.doneOutput === undefined || loop.backEdges.size === 0) continue;
      this.items.set(loop.node, 0);
      this.waiting.set(loop.node, new Set([...loop.backEdges].map((e) => e.from)).size);
    }
  }

  /** After node `from` is counted: adds what it sends back into loops. */
  record(from: number, outputs: number[]): void {
    const loops = new Set<number>();
    for (const e of this.model.graph.out[from] as Edge[]) {
      if (!this.model.loops.get(e.to)?.backEdges.has(e) || !this.items.has(e.to)) continue;
      this.items.set(e.to, (this.items.get(e.to) as number) + (outputs[e.output] ?? 0));
      loops.add(e.to);
    }
    for (const loop of loops) this.waiting.set(loop, (this.waiting.get(loop) as number) - 1);
  }

  /** The items on a loop's `done` edge, or undefined for any other edge (or a body not yet counted). */
  doneItems(e: Edge): number | undefined {
    if (this.model.loops.get(e.from)?.doneOutput !== e.output || this.waiting.get(e.from) !== 0) return undefined;
    return this.items.get(e.from);
  }

  /** A loop's own output items: its batches plus what `done` really emits. */
  settle(result: PassResult): void {
    for (const [node, items] of this.items) {
      if (this.waiting.get(node) !== 0 || !(result.runs[node] as number > 0)) continue;
      result.outItems[node] = (result.inItems[node] as number) + items;
    }
  }
}
