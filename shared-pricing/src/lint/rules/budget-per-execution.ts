import { formatCredits } from '../../money/millicredits';
import { creditsOption } from '../helpers/creditsOption';
import { mostExpensiveNode } from '../helpers/mostExpensiveNode';
import type { LintRule } from '../types';

/** Fails a workflow whose cost per execution is over a budget (no budget set: no check). */
export const budgetPerExecution: LintRule = {
  meta: {
    id: 'budget-per-execution',
    description: 'Cost per execution over the budget.',
    docs: 'docs/rules/budget-per-execution.md',
    rationale: "A change that puts an AI step in a loop or shrinks a batch size can multiply the cost of every execution; a budget makes that a failing check before it ships.",
    fix: "Look at the most expensive node in the message and at `n8n-credits estimate <file>` for the multipliers that produced it; reduce them, or raise the budget deliberately.",
    defaultSeverity: 'error',
    options: {
      credits: { type: 'number', minimum: 0, description: 'The budget in credits per execution; no budget, no check (CLI: --budget-execution).' },
      basis: { type: 'string', enum: ['expected', 'max'], default: 'expected', description: 'Compare the expected cost or the maximum.' },
    },
    messages: {
      overBudget: '{basis} cost per execution is {actual} credits, over the budget of {budget} credits; the most expensive node is "{top}" ({topCredits} credits)',
    },
  },
  check(context) {
    const budget = creditsOption(context.options.credits);
    if (budget === undefined || !context.analysis.ok) return;
    const basis = context.options.basis === 'max' ? 'max' : 'expected';
    const actual = context.analysis.perExecution[basis];
    if (actual <= budget) return;
    const top = mostExpensiveNode(context.analysis.nodes);
    context.report({
      messageId: 'overBudget',
      node: context.analysis.triggers[0],
      data: { basis, actual: formatCredits(actual), budget: formatCredits(budget), top: top?.name ?? '-', topCredits: formatCredits(top?.totalCredits.expected ?? 0) },
    });
  },
};
