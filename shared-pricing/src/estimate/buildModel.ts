import { messages } from '../errors';
import { buildGraph } from './buildGraph';
import type { AssumptionResolver } from './createAssumptionResolver';
import { describeNode, type Behaviour } from './describeNode';
import { findLoops, LOOP_TYPE } from './findLoops';
import type { AgentInfo, WorkflowModel } from './model';
import { orderNodes } from './orderNodes';
import type { ParsedWorkflow } from './parseWorkflowText';
import type { Finding } from './types';

const AGENT_TYPES = new Set(['@n8n/n8n-nodes-langchain.agent', '@n8n/n8n-nodes-langchain.agentTool', '@n8n/n8n-nodes-langchain.openAiAssistant']);

/**
 * Builds what every pass shares: the graph, loops, topological order, each node's item
 * behaviour and each agent's iterations. Absurd batch sizes become findings and 1.
 */
export function buildModel(parsed: ParsedWorkflow, resolver: AssumptionResolver, findings: Finding[], triggerItems?: number): WorkflowModel {
  const graph = buildGraph(parsed.nodes, parsed.connections, findings);
  const loops = findLoops(graph);
  const { order, cut } = orderNodes(graph, loops, findings);
  const exits = new Set([...loops.values()].map((loop) => loop.exit?.node));
  const behaviours = graph.nodes.map((node, i): Behaviour => {
    // A v1/v2 loop's noItemsLeft test splits by batch, not by a share (see nodeOutputs).
    if (exits.has(i)) return { kind: 'branch', shares: [0, 0], words: 'noItemsLeft' };
    let used = 1;
    for (const e of graph.out[i] ?? []) used = Math.max(used, e.output + 1);
    return describeNode(node, resolver, used, triggerItems);
  });
  graph.nodes.forEach((node, i) => {
    const b = behaviours[i];
    if (node.type !== LOOP_TYPE || b?.kind !== 'loop') return;
    const raw = node.parameters.batchSize;
    const size = typeof raw === 'string' && /^\s*\d+\s*$/.test(raw) ? Number(raw) : b.batchSize;
    if (Number.isInteger(size) && size >= 1) b.batchSize = size;
    else {
      findings.push({ ruleId: 'estimate/bad-batch-size', severity: 'warning', range: node.range, node: node.name, message: messages.badBatchSize(node.name, raw) });
      b.batchSize = 1;
    }
  });
  checkLoopResets(graph.nodes, loops, findings);
  const agents = graph.nodes.map((node, i): AgentInfo | undefined => {
    // n8n hands an agent only its enabled sub-nodes.
    const subs = (graph.subNodes[i] ?? []).filter((s) => !graph.nodes[s.node]?.disabled);
    if (!subs.some((s) => s.type === 'ai_languageModel')) return undefined;
    const tools = subs.filter((s) => s.type === 'ai_tool').length;
    const fallbackModel = !AGENT_TYPES.has(node.type) ? undefined : node.parameters.needsFallback === true ? 'on-failure' : 'ignored';
    if (!AGENT_TYPES.has(node.type) || tools === 0) return { iterations: 1, maxIterations: 1, tools, fallbackModel };
    const options = node.parameters.options as Record<string, unknown> | undefined;
    const cap = typeof options?.maxIterations === 'number' && options.maxIterations >= 1 ? options.maxIterations : 10;
    const iterations = resolver.get('agentIterations', node);
    return { iterations, maxIterations: Math.max(cap, iterations), tools, fallbackModel };
  });
  return { graph, order, cut, loops, behaviours, agents };
}

/**
 * n8n's Loop Over Items keeps its state between entries: a loop inside another loop's body
 * without `reset` processes only the first entry's items (later entries finish at once), and
 * `reset: true` restarts on the batch fed back too, looping until n8n stops it. The estimate
 * counts the loop as restarting per entry (what such a workflow means) and says so.
 */
function checkLoopResets(nodes: ParsedWorkflow['nodes'], loops: WorkflowModel['loops'], findings: Finding[]): void {
  for (const loop of loops.values()) {
    const node = nodes[loop.node] as ParsedWorkflow['nodes'][number];
    const reset = (node.parameters.options as Record<string, unknown> | undefined)?.reset;
    const nested = [...loops.values()].some((outer) => outer !== loop && outer.body.has(loop.node));
    if (reset === true && loop.backEdges.size > 0) findings.push({ ruleId: 'estimate/loop-reset', severity: 'warning', range: node.range, node: node.name, message: messages.loopResetAlways(node.name) });
    else if (nested && (reset === undefined || reset === false)) findings.push({ ruleId: 'estimate/loop-reset', severity: 'warning', range: node.range, node: node.name, message: messages.loopWithoutReset(node.name) });
  }
}
