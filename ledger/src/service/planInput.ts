import type { Plan } from '../../../shared-pricing/src/plans/types';
import { checkPlan, presetPlan, presetPlanNames } from '../http/pricing';

/** A plan read from `{preset}` or `{plan}`, or why it cannot be (an expected outcome, not an exception). */
export type PlanInput =
  | { ok: true; plan: Plan }
  | { ok: false; code: 'unknown-preset' | 'invalid-plan'; message: string; field?: string };

/**
 * Resolves `{preset}` (a shipped plan preset by name) or `{plan}` (a full plan document, which may `extends` a
 * preset) to a plan. Used by `PUT /v1/plan` (as a 400 naming the field) and `n8n-credits plan set`.
 */
export function readPlanInput(body: { preset?: string; plan?: unknown }): PlanInput {
  if (body.preset !== undefined) {
    const plan = presetPlan(body.preset);
    if (!plan) return { ok: false, code: 'unknown-preset', message: `unknown plan preset "${body.preset}"; known: ${presetPlanNames().join(', ')}`, field: 'preset' };
    return { ok: true, plan };
  }
  const checked = checkPlan(body.plan);
  if (!checked.ok) return { ok: false, code: 'invalid-plan', message: checked.message, field: checked.field };
  return checked;
}
