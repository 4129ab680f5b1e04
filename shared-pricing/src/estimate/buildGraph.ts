import { messages } from '../errors';
import type { WorkflowConnections } from '../execution/types';
import type { ParsedNode } from './parseWorkflowText';
import type { Finding } from './types';

/** A `main` connection between two nodes, by index into `Graph.nodes`. */
export interface Edge {
  from: number;
  output: number;
  to: number;
  input: number;
  /** Set by `orderNodes` on loop back edges and edges that close a cycle: no new run flows along it. */
  cut?: boolean;
}

/** A sub-node connection: `index` 1 of an agent's `ai_languageModel` is its fallback model. */
export interface SubNodeLink {
  node: number;
  type: string;
  index: number;
}

/** The workflow's nodes and connections, indexed for traversal. */
export interface Graph {
  nodes: ParsedNode[];
  index: Map<string, number>;
  /** `main` edges leaving each node. */
  out: Edge[][];
  /** `main` edges entering each node. */
  in: Edge[][];
  /** For each node, its sub-nodes (models, tools, memory …) with the connection type and the input index it feeds. */
  subNodes: Array<Array<SubNodeLink>>;
  /** For each sub-node, the node it serves (first one), or -1. */
  parentOf: number[];
}

/**
 * Indexes the connections. A connection from or to a node that does not exist is dropped with
 * a finding. `ai_*` connections go from a sub-node to the node that uses it.
 */
export function buildGraph(nodes: ParsedNode[], connections: WorkflowConnections, findings: Finding[]): Graph {
  const index = new Map<string, number>();
  nodes.forEach((node, i) => {
    if (!index.has(node.name)) index.set(node.name, i);
  });
  // Some exported workflows (and tools that rewrite them) key connections by node id: accept both.
  const byId = new Map<string, number>();
  nodes.forEach((node, i) => {
    if (node.id && !index.has(node.id) && !byId.has(node.id)) byId.set(node.id, i);
  });
  const find = (key: string): number | undefined => index.get(key) ?? byId.get(key);
  const graph: Graph = { nodes, index, out: nodes.map(() => []), in: nodes.map(() => []), subNodes: nodes.map(() => []), parentOf: nodes.map(() => -1) };
  for (const [source, byType] of Object.entries(connections)) {
    const from = find(source);
    if (from === undefined) {
      findings.push({ ruleId: 'estimate/missing-node', severity: 'warning', range: { offset: 0, length: 0, line: 1 }, message: messages.missingConnectionSource(source) });
      continue;
    }
    if (typeof byType !== 'object' || byType === null) continue;
    for (const [type, outputs] of Object.entries(byType)) {
      if (!Array.isArray(outputs)) continue;
      outputs.forEach((targets, output) => {
        if (!Array.isArray(targets)) return;
        for (const target of targets) {
          const to = target && typeof target.node === 'string' ? find(target.node) : undefined;
          if (to === undefined) {
            findings.push({ ruleId: 'estimate/missing-node', severity: 'warning', range: (nodes[from] as ParsedNode).range, node: source, message: messages.missingConnectionTarget(source, String(target?.node)) });
            continue;
          }
          if (type === 'main') {
            const edge: Edge = { from, output, to, input: typeof target.index === 'number' ? target.index : 0 };
            (graph.out[from] as Edge[]).push(edge);
            (graph.in[to] as Edge[]).push(edge);
          } else {
            (graph.subNodes[to] as SubNodeLink[]).push({ node: from, type, index: typeof target.index === 'number' ? target.index : 0 });
            if (graph.parentOf[from] === -1) graph.parentOf[from] = to;
          }
        }
      });
    }
  }
  return graph;
}
