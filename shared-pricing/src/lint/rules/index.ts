/**
 * The registry of cost-lint rules, in the order they run and are documented. A test keeps it in
 * step with the files in this folder, `docs/rules/` and `test/shared-pricing/lint/rules/`.
 */
import type { LintRule } from '../types';
import { agentWithoutIterationCap } from './agent-without-iteration-cap';
import { aiInLoop } from './ai-in-loop';
import { budgetPerExecution } from './budget-per-execution';
import { budgetPerMonth } from './budget-per-month';
import { highFrequencySchedule } from './high-frequency-schedule';
import { httpInLoopWithoutBatching } from './http-in-loop-without-batching';
import { invalidJson } from './invalid-json';
import { invalidWorkflow } from './invalid-workflow';
import { missingSubworkflow } from './missing-subworkflow';
import { premiumModelOnHotPath } from './premium-model-on-hot-path';
import { retryCycle } from './retry-cycle';
import { unboundedItemCount } from './unbounded-item-count';
import { unguardedPaidWebhook } from './unguarded-paid-webhook';
import { unknownModel } from './unknown-model';
import { unpricedNodeType } from './unpriced-node-type';

export const rules: readonly LintRule[] = [
  invalidJson,
  invalidWorkflow,
  retryCycle,
  missingSubworkflow,
  budgetPerExecution,
  budgetPerMonth,
  aiInLoop,
  premiumModelOnHotPath,
  httpInLoopWithoutBatching,
  highFrequencySchedule,
  unboundedItemCount,
  unguardedPaidWebhook,
  agentWithoutIterationCap,
  unpricedNodeType,
  unknownModel,
];

/** A rule by id, or undefined. */
export function findRule(id: string): LintRule | undefined {
  return rules.find((r) => r.meta.id === id);
}
