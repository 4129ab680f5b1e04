import { roundMillicredits } from '../money/round';
import type { Range } from './types';

/** The largest amount an estimate reports; beyond it the analysis adds an `estimate/overflow` finding. */
export const CREDIT_CAP = Number.MAX_SAFE_INTEGER;

/**
 * A range of whole millicredits: the expected value rounded half-up (the one rounding of an
 * estimate), bounds floor/ceil. Amounts past `CREDIT_CAP` (items multiplying without bound)
 * are held at the cap rather than thrown, so a runaway estimate is still an estimate.
 */
export function creditRange(expected: number, min: number, max: number): Range {
  return { expected: Math.min(CREDIT_CAP, roundMillicredits(held(expected), 'half-up')), min: Math.min(CREDIT_CAP, roundMillicredits(held(min), 'floor')), max: Math.min(CREDIT_CAP, roundMillicredits(held(max), 'ceil')) };
}

/** An amount held within [.., CREDIT_CAP], NaN as 0 (module level: no closure per call). */
function held(n: number): number {
  return Number.isFinite(n) && n < CREDIT_CAP ? n : Number.isNaN(n) ? 0 : CREDIT_CAP;
}

/** A range of counts, with binary noise removed but fractions kept (expected runs may be fractional). */
export function countRange(expected: number, min: number, max: number): Range {
  return { expected: tidy(expected), min: tidy(min), max: tidy(max) };
}

function tidy(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}
