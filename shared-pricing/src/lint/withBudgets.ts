import type { LintRulesConfig } from './types';

/** Budgets in credits per execution and per month (from the command line or the config's `budgets`). */
export interface Budgets {
  perExecution?: number;
  perMonth?: number;
}

/**
 * The lint config with budgets set as the `credits` option of `budget-per-execution` and
 * `budget-per-month`; a budget given here wins over one in the rule's options. The rule keeps
 * its configured severity (an explicit `off` stays off), else `error`.
 */
export function withBudgets(config: LintRulesConfig, budgets: Budgets): LintRulesConfig {
  const next: LintRulesConfig = { ...config };
  const apply = (id: string, credits: number | undefined) => {
    if (credits === undefined) return;
    const current = next[id];
    next[id] = { severity: current?.severity ?? 'error', options: { ...current?.options, credits } };
  };
  apply('budget-per-execution', budgets.perExecution);
  apply('budget-per-month', budgets.perMonth);
  return next;
}
