import { messages, PricingError } from '../errors';
import type { NodeRun } from './types';

/** Tokens one node run used, and where in the run data they were found. */
export interface TokenUsage {
  input: number;
  output: number;
  /** `tokenUsage` (reported by the provider), `tokenUsageEstimate` (n8n's estimate), or `metadata` (vendor nodes). */
  source: 'tokenUsage' | 'tokenUsageEstimate' | 'metadata';
}

/** Tokens found in one item's JSON, the shape they were in, and the model named beside them. */
export interface ItemTokenUsage {
  input: number;
  output: number;
  /** `n8n` (`tokenUsage {promptTokens, completionTokens}`), `openai` or `anthropic` (`usage`). */
  shape: 'n8n' | 'openai' | 'anthropic';
  model?: string;
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
  const metadata = pair(record(record(run?.metadata)?.tokenUsage), 'inputTokens', 'outputTokens', `${where}.metadata.tokenUsage`);
  if (metadata) return { ...metadata, source: 'metadata' };
  const outputs = record(run?.data)?.ai_languageModel;
  if (!Array.isArray(outputs)) return undefined;
  let found: TokenUsage | undefined;
  outputs.forEach((output: unknown, o: number) => {
    (Array.isArray(output) ? output : []).forEach((item: unknown, i: number) => {
      const json = record(record(item)?.json);
      const source = record(json?.tokenUsage) ? 'tokenUsage' : 'tokenUsageEstimate';
      const usage = record(json?.[source]);
      if (!usage) return;
      const counted = pair(usage, 'promptTokens', 'completionTokens', `${where}.data.ai_languageModel[${o}][${i}].json.${source}`) ?? { input: 0, output: 0 };
      // A reported usage wins over an estimate when both kinds appear in one run.
      const mergedSource = found && found.source === 'tokenUsage' ? 'tokenUsage' : source;
      found = { input: (found?.input ?? 0) + counted.input, output: (found?.output ?? 0) + counted.output, source: mergedSource };
    });
  });
  return found;
}

/**
 * Reads the token usage in one item's JSON (or in the object at `field`, a dotted path), as a
 * node that meters an AI step's output finds it: n8n's `tokenUsage` (`{promptTokens,
 * completionTokens}`, also under `response` or `message`), OpenAI's `usage {prompt_tokens,
 * completion_tokens}` and Anthropic's `usage {input_tokens, output_tokens}`, or `field` pointing
 * at such a usage object itself. Undefined when there is none. Counts follow `readTokenUsage`'s
 * rule: a missing one is 0 beside its pair, a present invalid one throws a `PricingError` naming
 * its path from `where` (`$json.usage.prompt_tokens`).
 */
export function readItemTokenUsage(json: Record<string, unknown>, field = '', where = '$json'): ItemTokenUsage | undefined {
  const parts = field.split('.').filter(Boolean);
  const base = [where, ...parts].join('.');
  const root = record(parts.reduce<unknown>((value, part) => record(value)?.[part], json));
  if (!root) return undefined;
  for (const key of ['', 'response', 'message']) {
    const candidate = key ? record(root[key]) : root;
    const at = key ? `${base}.${key}` : base;
    const found = candidate && itemShapes(candidate, (k) => `${at}.${k}`);
    if (found) return found;
  }
  // `field` may point at the usage object itself.
  return itemShapes({ usage: root }, () => base) ?? itemShapes({ tokenUsage: root }, () => base);
}

/** One object's usage in the n8n, OpenAI or Anthropic shape; `at(key)` is the path of its property `key`. */
function itemShapes(object: Record<string, unknown>, at: (key: string) => string): ItemTokenUsage | undefined {
  const model = typeof object.model === 'string' ? { model: object.model } : {};
  const n8nKey = object.tokenUsage != null ? 'tokenUsage' : 'tokenUsageEstimate';
  const n8n = pair(record(object[n8nKey]), 'promptTokens', 'completionTokens', at(n8nKey));
  if (n8n) return { ...n8n, shape: 'n8n', ...model };
  const usage = record(object.usage);
  const openai = pair(usage, 'prompt_tokens', 'completion_tokens', at('usage'));
  if (openai) return { ...openai, shape: 'openai', ...model };
  const anthropic = pair(usage, 'input_tokens', 'output_tokens', at('usage'));
  return anthropic && { ...anthropic, shape: 'anthropic', ...model };
}

/** An input/output pair of counts of `object` at `path`: undefined when both are absent, a missing one 0. */
function pair(object: Record<string, unknown> | undefined, inputKey: string, outputKey: string, path: string): { input: number; output: number } | undefined {
  if (!object) return undefined;
  const input = count(object[inputKey], `${path}.${inputKey}`);
  const output = count(object[outputKey], `${path}.${outputKey}`);
  return input === undefined && output === undefined ? undefined : { input: input ?? 0, output: output ?? 0 };
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
