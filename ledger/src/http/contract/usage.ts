/** Contract of recording usage: one event, a batch, and the outcome of each charge. */
import { count, idempotencyKey, isoTime, millicredits, nullableText, nullableTokenCounts, refusalReason, signedMillicredits, text, workspaceQuery } from './fields';
import { defineRoute, errorBody, errorResponses } from './route';

/** Largest batch `POST /v1/usage/batch` accepts. */
export const MAX_BATCH = 5000;

/** What a charge records beside its key and amount: who, which workflow and node run, and how it went. */
export const chargeLabels = {
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
  tokens: nullableTokenCounts,
  status: nullableText,
} as const;

/** The fields of one usage event (a charge). */
export const usageEventProperties = { key: idempotencyKey, millicredits, ...chargeLabels, occurredAt: isoTime } as const;

export const usageEvent = {
  type: 'object',
  required: ['key', 'millicredits'],
  additionalProperties: false,
  properties: usageEventProperties,
} as const;

/**
 * What became of one charge, compactly: `recorded` (entryId, millicredits, balance, overdraft), `duplicate` (entryId,
 * millicredits), `conflict` (code, message, existingMillicredits) or `refused` (reason, message, renewsAt, available).
 * One flat object rather than a union: the serializer stays a straight walk for batches of 5,000.
 */
export const chargeOutcome = {
  type: 'object',
  required: ['key', 'status'],
  additionalProperties: false,
  properties: {
    key: text,
    status: { type: 'string', enum: ['recorded', 'duplicate', 'conflict', 'refused'] },
    entryId: { type: 'integer' },
    millicredits: signedMillicredits,
    balance: { ...signedMillicredits, description: 'Total available after the charge (negative under overdraft).' },
    overdraft: signedMillicredits,
    code: text,
    message: text,
    existingMillicredits: signedMillicredits,
    reason: refusalReason,
    renewsAt: { type: ['string', 'null'], description: 'When credits renew; null when unknown.' },
    available: signedMillicredits,
  },
  description: 'The outcome of one charge',
} as const;

/** 402: the plan refused the charge; nothing was recorded. */
export const refusedCharge = {
  type: 'object',
  required: ['error', 'outcome'],
  properties: { error: errorBody.properties.error, outcome: chargeOutcome },
  description: 'Refused by the plan: nothing recorded',
} as const;

/** Counts of a batch's or an execution's outcomes by status. */
export const outcomeCounts = {
  recorded: count,
  duplicates: count,
  conflicts: count,
  refused: count,
} as const;

export const postUsage = defineRoute({
  method: 'POST',
  url: '/v1/usage',
  schema: {
    tags: ['usage'],
    summary: 'Record one usage event (idempotent by key)',
    description: '201 when recorded, 200 when the key was already recorded with the same content, 409 when the key was recorded with different content, 402 when the plan refused it (nothing recorded).',
    querystring: workspaceQuery,
    body: usageEvent,
    response: {
      200: { ...chargeOutcome, description: 'Duplicate: acknowledged, not debited twice' },
      201: { ...chargeOutcome, description: 'Recorded' },
      402: refusedCharge,
      ...errorResponses,
    },
  },
});

export const postUsageBatch = defineRoute({
  method: 'POST',
  url: '/v1/usage/batch',
  schema: {
    tags: ['usage'],
    summary: 'Record up to 5,000 usage events in one transaction',
    description: 'Outcomes come back in input order. A malformed event anywhere fails the whole batch with 400 naming `events.N.field`, and nothing is recorded.',
    querystring: workspaceQuery,
    body: {
      type: 'object',
      required: ['events'],
      additionalProperties: false,
      properties: { events: { type: 'array', minItems: 1, maxItems: MAX_BATCH, items: usageEvent } },
    },
    response: {
      200: {
        type: 'object',
        required: ['recorded', 'duplicates', 'conflicts', 'refused', 'outcomes'],
        properties: { ...outcomeCounts, outcomes: { type: 'array', items: chargeOutcome } },
        description: 'Outcomes in input order with counts',
      },
      ...errorResponses,
    },
  },
});
