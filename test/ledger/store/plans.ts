/**
 * Plans of the seed platforms, inline so the store tests do not depend on the presets' file
 * format. Amounts in millicredits; they follow the issue's figures (Twenty: 5,000,000 a month,
 * 50,000,000 a year, rollover capped at one period's allocation; Monkedo: 100 credits a day).
 */
import type { Plan } from '../../../shared-pricing/src/plans/types';

function plan(overrides: Partial<Plan>): Plan {
  return {
    version: 1,
    name: 'test',
    priceBook: 'default',
    cycle: 'monthly',
    allocation: 10_000,
    dailyLimit: null,
    rolloverCap: 0,
    topUps: { packs: [], lifetime: { kind: 'plan' } },
    editorRunsFree: false,
    chargeFailedStep: true,
    exhaustion: 'pause',
    consecutiveFailureLimit: null,
    memberAllocations: false,
    ...overrides,
  };
}

export const twentyMonthly = plan({ name: 'twenty', allocation: 5_000_000, rolloverCap: 5_000_000, exhaustion: 'pause' });
export const twentyYearly = plan({ name: 'twenty-yearly', cycle: 'yearly', allocation: 50_000_000, rolloverCap: 50_000_000, exhaustion: 'pause' });
export const spojit = plan({ name: 'spojit', allocation: 1_000_000, rolloverCap: 0, topUps: { packs: [], lifetime: { kind: 'plan' } }, exhaustion: 'pause' });
export const monkedo = plan({ name: 'monkedo', allocation: 3_000_000, dailyLimit: 100_000, exhaustion: 'pause', memberAllocations: true });
export const amplience = plan({ name: 'amplience', cycle: 'yearly', allocation: 1_000_000, exhaustion: 'overdraft' });
export const small = (overrides: Partial<Plan> = {}): Plan => plan(overrides);
