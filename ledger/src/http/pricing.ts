import { PricingError } from '../../../shared-pricing/src/errors';
import { getPriceBook } from '../../../shared-pricing/src/price-book/loadPriceBook';
import type { PriceBook } from '../../../shared-pricing/src/price-book/types';
import { getPlan, loadPlan } from '../../../shared-pricing/src/plans/loadPlan';
import { planPresetNames } from '../../../shared-pricing/src/plans/presets';
import type { Plan } from '../../../shared-pricing/src/plans/types';

/** The plan preset `name` (`twenty`, `spojit`, `monkedo`, `amplience`, …), or null when there is none. */
export function presetPlan(name: string): Plan | null {
  if (!planPresetNames().includes(name)) return null;
  return getPlan(name);
}

/** The names of the plan presets. */
export function presetPlanNames(): string[] {
  return planPresetNames();
}

/** Validates a plan document (it may `extends` a preset); returns the plan or the first problem as a field path. */
export function checkPlan(value: unknown): { ok: true; plan: Plan } | { ok: false; message: string; field?: string } {
  try {
    return { ok: true, plan: loadPlan(value) };
  } catch (err) {
    if (!(err instanceof PricingError)) throw err;
    const first = err.issues[0];
    return { ok: false, message: err.message, field: first ? 'plan' + first.path.replace(/^\$/, '') : 'plan' };
  }
}

/** The price book a plan names (a preset), falling back to `default` when that preset is not shipped. */
export function priceBookOf(plan: Plan): PriceBook {
  return priceBookNamed(plan.priceBook);
}

/** The price book preset `name`, or `default` when that preset is not shipped (what a worker thread is sent). */
export function priceBookNamed(name: string): PriceBook {
  try {
    return getPriceBook(name);
  } catch (err) {
    if (err instanceof PricingError) return getPriceBook('default');
    throw err;
  }
}
