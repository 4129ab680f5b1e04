import { classifyNode } from '../../../shared-pricing/src/price-book/classifyNode';
import { unroundedTokenPrice } from '../../../shared-pricing/src/price-book/priceTokens';
import { priceUnit } from '../../../shared-pricing/src/price-book/priceUnit';
import { resolveModel } from '../../../shared-pricing/src/price-book/resolveModel';
import type { CostClass, PriceBook } from '../../../shared-pricing/src/price-book/types';
import type { LedgerBody } from './contract';
import { MAX_AMOUNT } from '../store/validate';
import { ApiError } from './errors';

/** The body of `POST /v1/quote` (the contract's `quoteBody`). */
export type QuoteBody = LedgerBody<'POST /v1/quote'>;

/** The price of one step, before the plan's editor-run rule. */
export interface Quote {
  millicredits: number;
  kind: 'fixed' | 'run' | 'item' | 'execution' | 'helper' | 'tokens';
  reason: string;
  className?: string;
  model?: string;
}

/**
 * Prices one step with a price book, by `priceUnit` as the meter and the estimator do: a fixed
 * amount, a node type's class (with its items), or tokens of a model. A helper run is priced as the
 * first run of a fresh counter (the quote has no workspace counter). A request that names nothing
 * to price, or a token class without tokens, is an `ApiError` (400).
 */
export function quoteStep(body: QuoteBody, book: PriceBook): Quote {
  if (body.millicredits !== undefined) return { millicredits: body.millicredits, kind: 'fixed', reason: `fixed amount of ${body.millicredits} mc` };
  if (body.nodeType === undefined) {
    if (!body.tokens) throw new ApiError(400, 'invalid_request', 'send millicredits, nodeType, or tokens with a model', 'nodeType');
    return tokenQuote(body.tokens, body.model ?? undefined, book, TOKENS);
  }
  const parameters: Record<string, unknown> = {};
  if (body.operation) parameters.operation = body.operation;
  if (body.resource) parameters.resource = body.resource;
  const { className, costClass } = classifyNode({ type: body.nodeType, parameters }, book);
  const items = body.items ?? 1;
  switch (costClass.unit) {
    case 'run':
    case 'execution':
      return { millicredits: priceUnit(costClass, { units: 1 }), kind: costClass.unit, className, reason: `${className}: ${costClass.rate} mc per ${costClass.unit}` };
    case 'item':
      return { millicredits: priceUnit(costClass, { units: items }), kind: 'item', className, reason: `${className}: ${items} item(s) × ${costClass.rate} mc` };
    case 'helper':
      return { millicredits: priceUnit(costClass, { units: 1 }), kind: 'helper', className, reason: `${className}: ${costClass.rate} mc every ${costClass.every ?? 1} helper runs` };
    case 'tokens':
      if (!body.tokens) throw new ApiError(400, 'invalid_request', `node type "${body.nodeType}" is priced by tokens: send tokens {input, output} and a model`, 'tokens');
      return { ...tokenQuote(body.tokens, body.model ?? undefined, book, costClass), className };
  }
}

// A bare `tokens` quote names no node type, so no class: tokens are priced by the model alone.
const TOKENS: CostClass = { unit: 'tokens', rate: 0 };

function tokenQuote(tokens: { input: number; output: number }, model: string | undefined, book: PriceBook, costClass: CostClass): Quote {
  const resolved = resolveModel(model, book);
  const why = resolved.fallback ? `unknown model "${resolved.model}" at the fallback rate` : resolved.model;
  // Counts the schema lets through (any safe integer) can still price past what the ledger records: a 400, not a 500.
  if (!(unroundedTokenPrice(resolved.rate, tokens.input, tokens.output) <= MAX_AMOUNT)) {
    throw new ApiError(400, 'invalid_request', `tokens: ${tokens.input} input + ${tokens.output} output tokens of ${resolved.model} would cost more than ${MAX_AMOUNT} millicredits, the largest amount the ledger records`, 'tokens');
  }
  return {
    millicredits: priceUnit(costClass, { tokens, rate: resolved.rate }), kind: 'tokens', model: resolved.model,
    reason: `${tokens.input} input + ${tokens.output} output tokens of ${why} (${resolved.rate.input}/${resolved.rate.output} mc per 1K)`,
  };
}
