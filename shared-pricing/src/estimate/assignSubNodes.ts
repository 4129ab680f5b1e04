import type { PassResult, Scenario, WorkflowModel } from './model';

/**
 * Counts the runs of sub-nodes (models, tools, memory, parsers, embeddings …) from the node
 * they serve, whose cost they add to. Per item of an agent: `iterations` LLM calls, and
 * `iterations − 1` tool calls shared among its tools (each tool may take all of them at
 * most); memory, parsers, retrievers and others run once per item. A sub-node of a sub-node
 * runs once per run of its parent. A disabled node's sub-nodes never run (n8n does not run the
 * node, and an agent ignores its disabled sub-nodes). An agent's fallback model runs only when
 * its primary model fails: none expected, at most every call (the max scenario).
 */
export function assignSubNodes(model: WorkflowModel, result: PassResult, scenario: Scenario): void {
  const { graph } = model;
  const visited = new Uint8Array(graph.nodes.length);
  const visit = (parent: number, perItemBase: number, topLevel: boolean): void => {
    const subs = graph.subNodes[parent];
    if (!subs || subs.length === 0) return;
    const agent = model.agents[parent];
    const iterations = !agent ? 1 : scenario === 'expected' ? agent.iterations : scenario === 'min' ? 1 : agent.maxIterations;
    for (const { node: sub, type, index } of subs) {
      if (visited[sub]) continue;
      visited[sub] = 1;
      if (graph.nodes[sub]?.disabled) continue;
      let runs: number;
      if (type === 'ai_languageModel' && index >= 1 && agent?.fallbackModel) runs = agent.fallbackModel === 'on-failure' && scenario === 'max' ? perItemBase * (topLevel ? iterations : 1) : 0;
      else if (type === 'ai_languageModel') runs = perItemBase * (topLevel ? iterations : 1);
      else if (type === 'ai_tool') runs = agent && agent.tools > 0 ? (perItemBase * (iterations - 1)) / (scenario === 'max' ? 1 : agent.tools) : perItemBase;
      else runs = perItemBase;
      result.runs[sub] += runs;
      result.inItems[sub] += runs;
      result.outItems[sub] += runs;
      result.calls[sub] += runs;
      result.path[sub] = runs > 0 ? { kind: 'agent-iterations', node: graph.nodes[parent]?.name ?? '', description: describe(graph.nodes[parent]?.name ?? '', type, perItemBase, iterations, topLevel, index >= 1 && !!agent?.fallbackModel), factor: perItemBase > 0 ? runs / perItemBase : 0, prev: result.path[parent] } : undefined;
      visit(sub, runs, false);
    }
  };
  for (const i of model.order) {
    if (graph.parentOf[i] >= 0 && (graph.in[i]?.length ?? 0) === 0) continue;
    if (result.runs[i] > 0 && !graph.nodes[i]?.disabled) visit(i, result.inItems[i] as number, true);
  }
}

function describe(parent: string, type: string, items: number, iterations: number, topLevel: boolean, fallback: boolean): string {
  const what = type.replace(/^ai_/, '');
  if (type === 'ai_languageModel' && fallback) return `fallback model of ${parent}: only when its model fails (at most ${fmt(items)} items × ${fmt(iterations)} calls)`;
  if (type === 'ai_languageModel' && topLevel) return `${parent}: ${fmt(items)} items × ${fmt(iterations)} LLM calls each`;
  return `${what} of ${parent}: once per ${topLevel ? 'item' : 'run'} (${fmt(items)})`;
}

function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(2);
}
