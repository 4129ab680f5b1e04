import type { WorkflowNode } from './types';

/** Parameter names n8n's AI nodes keep their model in, in the order we look. */
const MODEL_PARAMETERS = ['model', 'modelName', 'modelId'] as const;

/**
 * The model a node is configured with: the `model` parameter (a string, or a resource
 * locator `{__rl: true, value}` as in OpenAI and Anthropic chat models), Google Gemini's
 * `modelName`, or the vendor OpenAI node's `modelId`; also looked for under `options`.
 * Returns undefined when none is set or the value is an expression (`={{ … }}`), which only
 * the running workflow knows: such a run is priced at the fallback model rate.
 */
export function modelOfNode(node: Pick<WorkflowNode, 'parameters'> | null | undefined): string | undefined {
  const parameters = node?.parameters;
  if (!parameters || typeof parameters !== 'object') return undefined;
  const options = parameters.options;
  const places = [parameters, typeof options === 'object' && options !== null ? (options as Record<string, unknown>) : {}];
  for (const place of places) {
    for (const name of MODEL_PARAMETERS) {
      const model = modelValue(place[name]);
      if (model) return model;
    }
  }
  return undefined;
}

function modelValue(value: unknown): string | undefined {
  const raw = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>).value : value;
  if (typeof raw !== 'string') return undefined;
  const trimmed = raw.trim();
  return trimmed && !trimmed.startsWith('=') ? trimmed : undefined;
}
