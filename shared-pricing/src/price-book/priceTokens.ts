import { roundMillicredits } from '../money/round';
import type { ModelRate } from './types';

/**
 * Millicredits for one LLM call's tokens at a model's per-1K rates, rounded up once so that a
 * call that used any tokens never costs nothing.
 */
export function priceTokens(rate: ModelRate, inputTokens: number, outputTokens: number): number {
  return roundMillicredits((inputTokens * rate.input + outputTokens * rate.output) / 1000, 'ceil');
}
