import { MILLICREDITS_PER_CREDIT } from './perCredit';

/**
 * Millicredits as a JavaScript number of credits (1500 → 1.5), for settings and options that people
 * write in credits. Exact for every amount below 2^53 / 1000 and never rounds to an amount: turn it
 * back with `creditsToMillicredits`, and show it with `formatCredits`.
 */
export function millicreditsToCredits(millicredits: number): number {
  return millicredits / MILLICREDITS_PER_CREDIT;
}
