import { formatCount } from '../helpers/formatCount';
import { formatCredits } from '../../money/millicredits';
import { creditsOption } from '../helpers/creditsOption';
import type { LintRule } from '../types';

/** Fails a workflow whose projected monthly cost is over a budget (no budget set: no check). */
export const budgetPerMonth: LintRule = {
  meta: {
    id: 'budget-per-month',
    description: 'Projected monthly cost over the budget.',
    docs: 'docs/rules/budget-per-month.md',
    rationale: "A cheap workflow that runs every minute costs more than an expensive one that runs weekly: a schedule change alone can multiply the bill.",
    fix: "Run less often, make each run cheaper, or set a realistic runsPerMonth assumption for event triggers so the projection reflects real traffic.",
    defaultSeverity: 'error',
    options: {
      credits: { type: 'number', minimum: 0, description: 'The budget in credits per month; no budget, no check (CLI: --budget-month).' },
      basis: { type: 'string', enum: ['expected', 'max'], default: 'expected', description: 'Compare the expected projection or the maximum.' },
    },
    messages: {
      overBudget: '{basis} cost per month is {actual} credits ({runs} runs: {schedule}), over the budget of {budget} credits',
    },
  },
  check(context) {
    const budget = creditsOption(context.options.credits);
    if (budget === undefined || !context.analysis.ok) return;
    const basis = context.options.basis === 'max' ? 'max' : 'expected';
    const monthly = context.analysis.monthly;
    if (monthly.credits[basis] <= budget) return;
    context.report({
      messageId: 'overBudget',
      node: context.analysis.triggers[0],
      data: { basis, actual: formatCredits(monthly.credits[basis]), runs: formatCount(monthly.runsPerMonth[basis]), schedule: monthly.basis, budget: formatCredits(budget) },
    });
  },
};
