/** JSON schemas shared by the routes; the same objects validate requests and build the OpenAPI document. */

const MAX_AMOUNT = Number.MAX_SAFE_INTEGER;

/** Integer millicredits ≥ 0 (no fractions, no negatives). */
export const millicredits = { type: 'integer', minimum: 0, maximum: MAX_AMOUNT, description: 'Integer millicredits (1 credit = 1000).' } as const;
export const shortText = { type: 'string', minLength: 1, maxLength: 512 } as const;
export const nullableText = { type: ['string', 'null'], maxLength: 512 } as const;
export const isoTime = { type: 'string', format: 'date-time', maxLength: 40 } as const;
export const idempotencyKey = { type: 'string', minLength: 1, maxLength: 512, description: 'Idempotency key, e.g. `executionId:nodeName:runIndex:kind`.' } as const;

/** `?workspaceId=` picks the workspace for an instance-wide key; a workspace key may only name its own. */
export const workspaceQuery = {
  type: 'object',
  properties: { workspaceId: { type: 'string', minLength: 1, maxLength: 200 } },
} as const;

/** The fields of one usage event (a charge). */
export const usageEventProperties = {
  key: idempotencyKey,
  millicredits,
  memberId: nullableText,
  workflowId: nullableText,
  workflowName: nullableText,
  executionId: nullableText,
  nodeName: nullableText,
  nodeType: nullableText,
  runIndex: { type: ['integer', 'null'], minimum: 0 },
  mode: nullableText,
  kind: nullableText,
  model: nullableText,
  tokens: {
    type: ['object', 'null'],
    required: ['input', 'output'],
    additionalProperties: false,
    properties: { input: { type: 'integer', minimum: 0 }, output: { type: 'integer', minimum: 0 } },
  },
  status: nullableText,
  occurredAt: isoTime,
} as const;

export const usageEvent = {
  type: 'object',
  required: ['key', 'millicredits'],
  additionalProperties: false,
  properties: usageEventProperties,
} as const;

/** Any JSON object answer (the serializer keeps every property). */
export const anyObject = { type: 'object', additionalProperties: true } as const;

export const okObject = (description: string) => ({ description, type: 'object', additionalProperties: true }) as const;

export const reportDimension = { type: 'string', enum: ['workflow', 'nodeType', 'member', 'day'] } as const;
