import type { TopUpLifetime } from '../plans/types';
import type { Period } from './types';

const DAY_MS = 86_400_000;

/**
 * When a top-up bought at `instant` lapses under the plan's top-up lifetime: never on its own
 * for `plan` (it lapses when the plan ends — Spojit: "top-up credits roll over for the duration
 * of the plan"), at the end of the current period for `period`, or after a number of days.
 */
export function topUpExpiresAt(lifetime: TopUpLifetime, instant: number, period: Period): { expiresAt: number | null; endsWithPlan: boolean } {
  switch (lifetime.kind) {
    case 'plan':
      return { expiresAt: null, endsWithPlan: true };
    case 'period':
      return { expiresAt: period.end, endsWithPlan: false };
    case 'days':
      return { expiresAt: instant + lifetime.days * DAY_MS, endsWithPlan: false };
  }
}
