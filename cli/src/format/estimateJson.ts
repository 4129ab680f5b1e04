import type { FileAnalysis } from '../estimate/analyzeFile';
import { nodePrice } from '../estimate/nodePrice';
import { jsonDocument } from './jsonDocument';
import type { AssumptionUse, Finding, NodeEstimate, PriceBook, Range, WorkflowAnalysis } from '../pricing';

/**
 * The version of the `estimate --format json` document. 2: one object with `version` and `workflows`, absolute
 * `file` paths, and every amount in a field whose name says its unit (`…Millicredits`); 1 was an array of
 * `{ file, analysis }` with the pricing core's own field names (`credits` holding millicredits).
 */
export const ESTIMATE_JSON_VERSION = 2;

/** The `estimate --format json` document: per file its analysis, or why there is none. */
export function formatEstimateJson(results: readonly FileAnalysis[], book: PriceBook): string {
  const workflows = results.map((r) => ({
    file: r.file,
    ...(r.error !== undefined ? { error: r.error } : {}),
    ...(r.analysis ? analysisJson(r.analysis, book) : {}),
  }));
  return jsonDocument({ version: ESTIMATE_JSON_VERSION, priceBook: book.name, workflows });
}

function analysisJson(a: WorkflowAnalysis, book: PriceBook): Record<string, unknown> {
  return {
    workflow: a.ok,
    ...(a.name !== undefined ? { name: a.name } : {}),
    ...(a.id !== undefined ? { id: a.id } : {}),
    perExecutionMillicredits: range(a.perExecution),
    monthly: {
      runs: range(a.monthly.runsPerMonth),
      basis: a.monthly.basis,
      millicredits: range(a.monthly.credits),
      triggers: a.monthly.triggers,
    },
    triggers: a.triggers,
    nodes: a.nodes.map((n) => nodeJson(n, a.nodes, book)),
    assumptions: a.assumptions.map(assumptionJson),
    findings: a.findings.map(findingJson),
  };
}

function nodeJson(n: NodeEstimate, nodes: readonly NodeEstimate[], book: PriceBook): Record<string, unknown> {
  const price = nodePrice(n, nodes, book);
  return {
    name: n.name,
    type: n.type,
    line: n.range.line ?? 1,
    column: n.range.column ?? 1,
    disabled: n.disabled,
    reachable: n.reachable,
    ...(n.parent !== undefined ? { parent: n.parent } : {}),
    price: {
      ...(price.className !== undefined ? { class: price.className } : {}),
      fallbackClass: price.fallbackClass,
      ...(price.unit !== undefined ? { unit: price.unit } : {}),
      ...(price.rate !== undefined ? { rateMillicredits: price.rate } : {}),
      ...(price.every !== undefined ? { every: price.every } : {}),
      ...(price.model !== undefined ? { model: price.model, modelFallback: price.modelFallback } : {}),
      ...(price.modelRate ? { modelMillicreditsPer1kTokens: price.modelRate } : {}),
    },
    runs: range(n.runs),
    itemsPerRun: range(n.itemsPerRun),
    items: range(n.items),
    ...(n.llmCalls ? { llmCalls: range(n.llmCalls) } : {}),
    millicredits: range(n.credits),
    totalMillicredits: range(n.totalCredits),
    ...(n.subWorkflowCredits ? { subWorkflowMillicredits: range(n.subWorkflowCredits) } : {}),
    multipliedBy: n.path.map((s) => ({ kind: s.kind, node: s.node, description: s.description, factor: range(s.factor) })),
    loops: n.loops,
    assumptions: n.assumptions.map(assumptionJson),
    findings: n.findings.map(findingJson),
    ...(n.subWorkflow ? { subWorkflow: analysisJson(n.subWorkflow, book) } : {}),
  };
}

function range(r: Range): Range {
  return { expected: r.expected, min: r.min, max: r.max };
}

function assumptionJson(a: AssumptionUse): Record<string, unknown> {
  return { name: a.name, value: a.value, ...(a.values ? { values: a.values } : {}), source: a.source, ...(a.node !== undefined ? { node: a.node } : {}), howToChange: a.howToChange, ...(a.unbounded ? { unbounded: true } : {}) };
}

function findingJson(f: Finding): Record<string, unknown> {
  return { ...(f.ruleId !== undefined ? { ruleId: f.ruleId } : {}), severity: f.severity, message: f.message, line: f.range.line ?? 1, column: f.range.column ?? 1, ...(f.node !== undefined ? { node: f.node } : {}) };
}
