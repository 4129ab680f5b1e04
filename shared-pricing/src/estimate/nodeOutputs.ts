import type { Edge } from './buildGraph';
import type { LoopInfo } from './findLoops';
import type { PassResult, PathLink, Scenario, WorkflowModel } from './model';

/** The most items or runs an estimate counts on one connection. */
export const COUNT_CAP = 1e12;

/** What leaves a node's outputs in one pass: runs and items per output, and the node's own runs when they differ. */
export interface Outputs {
  runs: number[];
  items: number[];
  path: Array<PathLink | undefined>;
  /** A loop node runs more often than it is entered. */
  nodeRuns?: number;
}

/**
 * Applies a node's behaviour to what it received: loops split into batches, branches share
 * items between outputs, fan-outs multiply items; disabled nodes pass their input through
 * output 0 as n8n does. An output's runs fall when it may receive no items: with share `s`
 * and `k` items per run, a run sends something with probability 1 − (1 − s)^k.
 */
export function nodeOutputs(model: WorkflowModel, i: number, runs: number, items: number, path: PathLink | undefined, scenario: Scenario, loopState: PassResult['loopState']): Outputs {
  const node = model.graph.nodes[i] as WorkflowModel['graph']['nodes'][number];
  const behaviour = model.behaviours[i] as WorkflowModel['behaviours'][number];
  let used = 1;
  for (const e of model.graph.out[i] as Edge[]) used = Math.max(used, e.output + 1);
  const out: Outputs = { runs: new Array<number>(used).fill(runs), items: new Array<number>(used).fill(items), path: new Array<PathLink | undefined>(used).fill(path) };
  if (node.disabled) {
    for (let o = 1; o < used; o++) out.runs[o] = out.items[o] = 0;
    return out;
  }
  const perRun = items / runs;
  switch (behaviour.kind) {
    case 'loop':
      return loopOutputs(model, i, runs, items, path, out, loopState);
    case 'branch':
      if (exitOutputs(model, i, runs, items, path, out, loopState)) break;
      for (let o = 0; o < used; o++) {
        const expected = behaviour.shares[o] ?? 0;
        const share = scenario === 'expected' ? expected : scenario === 'min' ? (expected >= 1 ? 1 : 0) : expected > 0 ? 1 : 0;
        out.items[o] = items * share;
        out.runs[o] = runs * (1 - Math.pow(1 - share, perRun));
        out.path[o] = { kind: 'branch', node: node.name, description: `${node.name} output ${o}: share ${fmt(expected)} (${behaviour.words})`, factor: share, prev: path };
      }
      return out;
    case 'fan-out':
      out.items.fill(items * behaviour.perItem);
      out.path.fill({ kind: 'fan-out', node: node.name, description: `${node.name}: ${behaviour.words}`, factor: behaviour.perItem, prev: path });
      break;
    case 'per-run':
      out.items.fill(runs * behaviour.items);
      break;
    case 'limit':
      out.items.fill(runs * Math.min(perRun, behaviour.max));
      break;
    default:
      break;
  }
  // An error output (onError: continueErrorOutput) carries items only when the node fails.
  if (node.onError === 'continueErrorOutput' && used > 1) {
    const errorOutput = used - 1;
    const failing = scenario === 'max' ? 1 : 0;
    out.runs[errorOutput] = runs * failing;
    out.items[errorOutput] = items * failing;
  }
  // n8n does not run a node whose input is empty. Counts are held at COUNT_CAP so that chains of
  // fan-outs stay finite numbers (the analysis reports an overflow finding).
  for (let o = 0; o < used; o++) {
    if (!((out.items[o] as number) > 0)) out.runs[o] = 0;
    out.items[o] = Math.min(out.items[o] as number, COUNT_CAP);
    out.runs[o] = Math.min(out.runs[o] as number, COUNT_CAP);
  }
  return out;
}

/**
 * Loop Over Items: each entry with `k` items runs ceil(k / batch size) iterations. The loop
 * output carries one batch per iteration; v3's done output carries all items once; the loop
 * node itself runs once more than it iterates (the run that finds no items left). Without a
 * back edge only the first batch is ever processed.
 */
function loopOutputs(model: WorkflowModel, i: number, runs: number, items: number, path: PathLink | undefined, out: Outputs, loopState: PassResult['loopState']): Outputs {
  const loop = model.loops.get(i);
  const node = model.graph.nodes[i] as WorkflowModel['graph']['nodes'][number];
  const behaviour = model.behaviours[i] as { kind: 'loop'; batchSize: number };
  const batch = behaviour.batchSize >= 1 ? behaviour.batchSize : 1;
  const perEntry = items / runs;
  const closed = !!loop && loop.backEdges.size > 0;
  let iterations = perEntry > 0 ? Math.ceil(perEntry / batch - 1e-9) : 0;
  if (!closed) iterations = Math.min(iterations, 1);
  const loopOutput = loop?.loopOutput ?? (node.typeVersion >= 3 ? 1 : 0);
  const doneOutput = loop?.doneOutput;
  for (let o = 0; o < out.runs.length; o++) out.runs[o] = out.items[o] = 0;
  if (loopOutput < out.runs.length) {
    out.runs[loopOutput] = runs * iterations;
    out.items[loopOutput] = closed ? items : Math.min(items, runs * batch);
    out.path[loopOutput] = { kind: 'loop', node: node.name, description: `${node.name}: ${fmt(perEntry)} items / batch ${batch} = ${iterations} iterations`, factor: iterations, prev: path };
  }
  if (doneOutput !== undefined && doneOutput < out.runs.length && (closed || iterations === 0)) {
    out.runs[doneOutput] = runs;
    out.items[doneOutput] = items;
  }
  // A v1/v2 loop left through its `noItemsLeft` test is not called again after the last batch.
  out.nodeRuns = closed ? runs * (iterations + (loop?.exit ? 0 : 1)) : runs;
  loopState.set(i, { entries: runs, iterations: runs * iterations });
  return out;
}

/**
 * The `noItemsLeft` IF of a v1/v2 loop: its leaving output gets the last batch of each entry
 * (one run per entry), the other output every earlier batch. Returns false for other nodes.
 */
function exitOutputs(model: WorkflowModel, i: number, runs: number, items: number, path: PathLink | undefined, out: Outputs, loopState: PassResult['loopState']): boolean {
  let loop: LoopInfo | undefined;
  for (const candidate of model.loops.values()) if (candidate.exit?.node === i) loop = candidate;
  const state = loop && loopState.get(loop.node);
  if (!loop?.exit || !state || state.iterations <= 0) return false;
  const leave = Math.min(runs, state.entries);
  const node = model.graph.nodes[i] as WorkflowModel['graph']['nodes'][number];
  for (let o = 0; o < out.runs.length; o++) {
    const leaving = o === loop.exit.output;
    out.runs[o] = leaving ? leave : runs - leave;
    out.items[o] = leaving ? (items * leave) / runs : items - (items * leave) / runs;
    out.path[o] = { kind: 'branch', node: node.name, description: `${node.name} output ${o}: ${leaving ? 'the last batch of each pass (noItemsLeft)' : 'every batch but the last'}`, factor: out.runs[o] as number / runs, prev: path };
  }
  return true;
}

function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(2);
}
