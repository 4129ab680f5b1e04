import { messages } from '../errors';
import type { GroupResult } from './analyzeParsed';
import { combineGroups } from './combineGroups';
import type { WorkflowModel } from './model';
import { pathOf, type StepCache } from './pathOf';
import type { NodePricing } from './nodePricing';
import { countRange, creditRange } from './ranges';
import type { AssumptionUse, Finding, NodeEstimate, Range, WorkflowAnalysis } from './types';

/**
 * Turns the passes into one `NodeEstimate` per node. Across triggers, `expected` is weighted
 * by each trigger's runs per month, `min` is the least and `max` the most any trigger gives.
 * A node no trigger reaches costs 0 and gets an `estimate/unreachable` finding.
 */
export function summariseNodes(model: WorkflowModel, results: GroupResult[], pricing: Array<NodePricing | undefined>, subs: Array<WorkflowAnalysis | undefined>, uses: AssumptionUse[], findings: Finding[]): NodeEstimate[] {
  const { graph } = model;
  const steps: StepCache = new Map();
  const estimates: NodeEstimate[] = graph.nodes.map((node, i) => {
    const runs = countRange(...combineGroups(results, 'runs', i));
    const items = countRange(...combineGroups(results, 'outItems', i));
    const perRun = countRange(...combineGroups(results, 'perRun', i));
    const p = pricing[i];
    const reachable = runs.max > 0;
    if (!reachable && results.length > 0 && p && !node.disabled && graph.parentOf[i] === -1) {
      findings.push({ ruleId: 'estimate/unreachable', severity: 'info', range: node.range, node: node.name, message: messages.unreachable(node.name) });
    }
    const path = pathOf(results, i, steps);
    const sub = subs[i];
    if (sub) {
      const calls = countRange(...combineGroups(results, 'calls', i));
      path.push({ kind: 'sub-workflow', node: node.name, description: `${node.name}: ${calls.expected} call(s) of ${sub.name ?? sub.id ?? 'the sub-workflow'} at ${sub.perExecution.expected} each`, factor: calls });
    }
    const estimate: NodeEstimate = {
      name: node.name, type: node.type, typeVersion: node.typeVersion, id: node.id, range: node.range, disabled: node.disabled, reachable,
      parent: graph.parentOf[i] !== -1 ? graph.nodes[graph.parentOf[i] as number]?.name : undefined,
      className: p?.className, explicit: p?.explicit ?? true, unit: p?.costClass.unit, model: p?.model, modelFallback: p?.modelFallback,
      runs, itemsPerRun: perRun, items,
      llmCalls: p?.costClass.unit === 'tokens' ? countRange(...combineGroups(results, 'calls', i)) : undefined,
      credits: creditRange(...combineGroups(results, 'own', i)),
      totalCredits: { expected: 0, min: 0, max: 0 },
      path, assumptions: [], findings: [], loops: path.filter((step) => step.kind === 'loop').map((step) => step.node),
      subWorkflow: subs[i],
      subWorkflowCredits: subs[i] ? creditRange(...combineGroups(results, 'sub', i)) : undefined,
    };
    return estimate;
  });
  const byName = new Map(estimates.map((e) => [e.name, e]));
  for (const use of uses) if (use.node) byName.get(use.node)?.assumptions.push(use);
  for (const finding of findings) if (finding.node) byName.get(finding.node)?.findings.push(finding);
  const done = new Uint8Array(estimates.length);
  const total = (i: number): Range => {
    const e = estimates[i] as NodeEstimate;
    if (done[i]) return e.totalCredits;
    done[i] = 1;
    const t = { expected: e.credits.expected + (e.subWorkflowCredits?.expected ?? 0), min: e.credits.min + (e.subWorkflowCredits?.min ?? 0), max: e.credits.max + (e.subWorkflowCredits?.max ?? 0) };
    for (const { node: sub } of graph.subNodes[i] ?? []) {
      if (graph.parentOf[sub] !== i) continue;
      const s = total(sub);
      t.expected += s.expected;
      t.min += s.min;
      t.max += s.max;
    }
    e.totalCredits = t;
    return t;
  };
  estimates.forEach((_, i) => total(i));
  return estimates;
}
