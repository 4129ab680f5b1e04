import { messages, PricingError } from '../errors';
import { roundMillicredits } from '../money/round';
import type { ModelRate } from './types';

/**
 * Millicredits for one LLM call's tokens at a model's per-1K rates, rounded up once so that a
 * call that used any tokens never costs nothing (1 token at a rate ≥ 1 costs ≥ 1 mc). Token
 * counts must be finite and ≥ 0; callers turn odd run data into a skipped charge before this.
 */
export function priceTokens(rate: ModelRate, inputTokens: number, outputTokens: number): number {
  for (const tokens of [inputTokens, outputTokens]) {
    if (!Number.isFinite(tokens) || tokens < 0) throw new PricingError('invariant', messages.badTokens(tokens));
  }
  return roundMillicredits(unroundedTokenPrice(rate, inputTokens, outputTokens), 'ceil');
}

/** The tokens' price before rounding: rates are millicredits per 1,000 tokens. */
export function unroundedTokenPrice(rate: ModelRate, inputTokens: number, outputTokens: number): number {
  return (inputTokens * rate.input + outputTokens * rate.output) / 1000;
}
