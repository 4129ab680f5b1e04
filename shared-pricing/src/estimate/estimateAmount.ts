import { amountForUnits } from '../execution/amountForUnits';
import type { Scenario } from './model';
import type { NodePricing } from './nodePricing';

/**
 * Millicredits for one node's counted units in one scenario, with metering's arithmetic
 * (`amountForUnits`, `priceTokens`): whole counts give exactly what metering would charge;
 * expected counts may be fractional (branch shares) and are rounded later, once. `helper`
 * classes charge `rate` every `every` runs across executions: expected rate × runs / every,
 * min the charges that are certain (floor), max ceil.
 */
export function estimateAmount(pricing: NodePricing, scenario: Scenario, runs: number, outItems: number, calls: number): number {
  const cls = pricing.costClass;
  switch (cls.unit) {
    case 'tokens':
      return calls * (pricing.perCall?.[scenario] ?? 0);
    case 'run':
      return units(pricing, runs);
    case 'item':
      return units(pricing, outItems);
    case 'execution':
      return units(pricing, runs > 0 ? Math.min(1, runs) : 0);
    case 'helper': {
      const every = cls.every ?? 1;
      if (scenario === 'expected') return (cls.rate * runs) / every;
      const whole = scenario === 'min' ? Math.floor(runs + 1e-9) : Math.ceil(runs - 1e-9);
      if (scenario === 'max') return cls.rate * Math.ceil(whole / every);
      return Number.isSafeInteger(cls.rate * whole) ? amountForUnits(cls, whole) : cls.rate * Math.floor(whole / every);
    }
  }
}

function units(pricing: NodePricing, count: number): number {
  const amount = pricing.costClass.rate * count;
  // Whole counts go through metering's arithmetic; fractions (expected values) and amounts past
  // the safe integer range (runaway estimates, held later) are plain products.
  return Number.isSafeInteger(count) && Number.isSafeInteger(amount) ? amountForUnits(pricing.costClass, count) : amount;
}
