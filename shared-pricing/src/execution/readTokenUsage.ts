import { messages, PricingError } from '../errors';
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
 * output are summed. Returns undefined when the run records no usage; a count that is null or
 * missing is absent (0 when its pair is present). A count that is present but not a safe integer
 * ≥ 0 (`"1000"`, `-1`, `1.5`, `1e300`, NaN) throws a `PricingError` naming its path, which starts
 * at `where` (the run's own path, e.g. `runData["OpenAI Model"][0]`): such a run cannot be priced.
 */
export function readTokenUsage(run: NodeRun | null | undefined, where = 'run'): TokenUsage | undefined {
  const metadata = record(record(run?.metadata)?.tokenUsage);
  if (metadata) {
    const input = count(metadata.inputTokens, `${where}.metadata.tokenUsage.inputTokens`);
    const output = count(metadata.outputTokens, `${where}.metadata.tokenUsage.outputTokens`);
    if (input !== undefined || output !== undefined) return { input: input ?? 0, output: output ?? 0, source: 'metadata' };
  }
  const outputs = record(run?.data)?.ai_languageModel;
  if (!Array.isArray(outputs)) return undefined;
  let found: TokenUsage | undefined;
  outputs.forEach((output: unknown, o: number) => {
    (Array.isArray(output) ? output : []).forEach((item: unknown, i: number) => {
      const json = record(record(item)?.json);
      const source = record(json?.tokenUsage) ? 'tokenUsage' : 'tokenUsageEstimate';
      const usage = record(json?.[source]);
      if (!usage) return;
      const at = `${where}.data.ai_languageModel[${o}][${i}].json.${source}`;
      const input = count(usage.promptTokens, `${at}.promptTokens`) ?? 0;
      const outputTokens = count(usage.completionTokens, `${at}.completionTokens`) ?? 0;
      // A reported usage wins over an estimate when both kinds appear in one run.
      const mergedSource = found && found.source === 'tokenUsage' ? 'tokenUsage' : source;
      found = { input: (found?.input ?? 0) + input, output: (found?.output ?? 0) + outputTokens, source: mergedSource };
    });
  });
  return found;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** A count at `path`: undefined when null or missing, the number when a safe integer ≥ 0; anything else throws. */
function count(value: unknown, path: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value;
  throw new PricingError('invalid-document', messages.badTokenCount(path, value));
}
