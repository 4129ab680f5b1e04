import { priceUnit } from '../price-book/priceUnit';
import { resolveModel } from '../price-book/resolveModel';
import type { NodeClassification, PriceBook } from '../price-book/types';
import { chargeKey } from './chargeKey';
import { modelOfNode } from './modelOfNode';
import type { ReadNodeRun } from './readNodeRuns';
import { readTokenUsage } from './readTokenUsage';
import { servedNodeOf } from './servedNodeOf';
import type { Charge, SkippedRun, Workflow } from './types';

/**
 * Prices a node run of a `tokens` class: the tokens it recorded at its model's rates (the
 * fallback rate, reported as not explicit, for an unknown model), attributed to the model and
 * to the agent an LLM sub-node served. A run that recorded no usage is skipped with the reason; a
 * count that is present but not a whole number ≥ 0 throws a `PricingError` naming its path in the run data.
 */
export function priceTokenRun(read: ReadNodeRun, classification: NodeClassification, executionId: string, book: PriceBook, workflow: Workflow): { charge?: Charge; skipped?: SkippedRun } {
  const { nodeName, runIndex, node } = read;
  // Named from the top of the run data, so an error points at the count n8n wrote: runData["OpenAI Model"][0]….
  const usage = readTokenUsage(read.run, `runData[${JSON.stringify(nodeName)}][${runIndex}]`);
  if (!usage) return { skipped: { nodeName, runIndex, reason: 'no token usage in the run data (data.ai_languageModel[…].json.tokenUsage, tokenUsageEstimate or metadata.tokenUsage)' } };
  const resolved = resolveModel(modelOfNode(node), book);
  const rates = `${resolved.rate.input}/${resolved.rate.output} mc per 1K input/output tokens`;
  const why = resolved.fallback ? `unknown model "${resolved.model}", priced at the fallback rate ${rates}` : `${resolved.model} at ${rates}`;
  const servedNode = servedNodeOf(nodeName, workflow);
  const unpriced = classification.explicit ? '' : ' (no rule matched: fallback class)';
  const charge: Charge = {
    key: chargeKey(executionId, nodeName, runIndex, 'tokens'), executionId, nodeName, nodeType: node.type, runIndex, kind: 'tokens',
    className: classification.className, units: usage.input + usage.output, tokens: { input: usage.input, output: usage.output }, model: resolved.model,
    millicredits: priceUnit(classification.costClass, { tokens: usage, rate: resolved.rate }),
    reason: `${classification.className}: ${usage.input} input + ${usage.output} output tokens (${usage.source}) of ${why}${servedNode ? `, for "${servedNode}"` : ''}${unpriced}`,
    explicit: classification.explicit && !resolved.fallback,
  };
  if (servedNode) charge.servedNode = servedNode;
  return { charge };
}
