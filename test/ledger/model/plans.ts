/**
 * Plans the model-based tests use: the seed platforms' shapes with small allocations, so that
 * random charges of a few credits exhaust them, pass daily limits and cross periods often.
 */
import type { Plan } from '../../../shared-pricing/src/plans/types';
import { small } from '../store/plans';

/** The store tests' plan with a top-up pack to buy, so the HTTP target can top up too. */
const plan = (overrides: Partial<Plan>): Plan => small({ topUps: { packs: [{ id: 'pack-5', millicredits: 5_000, price: 500, currency: 'USD' }], lifetime: { kind: 'plan' } }, ...overrides });

export const PLANS: Record<string, Plan> = {
  twentyMonthly: plan({ name: 'twenty', allocation: 20_000, rolloverCap: 20_000, editorRunsFree: true, chargeFailedStep: false }),
  twentyYearly: plan({ name: 'twenty-yearly', cycle: 'yearly', allocation: 200_000, rolloverCap: 200_000, editorRunsFree: true, chargeFailedStep: false }),
  spojit: plan({ name: 'spojit', priceBook: 'spojit', allocation: 10_000, topUps: { packs: [{ id: 'spojit-1k', millicredits: 8_000, price: 1000, currency: 'USD' }], lifetime: { kind: 'plan' } } }),
  monkedo: plan({
    name: 'monkedo', priceBook: 'monkedo', allocation: 30_000, dailyLimit: 5_000, editorRunsFree: true, consecutiveFailureLimit: 3, memberAllocations: true,
    topUps: { packs: [{ id: 'monkedo-2k', millicredits: 2_000, price: 200, currency: 'USD' }], lifetime: { kind: 'period' } },
  }),
  amplience: plan({ name: 'amplience', priceBook: 'amplience', cycle: 'yearly', allocation: 10_000, exhaustion: 'overdraft', chargeFailedStep: false }),
  stopDays: plan({
    name: 'stop-days', allocation: 8_000, rolloverCap: 3_000, exhaustion: 'stop', consecutiveFailureLimit: 2,
    topUps: { packs: [{ id: 'days-3k', millicredits: 3_000, price: 300, currency: 'USD' }], lifetime: { kind: 'days', days: 10 } },
  }),
};

export const PLAN_NAMES = Object.keys(PLANS);

/** The same plan with its keys in reverse order: `setPlan` must see it as the same plan. */
export function reordered(p: Plan): Plan {
  return Object.fromEntries(Object.entries(p).reverse()) as unknown as Plan;
}
