/** Builders of hand-made analyses, so each rule is tested without the estimator. */
import { getPriceBook } from '../../../shared-pricing/src/price-book/loadPriceBook';
import type { NodeEstimate, Range, WorkflowAnalysis } from '../../../shared-pricing/src/estimate/types';
import { lintWorkflow } from '../../../shared-pricing/src/lint/lintWorkflow';
import type { LintFinding, LintRule, RuleOptions } from '../../../shared-pricing/src/lint/types';

/** A range with expected = min = max, or the three given. */
export function r(expected: number, min = expected, max = expected): Range {
  return { expected, min, max };
}

export function node(name: string, type: string, extra: Partial<NodeEstimate> = {}): NodeEstimate {
  return {
    name,
    type,
    typeVersion: 1,
    range: { offset: 0, length: 0, line: 1, column: 1 },
    disabled: false,
    reachable: true,
    className: 'app',
    explicit: true,
    runs: r(1),
    itemsPerRun: r(1),
    items: r(1),
    credits: r(1000),
    totalCredits: r(1000),
    path: [],
    assumptions: [],
    findings: [],
    loops: [],
    ...extra,
  };
}

export function analysis(nodes: NodeEstimate[], extra: Partial<WorkflowAnalysis> = {}): WorkflowAnalysis {
  return {
    ok: true,
    name: 'test workflow',
    nodes,
    triggers: nodes.filter((n) => /Trigger$|webhook$/.test(n.type)).map((n) => n.name),
    perExecution: r(1000),
    monthly: { runsPerMonth: r(30), basis: 'every 24 hours', triggers: [], credits: r(30000) },
    assumptions: [],
    findings: [],
    priceBook: 'default',
    ...extra,
  };
}

/** Workflow text holding raw nodes (for rules that read parameters), one node per line from line 2. */
export function workflowText(nodes: Array<{ name: string; type: string; parameters?: Record<string, unknown>; disabled?: boolean }>): string {
  return `{"nodes": [\n${nodes.map((n) => JSON.stringify({ parameters: {}, ...n })).join(',\n')}\n], "connections": {}}`;
}

/** Runs one rule at severity `warning` with the given options; returns its findings. */
export function runRule(rule: LintRule, input: WorkflowAnalysis, options: RuleOptions = {}, text?: string): LintFinding[] {
  return lintWorkflow({
    analysis: input,
    priceBook: getPriceBook('default'),
    ...(text !== undefined ? { text } : {}),
    rules: [rule],
    config: { [rule.meta.id]: { severity: 'warning', options } },
  });
}

/** What a table-driven rule test compares: node and message of each finding. */
export function summary(findings: LintFinding[]): Array<[string | undefined, string]> {
  return findings.map((f) => [f.node, f.message]);
}
