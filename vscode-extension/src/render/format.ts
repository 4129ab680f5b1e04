import { formatCredits, type NodeEstimate, type Range, type WorkflowAnalysis } from '../../../shared-pricing/src';

/** A count for display: whole numbers as is, fractions to two decimals ("2.5"). */
export function formatCount(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Math.round(value * 100) / 100);
}

/** "12" when the range is a point, else "12 (4–30)". Millicredits in, credits out. */
export function formatCreditRange(range: Range): string {
  const expected = formatCredits(Math.round(range.expected));
  if (range.min === range.max) return expected;
  return `${expected} (${formatCredits(Math.round(range.min))}–${formatCredits(Math.round(range.max))})`;
}

/** The unit a node's multiplier counts: items for per-item classes, runs otherwise. */
function unitWord(node: NodeEstimate): 'item' | 'run' {
  return node.unit === 'item' ? 'item' : 'run';
}

/** Where a node's multiplier comes from, for its lens: the innermost loop, else the step that multiplied most. */
function multiplierSource(node: NodeEstimate): string {
  const loop = node.loops[node.loops.length - 1];
  if (loop) return ` in ${loop}`;
  const step = [...node.path].reverse().find((s) => s.kind !== 'execute-once' && s.factor.expected !== 1);
  return step ? ` from ${step.node}` : '';
}

/**
 * The CodeLens text over a node: "≈ 1.2 cr/run · ×100 runs in Loop Over Items → 120", or
 * "≈ 3 cr/execution" when it runs at most once (the figure is per execution, and a branch may
 * run less than once); disabled, unreachable and sub-nodes say so.
 */
export function nodeLensTitle(node: NodeEstimate): string {
  if (node.disabled) return 'disabled · 0 cr';
  if (!node.reachable) return 'not reached from a trigger · 0 cr';
  const total = node.totalCredits;
  const unpriced = node.explicit ? '' : ' · unpriced type (fallback rate)';
  if (node.parent) return `≈ ${formatCreditRange(node.credits)} cr/execution, counted in ${node.parent}${unpriced}`;
  const word = unitWord(node);
  const count = word === 'item' ? node.items.expected : node.runs.expected;
  if (count > 1) {
    const perUnit = Math.round(total.expected / count);
    return `≈ ${formatCredits(perUnit)} cr/${word} · ×${formatCount(count)} ${word}s${multiplierSource(node)} → ${formatCreditRange(total)}${unpriced}`;
  }
  return `≈ ${formatCreditRange(total)} cr/execution${unpriced}`;
}

/** Budgets from the settings, in millicredits. */
export interface Budgets {
  perExecution?: number;
  perMonth?: number;
}

/** The lens at the top of the file: per execution (expected, min–max) and per month, with budget overruns. */
export function summaryLensTitle(analysis: WorkflowAnalysis, budgets: Budgets = {}): string {
  const perExec = `≈ ${formatCreditRange(analysis.perExecution)} cr per execution`;
  const runs = formatCount(analysis.monthly.runsPerMonth.expected);
  const perMonth = `≈ ${formatCredits(Math.round(analysis.monthly.credits.expected))} cr/month (${runs} runs)`;
  return `n8n Credits: ${perExec} · ${perMonth}${overBudget(analysis, budgets)}`;
}

/** " · over budget: …" when an expected amount exceeds a budget, else "". */
export function overBudget(analysis: WorkflowAnalysis, budgets: Budgets): string {
  const over: string[] = [];
  if (budgets.perExecution !== undefined && analysis.perExecution.expected > budgets.perExecution) over.push(`${formatCredits(budgets.perExecution)}/execution`);
  if (budgets.perMonth !== undefined && analysis.monthly.credits.expected > budgets.perMonth) over.push(`${formatCredits(budgets.perMonth)}/month`);
  return over.length ? ` · over budget (${over.join(', ')})` : '';
}

/** The inlay hint after a node's `type`: " ≈ 12 cr". */
export function inlayLabel(node: NodeEstimate): string {
  if (node.disabled || !node.reachable) return '0 cr';
  return `≈ ${formatCreditRange(node.parent ? node.credits : node.totalCredits)} cr`;
}
