/**
 * The JSON Schema fields the ledger's contract is built from. Plain JSON Schema literals: TypeBox's `Static` infers
 * their types, Fastify validates and serializes with them, and they compile to JavaScript that imports nothing, so
 * the community nodes can take the contract's types without a runtime dependency (see ./index.ts).
 */

/** Integer millicredits ≥ 0 (no fractions, no negatives): what a request may send. */
export const millicredits = { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER, description: 'Integer millicredits (1 credit = 1000).' } as const;
/** Integer millicredits that may be negative (a balance under overdraft, a reversal): what an answer may carry. */
export const signedMillicredits = { type: 'integer', description: 'Integer millicredits (1 credit = 1000); negative under overdraft or for a reversal.' } as const;
/** A whole count (entries, outcomes, failures). */
export const count = { type: 'integer', minimum: 0 } as const;
export const text = { type: 'string' } as const;
export const nullableText = { type: ['string', 'null'], maxLength: 512 } as const;
export const shortText = { type: 'string', minLength: 1, maxLength: 512 } as const;
export const isoTime = { type: 'string', format: 'date-time', maxLength: 40 } as const;
export const nullableTime = { type: ['string', 'null'], format: 'date-time', maxLength: 40 } as const;
export const idempotencyKey = { type: 'string', minLength: 1, maxLength: 512, description: 'Idempotency key, e.g. `executionId:nodeName:runIndex:kind`.' } as const;
/** An id in a path or query (`?workspaceId=`, `/v1/keys/:id`). */
export const pathId = { type: 'string', minLength: 1, maxLength: 200 } as const;
export const role = { type: 'string', enum: ['admin', 'member', 'meter'] } as const;
export const exhaustionPolicy = { type: 'string', enum: ['pause', 'stop', 'overdraft'], description: 'What happens when the workspace has no credits left.' } as const;
export const refusalReason = { type: 'string', enum: ['insufficient-credits', 'credits-exhausted', 'daily-limit', 'member-allocation', 'circuit-open'] } as const;
export const reportDimension = { type: 'string', enum: ['workflow', 'nodeType', 'member', 'day'] } as const;

/**
 * An object schema that also accepts null. At run time a type array (`['object', 'null']`): ajv reports it plainly
 * and the serializer writes it without trying branches. Typed as the equivalent `anyOf`, which TypeBox's `Static`
 * reads (it takes a type array with properties as an object that is never null).
 */
export function nullableObject<const S extends { type: 'object' }>(schema: S): { anyOf: readonly [S, { type: 'null' }] } {
  return { ...schema, type: ['object', 'null'] } as unknown as { anyOf: readonly [S, { type: 'null' }] };
}

/** Token counts of an AI step. */
export const tokenCounts = {
  type: 'object',
  required: ['input', 'output'],
  additionalProperties: false,
  properties: { input: { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER }, output: { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER } },
} as const;
export const nullableTokenCounts = nullableObject(tokenCounts);

/** `?workspaceId=` picks the workspace for an instance-wide key; a workspace key may only name its own. */
export const workspaceQuery = {
  type: 'object',
  properties: { workspaceId: pathId },
} as const;

/** A list's query: the workspace and how many rows, newest first. */
export const listQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { workspaceId: pathId, limit: { type: 'string', pattern: '^(?:[1-9][0-9]?|[1-4][0-9]{2}|500)$', description: '1–500, default 50' } },
} as const;

/** `/:id` of a reservation or a key. */
export const idParams = { type: 'object', required: ['id'], properties: { id: pathId } } as const;
