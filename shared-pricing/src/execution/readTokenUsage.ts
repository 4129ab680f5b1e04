import type { NodeRun } from './types';

/** Tokens one node run used, and where in the run data they were found. */
export interface TokenUsage {
  input: number;
  output: number;
  /** `tokenUsage` (reported by the provider), `tokenUsageEstimate` (n8n's estimate), or `metadata` (vendor nodes). */
  source: 'tokenUsage' | 'tokenUsageEstimate' | 'metadata';
}

/**
 * Reads the token usage of a node run in the three shapes n8n writes: an LLM sub-node's
 * `data.ai_languageModel[0][0].json.tokenUsage {promptTokens, completionTokens}` (or
 * `tokenUsageEstimate` when the provider reported none), and a vendor node's
 * `metadata.tokenUsage {inputTokens, outputTokens}`. Several items on the language-model
 * output are summed. Returns undefined when the run records no usage; counts that are not
 * whole numbers ≥ 0 are ignored as absent.
 */
export function readTokenUsage(run: NodeRun | null | undefined): TokenUsage | undefined {
  const metadata = record(record(run?.metadata)?.tokenUsage);
  if (metadata && (count(metadata.inputTokens) !== undefined || count(metadata.outputTokens) !== undefined)) {
    return { input: count(metadata.inputTokens) ?? 0, output: count(metadata.outputTokens) ?? 0, source: 'metadata' };
  }
  const outputs = record(run?.data)?.ai_languageModel;
  if (!Array.isArray(outputs)) return undefined;
  let found: TokenUsage | undefined;
  for (const output of outputs) {
    for (const item of Array.isArray(output) ? output : []) {
      const json = record(record(item)?.json);
      const usage = record(json?.tokenUsage) ?? record(json?.tokenUsageEstimate);
      if (!usage) continue;
      const source = record(json?.tokenUsage) ? 'tokenUsage' : 'tokenUsageEstimate';
      const input = count(usage.promptTokens) ?? 0;
      const outputTokens = count(usage.completionTokens) ?? 0;
      // A reported usage wins over an estimate when both kinds appear in one run.
      const mergedSource = found && found.source === 'tokenUsage' ? 'tokenUsage' : source;
      found = { input: (found?.input ?? 0) + input, output: (found?.output ?? 0) + outputTokens, source: mergedSource };
    }
  }
  return found;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}
