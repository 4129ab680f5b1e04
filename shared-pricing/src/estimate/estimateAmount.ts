import { priceUnit } from '../price-book/priceUnit';
import type { Scenario } from './model';
import type { NodePricing } from './nodePricing';

/**
 * Millicredits for one node's counted units in one scenario, priced by `priceUnit` as metering
 * prices them: whole counts give exactly what metering would charge; expected counts may be
 * fractional (branch shares) and are rounded later, once. `helper` classes charge `rate` every
 * `every` runs across executions: expected rate × runs / every, min the charges certain from a
 * fresh counter, max those due when the counter stands one run short of a charge.
 */
export function estimateAmount(pricing: NodePricing, scenario: Scenario, runs: number, outItems: number, calls: number): number {
  const cls = pricing.costClass;
  switch (cls.unit) {
    case 'tokens':
      return calls * (pricing.perCall?.[scenario] ?? 0);
    // A mean count prices as rate × count: for a whole count that is the metered amount, and
    // fractions and runaway counts (held later) neither throw nor round here.
    case 'run':
      return priceUnit(cls, { expectedUnits: runs });
    case 'item':
      return priceUnit(cls, { expectedUnits: outItems });
    case 'execution':
      return priceUnit(cls, { expectedUnits: runs > 0 ? Math.min(1, runs) : 0 });
    case 'helper': {
      if (scenario === 'expected') return priceUnit(cls, { expectedUnits: runs });
      const whole = scenario === 'min' ? Math.floor(runs + 1e-9) : Math.ceil(runs - 1e-9);
      const helperRunsBefore = scenario === 'min' ? 0 : (cls.every ?? 1) - 1;
      if (Number.isSafeInteger(cls.rate * (whole + helperRunsBefore))) return priceUnit(cls, { units: whole, helperRunsBefore });
      // Past the safe range the estimate is held later anyway: the mean is as good a floor as any.
      return priceUnit(cls, { expectedUnits: whole });
    }
  }
}
