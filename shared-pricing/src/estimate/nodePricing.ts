import { classifyNode } from '../price-book/classifyNode';
import { unroundedTokenPrice } from '../price-book/priceTokens';
import { priceUnit } from '../price-book/priceUnit';
import { resolveModel } from '../price-book/resolveModel';
import type { CostClass, ModelRate, PriceBook } from '../price-book/types';
import { CREDIT_CAP } from './ranges';
import { modelOfNode } from '../execution/modelOfNode';
import type { AssumptionResolver } from './createAssumptionResolver';
import type { ParsedNode } from './parseWorkflowText';

/** How one node is priced: its class and, for token classes, the cost of one LLM call. */
export interface NodePricing {
  className: string;
  costClass: CostClass;
  explicit: boolean;
  model?: string;
  modelFallback?: boolean;
  /** Millicredits per LLM call: expected (assumed tokens) and max (output up to `maxTokens`). */
  perCall?: { expected: number; min: number; max: number };
}

/**
 * Classifies a node with the price book and, for token classes, prices one call with the same
 * `priceUnit` metering uses: tokens per call are assumptions, output capped by the node's
 * `maxTokens` option (whose value is also the most a call can produce).
 */
export function nodePricing(node: ParsedNode, book: PriceBook, resolver: AssumptionResolver): NodePricing {
  const classification = cachedClassification(node, book);
  const pricing: NodePricing = { className: classification.className, costClass: classification.costClass, explicit: classification.explicit };
  if (classification.costClass.unit !== 'tokens') return pricing;
  const resolved = resolveModel(modelOfNode(node) ?? defaultModel(node.type), book);
  pricing.model = resolved.model;
  pricing.modelFallback = resolved.fallback;
  const input = resolver.get('inputTokensPerCall', node);
  const output = resolver.get('outputTokensPerCall', node);
  const cap = maxTokens(node.parameters);
  const expectedOut = cap !== undefined ? Math.min(output, cap) : output;
  const expected = pricePerCall(classification.costClass, resolved.rate, input, expectedOut);
  pricing.perCall = { expected, min: expected, max: pricePerCall(classification.costClass, resolved.rate, input, cap ?? output) };
  return pricing;
}

/** More tokens than any model takes in one call: assumptions and options past it are held there. */
const MAX_TOKENS_PER_CALL = 100_000_000;

/**
 * `priceUnit` for assumed token counts, which a user may set to anything: counts are held to
 * [0, MAX_TOKENS_PER_CALL] and an amount past `CREDIT_CAP` is held there, so that an absurd
 * assumption gives an overflow finding instead of an exception.
 */
function pricePerCall(costClass: CostClass, rate: ModelRate, input: number, output: number): number {
  const held = (n: number) => (Number.isFinite(n) && n > 0 ? Math.min(n, MAX_TOKENS_PER_CALL) : 0);
  const [inputTokens, outputTokens] = [held(input), held(output)];
  if (unroundedTokenPrice(rate, inputTokens, outputTokens) >= CREDIT_CAP) return CREDIT_CAP;
  return priceUnit(costClass, { tokens: { input: inputTokens, output: outputTokens }, rate });
}

const classifications = new WeakMap<PriceBook, Map<string, ReturnType<typeof classifyNode>>>();

/** Classification depends only on type, operation and resource: cached per book (analysis runs on every keystroke). */
function cachedClassification(node: ParsedNode, book: PriceBook): ReturnType<typeof classifyNode> {
  let byKey = classifications.get(book);
  if (!byKey) classifications.set(book, (byKey = new Map()));
  const { operation, resource } = node.parameters;
  const key = `${node.type}\u0000${typeof operation === 'string' ? operation : '\u0001'}\u0000${typeof resource === 'string' ? resource : '\u0001'}`;
  let found = byKey.get(key);
  if (!found) byKey.set(key, (found = classifyNode(node, book)));
  return found;
}

/** n8n's own default model where a node stores none (the parameter is omitted when unchanged). */
function defaultModel(type: string): string | undefined {
  if (type === '@n8n/n8n-nodes-langchain.lmChatOpenAi') return 'gpt-4o-mini';
  return undefined;
}

function maxTokens(parameters: Record<string, unknown>): number | undefined {
  const options = parameters.options;
  if (typeof options !== 'object' || options === null) return undefined;
  const o = options as Record<string, unknown>;
  for (const key of ['maxTokens', 'maxTokensToSample', 'maxOutputTokens', 'numPredict']) {
    const value = o[key];
    if (typeof value === 'number' && Number.isFinite(value) && value > 0) return value;
  }
  return undefined;
}
