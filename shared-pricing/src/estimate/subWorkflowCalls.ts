import { messages } from '../errors';
import type { PassResult, WorkflowModel } from './model';
import type { AnalyzeContext, Finding, WorkflowAnalysis } from './types';
import { workflowRef } from './workflowRef';

/** The chain of sub-workflow calls being analysed, and analyses already done in it. */
export interface AnalyzeState {
  /** Keys (`id:…`, `path:…`, `inline:…`) of the workflows entered as sub-workflows so far. */
  stack: string[];
  cache: Map<string, WorkflowAnalysis>;
  /** True when this workflow is entered through an Execute Workflow call. */
  subEntry: boolean;
  /** Items each call passes to the sub-workflow's trigger. */
  triggerItems?: number;
  /** This workflow's own key, for `={{ $workflow.id }}` calls. */
  selfKey?: string;
}

export type Recurse = (text: string, state: AnalyzeState, fileName?: string) => WorkflowAnalysis;

const MAX_DEPTH = 8;

/**
 * Analyses the workflow each Execute Workflow node calls, entered through its Execute Workflow
 * Trigger with the items per call of the expected pass (`each` mode: 1). Not found, invalid,
 * chosen at run time or already on the call chain (a cycle): a finding, and no cost added.
 */
export function subWorkflowCalls(model: WorkflowModel, expected: PassResult[], selfText: string, context: AnalyzeContext | undefined, state: AnalyzeState, recurse: Recurse, findings: Finding[]): Array<WorkflowAnalysis | undefined> {
  return model.graph.nodes.map((node, i) => {
    if (node.type !== 'n8n-nodes-base.executeWorkflow' || node.disabled) return undefined;
    const pass = expected.find((p) => (p.runs[i] as number) > 0);
    if (!pass) return undefined;
    const perCall = node.parameters.mode === 'each' ? 1 : (pass.inItems[i] as number) / (pass.runs[i] as number);
    const target = workflowRef(node);
    const finding = (message: string, severity: Finding['severity'] = 'warning'): undefined => {
      findings.push({ ruleId: 'estimate/sub-workflow', severity, range: node.range, node: node.name, message });
      return undefined;
    };
    if (target.kind === 'dynamic') return finding(messages.subWorkflowNotFound(node.name, target.text), 'info');
    const key = target.kind === 'self' ? (state.selfKey ?? 'self') : `${target.ref.source}:${target.ref.value.length > 200 ? target.ref.value.slice(0, 200) + target.ref.value.length : target.ref.value}`;
    const label = target.kind === 'self' ? 'itself' : target.ref.source === 'inline' ? 'given inline' : `${target.ref.source} "${target.ref.value}"`;
    if (state.stack.includes(key) || state.stack.length >= MAX_DEPTH) {
      findings.push({ ruleId: 'estimate/sub-workflow-cycle', severity: 'warning', range: node.range, node: node.name, message: messages.subWorkflowCycle([...state.stack, key]) });
      return undefined;
    }
    const text = target.kind === 'self' ? selfText : target.ref.source === 'inline' ? target.ref.value : context?.resolveWorkflow?.(target.ref);
    if (text === undefined) return finding(messages.subWorkflowNotFound(node.name, label));
    const cacheKey = `${key}|${perCall}`;
    let analysis = state.cache.get(cacheKey);
    if (!analysis) {
      analysis = recurse(text, { stack: [...state.stack, key], cache: state.cache, subEntry: true, triggerItems: perCall, selfKey: key }, target.kind === 'ref' && target.ref.source === 'path' ? target.ref.value : undefined);
      state.cache.set(cacheKey, analysis);
    }
    if (!analysis.ok) return finding(messages.subWorkflowInvalid(node.name, label));
    // A cycle found deeper down is reported at this call too, where the user can see it.
    for (const deep of analysis.findings) {
      if (deep.ruleId === 'estimate/sub-workflow-cycle') findings.push({ ...deep, range: node.range, node: node.name });
    }
    return analysis;
  });
}
