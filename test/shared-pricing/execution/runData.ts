/** Builders for run data in the shape n8n writes (`runData[node][runIndex]`), for tests. */
import type { ExecutionRun, NodeRun, Workflow, WorkflowNode } from './pricing';

export function node(name: string, type: string, parameters: Record<string, unknown> = {}, extra: Partial<WorkflowNode> = {}): WorkflowNode {
  return { name, type, typeVersion: 1, parameters, ...extra };
}

/** A workflow of these nodes; `connections` defaults to none. */
export function workflow(nodes: WorkflowNode[], connections: Workflow['connections'] = {}): Workflow {
  return { id: 'wf-1', name: 'test', nodes, connections };
}

/** A successful node run that put `items` items on output 0 (or one count per output). */
export function ok(items: number | number[] = 1): NodeRun {
  const outputs = Array.isArray(items) ? items : [items];
  return {
    startTime: 0, executionTime: 1, executionStatus: 'success', source: [],
    data: { main: outputs.map((n) => Array.from({ length: n }, (_, i) => ({ json: { i } }))) },
  };
}

/** A node run that failed with an error (n8n writes `executionStatus: 'error'` and `error`). */
export function failed(): NodeRun {
  return { startTime: 0, executionTime: 1, executionStatus: 'error', error: { message: 'The service was not able to process your request' }, source: [] };
}

/** An LLM sub-node run: `data.ai_languageModel[0][0].json.tokenUsage` (or `tokenUsageEstimate`). */
export function lm(promptTokens: number, completionTokens: number, key: 'tokenUsage' | 'tokenUsageEstimate' = 'tokenUsage'): NodeRun {
  return {
    startTime: 0, executionTime: 1, executionStatus: 'success', source: [],
    data: { ai_languageModel: [[{ json: { response: { generations: [] }, [key]: { promptTokens, completionTokens, totalTokens: promptTokens + completionTokens } } }]] },
  };
}

/** `count` copies of a run (a node that ran in a loop). */
export function times(count: number, make: () => NodeRun): NodeRun[] {
  return Array.from({ length: count }, make);
}

/** An execution with this run data. */
export function execution(executionId: string, runData: Record<string, NodeRun[]>, mode = 'trigger'): ExecutionRun {
  return { executionId, mode, status: 'success', data: { resultData: { runData } } };
}

/** A connection from `from` to `to` of a type (`main`, `ai_languageModel`, …). */
export function connect(pairs: Array<[string, string, string?]>): Workflow['connections'] {
  const connections: Workflow['connections'] = {};
  for (const [from, to, type = 'main'] of pairs) {
    const byType = (connections[from] ??= {});
    const outputs = (byType[type] ??= [[]]);
    (outputs[0] ??= []).push({ node: to, type, index: 0 });
  }
  return connections;
}
