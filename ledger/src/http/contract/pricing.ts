/** Contract of pricing without recording: quote one step, estimate a workflow. */
import { millicredits, nullableText, nullableTokenCounts, shortText, signedMillicredits, text, workspaceQuery } from './fields';
import { planRules } from './plans';
import { defineRoute, errorResponses } from './route';

export const quoteBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    mode: nullableText,
    millicredits,
    nodeType: shortText,
    operation: nullableText,
    resource: nullableText,
    items: { type: 'integer', minimum: 0, maximum: 1_000_000_000 },
    model: nullableText,
    tokens: nullableTokenCounts,
  },
} as const;

export const quote = {
  type: 'object',
  required: ['millicredits', 'kind', 'reason', 'listMillicredits', 'free', 'plan'],
  additionalProperties: false,
  properties: {
    millicredits: { ...signedMillicredits, description: 'What the step costs this run (0 when free).' },
    kind: { type: 'string', enum: ['fixed', 'run', 'item', 'execution', 'helper', 'tokens'] },
    reason: text,
    className: { ...text, description: 'The price book class of the node type.' },
    model: { ...text, description: 'The model the tokens were priced as.' },
    listMillicredits: { ...signedMillicredits, description: 'The price before the editor-run rule.' },
    free: { type: 'boolean', description: 'An editor run the plan does not charge.' },
    plan: planRules,
  },
  description: 'The price of the step and the plan rules',
} as const;

export const postQuote = defineRoute({
  method: 'POST',
  url: '/v1/quote',
  schema: {
    tags: ['usage'],
    summary: 'Price one step with the workspace plan\'s price book (nothing is recorded)',
    description: 'A fixed `millicredits`, a `nodeType` (with its operation/resource and items), or `tokens` of a `model`. An editor run (`mode: manual`) is free when the plan says so. The answer carries the plan rules the n8n nodes apply.',
    querystring: workspaceQuery,
    body: quoteBody,
    response: { 200: quote, ...errorResponses },
  },
});

const range = {
  type: 'object',
  required: ['expected', 'min', 'max'],
  additionalProperties: false,
  properties: { expected: signedMillicredits, min: signedMillicredits, max: signedMillicredits },
} as const;

export const estimate = {
  type: 'object',
  required: ['millicredits', 'perExecution', 'free', 'plan', 'nodes'],
  additionalProperties: false,
  properties: {
    millicredits: { ...signedMillicredits, description: 'Expected cost of one execution (0 when free).' },
    perExecution: range,
    free: { type: 'boolean' },
    plan: planRules,
    nodes: {
      type: 'array',
      items: { type: 'object', required: ['name', 'type', 'millicredits'], additionalProperties: false, properties: { name: text, type: text, millicredits: signedMillicredits } },
      description: 'Expected cost of each node per execution.',
    },
  },
  description: 'The estimate per execution (expected, min, max) and the plan rules',
} as const;

export const postEstimate = defineRoute({
  method: 'POST',
  url: '/v1/estimates',
  schema: {
    tags: ['usage'],
    summary: 'Estimate what one execution of a workflow costs, with the workspace plan\'s price book',
    querystring: workspaceQuery,
    body: {
      type: 'object',
      required: ['workflow'],
      additionalProperties: false,
      properties: { workflow: { type: 'object', required: ['nodes', 'connections'], properties: { nodes: { type: 'array', maxItems: 5000 }, connections: { type: 'object' } } }, mode: nullableText },
    },
    response: { 200: estimate, ...errorResponses },
  },
});
