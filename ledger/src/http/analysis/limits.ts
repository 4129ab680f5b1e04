import { ApiError } from '../errors';

/**
 * Bounds on workflow analysis (`/v1/estimates`, `POST /v1/admission`). The size limits are checked first, on the
 * parsed body, before any pricing; the time budget bounds what passes them. Defaults sit well above real workflows:
 * in the 2,197 public workflows of the corpus the largest has 246 nodes, 305 connections and 319 KB.
 */
export interface AnalysisLimits {
  /** Most nodes a workflow may have (422 above it). */
  maxNodes: number;
  /** Most connections (node output → node input) a workflow may have (422 above it). */
  maxConnections: number;
  /** Largest body an analysis route accepts, in bytes (413 above it). */
  maxBytes: number;
  /** Longest one analysis may run in its worker (ms); past it the worker is stopped and the request gets 422. */
  timeBudgetMs: number;
  /** Worker threads that run analyses; 0 runs them on the event loop (no time budget: tests and embedding only). */
  workers: number;
}

export const DEFAULT_ANALYSIS_LIMITS: AnalysisLimits = { maxNodes: 1000, maxConnections: 5000, maxBytes: 2 * 1024 * 1024, timeBudgetMs: 3000, workers: 1 };

/** Counts n8n connections: `connections[source][type][outputIndex]` is a list of targets. Anything else counts 0. */
export function countConnections(connections: unknown): number {
  let count = 0;
  if (typeof connections !== 'object' || connections === null) return 0;
  for (const byType of Object.values(connections)) {
    if (typeof byType !== 'object' || byType === null) continue;
    for (const outputs of Object.values(byType as object)) {
      if (!Array.isArray(outputs)) continue;
      for (const targets of outputs) if (Array.isArray(targets)) count += targets.length;
    }
  }
  return count;
}

/** Refuses, with a 422 that names the limit, a workflow with more nodes or connections than the limits allow. */
export function checkWorkflowSize(workflow: { nodes: unknown; connections: unknown }, limits: Pick<AnalysisLimits, 'maxNodes' | 'maxConnections'>): void {
  const nodes = Array.isArray(workflow.nodes) ? workflow.nodes.length : 0;
  if (nodes > limits.maxNodes) {
    throw new ApiError(422, 'workflow_too_large', `the workflow has ${nodes} nodes; the ledger analyses at most ${limits.maxNodes} (serve --analysis-max-nodes)`, 'workflow.nodes', { limit: limits.maxNodes, value: nodes });
  }
  const connections = countConnections(workflow.connections);
  if (connections > limits.maxConnections) {
    throw new ApiError(422, 'workflow_too_large', `the workflow has ${connections} connections; the ledger analyses at most ${limits.maxConnections} (serve --analysis-max-connections)`, 'workflow.connections', { limit: limits.maxConnections, value: connections });
  }
}
