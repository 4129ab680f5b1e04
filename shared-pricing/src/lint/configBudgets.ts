import type { AssumptionConfig } from '../estimate/types';
import { millicreditsToCredits } from '../money/millicreditsToCredits';
import type { Budgets } from './withBudgets';

/**
 * The `budgets` of `.n8n-credits.json`, which are integer millicredits (as every amount in the
 * file), as the credits `withBudgets` and the command-line options take. The CLI and the extension
 * both read the file through this, so one file means one budget in both.
 */
export function configBudgets(config: Pick<AssumptionConfig, 'budgets'>): Budgets {
  const budgets: Budgets = {};
  const { perExecution, perMonth } = config.budgets ?? {};
  if (typeof perExecution === 'number') budgets.perExecution = millicreditsToCredits(perExecution);
  if (typeof perMonth === 'number') budgets.perMonth = millicreditsToCredits(perMonth);
  return budgets;
}
