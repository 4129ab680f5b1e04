import type { PriceBook } from '../price-book/types';
import { buildModel } from './buildModel';
import { createAssumptionResolver } from './createAssumptionResolver';
import { entryGroups } from './entryGroups';
import { estimateAmount } from './estimateAmount';
import { evaluatePass } from './evaluatePass';
import { isStickyNote } from './isStickyNote';
import type { PassResult, Scenario } from './model';
import { nodePricing } from './nodePricing';
import type { ParsedWorkflow } from './parseWorkflowText';
import { projectMonthly } from './projectMonthly';
import { CREDIT_CAP, creditRange } from './ranges';
import { COUNT_CAP } from './nodeOutputs';
import { messages } from '../errors';
import { subWorkflowCalls, type AnalyzeState, type Recurse } from './subWorkflowCalls';
import { summariseNodes } from './summariseNodes';
import { triggerRunsPerMonth, type TriggerProjection } from './triggerRunsPerMonth';
import type { AnalyzeContext, AssumptionConfig, WorkflowAnalysis } from './types';

export type { AnalyzeState } from './subWorkflowCalls';

const SCENARIOS: Scenario[] = ['expected', 'min', 'max'];

/** Per entry group: the three passes and what each node costs in each. */
export interface GroupResult {
  passes: Record<Scenario, PassResult>;
  /** Own cost of each node (no sub-workflow), by scenario. */
  own: Record<Scenario, Float64Array>;
  /** Cost of the sub-workflows each Execute Workflow node calls, by scenario. */
  sub: Record<Scenario, Float64Array>;
  projection: TriggerProjection;
  weight: number;
}

/**
 * Analyses a parsed workflow: model, one pass per entry group and scenario, prices, sub-
 * workflows, then the per-node summary, totals and monthly projection. Internal: callers use
 * `analyzeWorkflow`.
 */
export function analyzeParsed(parsed: ParsedWorkflow, book: PriceBook, config: AssumptionConfig | undefined, context: AnalyzeContext | undefined, state: AnalyzeState, recurse: Recurse): WorkflowAnalysis {
  const findings = parsed.findings;
  const zero = { expected: 0, min: 0, max: 0 };
  const analysis: WorkflowAnalysis = { ok: parsed.ok, name: parsed.name, id: parsed.id, fileName: context?.fileName, nodes: [], triggers: [], perExecution: zero, monthly: { runsPerMonth: zero, basis: 'not a workflow', triggers: [], credits: zero }, assumptions: [], findings, priceBook: book.name };
  if (!parsed.ok) return analysis;
  const keys = [parsed.name, parsed.id, context?.fileName, context?.fileName?.split(/[\\/]/).pop()].filter((k): k is string => !!k);
  const resolver = createAssumptionResolver(config, keys, findings);
  const model = buildModel(parsed, resolver, findings, state.triggerItems);
  const { groups, noTrigger } = entryGroups(model, state.subEntry, findings);
  const nodes = model.graph.nodes;
  const pricing = nodes.map((node) => (isStickyNote(node.type) ? undefined : nodePricing(node, book, resolver)));
  const results: GroupResult[] = groups.map((group) => {
    const passes = { expected: evaluatePass(model, group, 'expected'), min: evaluatePass(model, group, 'min'), max: evaluatePass(model, group, 'max') };
    const projection: TriggerProjection = noTrigger
      ? { runsPerMonth: resolver.get('manualRunsPerMonth'), min: resolver.get('manualRunsPerMonth'), basis: 'no trigger: manualRunsPerMonth (assumption)', source: 'default' }
      : triggerRunsPerMonth(nodes[group[0] as number] as ParsedWorkflow['nodes'][number], resolver, findings);
    const own = {} as Record<Scenario, Float64Array>;
    for (const s of SCENARIOS) {
      own[s] = new Float64Array(nodes.length);
      const pass = passes[s];
      nodes.forEach((node, i) => {
        const p = pricing[i];
        if (p && !node.disabled && (pass.runs[i] as number) > 0) own[s][i] = estimateAmount(p, s, pass.runs[i] as number, pass.outItems[i] as number, pass.calls[i] as number);
      });
    }
    return { passes, own, sub: { expected: new Float64Array(nodes.length), min: new Float64Array(nodes.length), max: new Float64Array(nodes.length) }, projection, weight: projection.runsPerMonth };
  });
  const totalWeight = results.reduce((sum, r) => sum + r.weight, 0);
  for (const r of results) r.weight = totalWeight > 0 ? r.weight / totalWeight : 1 / results.length;
  const subAnalyses = subWorkflowCalls(model, results.map((r) => r.passes.expected), parsed.document.text, context, { ...state, selfKey: state.selfKey ?? (parsed.id ? `id:${parsed.id}` : 'self') }, recurse, findings);
  subAnalyses.forEach((sub, i) => {
    if (!sub) return;
    for (const r of results) for (const s of SCENARIOS) r.sub[s][i] = (r.passes[s].calls[i] as number) * sub.perExecution[s];
  });
  analysis.nodes = summariseNodes(model, results, pricing, subAnalyses, resolver.uses, findings);
  analysis.triggers = groups.flat().filter(() => !noTrigger).map((i) => nodes[i]?.name ?? '');
  const totals = (s: Scenario) => results.map((r) => {
    let t = book.nominalPerExecution;
    for (let i = 0; i < nodes.length; i++) t += (r.own[s][i] as number) + (r.sub[s][i] as number);
    return t;
  });
  const expected = analysis.nodes.reduce((sum, n) => sum + n.credits.expected + (n.subWorkflowCredits?.expected ?? 0), book.nominalPerExecution);
  const mins = totals('min');
  const maxs = totals('max');
  analysis.perExecution = results.length === 0 ? creditRange(book.nominalPerExecution, book.nominalPerExecution, book.nominalPerExecution) : creditRange(expected, Math.min(...mins), Math.max(...maxs));
  analysis.monthly = projectMonthly(results, groups.map((g) => nodes[g[0] as number]), noTrigger, totals('expected'), mins, maxs);
  analysis.assumptions = resolver.uses;
  if (analysis.perExecution.max >= CREDIT_CAP || analysis.monthly.credits.max >= CREDIT_CAP || analysis.nodes.some((n) => n.items.max >= COUNT_CAP)) {
    findings.push({ ruleId: 'estimate/overflow', severity: 'warning', range: { offset: 0, length: 0, line: 1, column: 1 }, message: messages.estimateOverflow() });
  }
  return analysis;
}
