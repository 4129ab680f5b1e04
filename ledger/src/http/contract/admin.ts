/** Contract of the admin routes: top-ups, plans, keys and workspaces. */
import { idParams, idempotencyKey, nullableText, role, shortText, signedMillicredits, text, workspaceQuery } from './fields';
import { planDocument, topUpLifetime, topUpPack, workspace } from './plans';
import { balanceCard } from './reports';
import { defineRoute, errorResponses } from './route';

const grant = {
  type: 'object',
  required: ['id', 'workspaceId', 'kind', 'millicredits', 'remaining', 'priority', 'effectiveAt', 'expiresAt', 'endsWithPlan', 'note', 'key', 'createdAt'],
  additionalProperties: false,
  properties: {
    id: text,
    workspaceId: text,
    kind: { type: 'string', enum: ['allocation', 'rollover', 'topup', 'manual', 'promo'] },
    millicredits: signedMillicredits,
    remaining: signedMillicredits,
    priority: { type: 'integer' },
    effectiveAt: text,
    expiresAt: nullableText,
    endsWithPlan: { type: 'boolean' },
    note: nullableText,
    key: nullableText,
    createdAt: text,
  },
} as const;

/** An API key's record (never its secret). */
export const apiKeyRecord = {
  type: 'object',
  required: ['id', 'workspaceId', 'role', 'name', 'prefix', 'memberId', 'createdAt', 'revokedAt', 'lastUsedAt'],
  additionalProperties: false,
  properties: {
    id: text,
    workspaceId: { type: ['string', 'null'], description: 'Null for an instance-wide key.' },
    role,
    name: text,
    prefix: text,
    memberId: nullableText,
    createdAt: text,
    revokedAt: nullableText,
    lastUsedAt: nullableText,
  },
} as const;

const topUp = {
  type: 'object',
  required: ['grant', 'balance'],
  additionalProperties: false,
  properties: { grant, balance: balanceCard },
} as const;

export const getTopUpPacks = defineRoute({
  method: 'GET',
  url: '/v1/topups/packs',
  schema: {
    tags: ['admin'],
    summary: 'The top-up packs the plan offers, with prices',
    querystring: workspaceQuery,
    response: {
      200: { type: 'object', required: ['packs', 'lifetime'], properties: { packs: { type: 'array', items: topUpPack }, lifetime: topUpLifetime }, description: 'Packs' },
      ...errorResponses,
    },
  },
});

export const postTopUp = defineRoute({
  method: 'POST',
  url: '/v1/topups',
  schema: {
    tags: ['admin'],
    summary: 'Grant a top-up pack of the plan by hand, without a payment (idempotent when a key is given); paid packs go through POST /v1/checkout',
    querystring: workspaceQuery,
    body: { type: 'object', required: ['packId'], additionalProperties: false, properties: { packId: shortText, key: idempotencyKey, reason: { ...shortText, description: 'Why the credits are granted without a payment (kept in the grant\'s note).' } } },
    response: {
      200: { ...topUp, description: 'The key was used before: the same grant, nothing added' },
      201: { ...topUp, description: 'The top-up grant and the new balance' },
      ...errorResponses,
    },
  },
});

export const getPlan = defineRoute({
  method: 'GET',
  url: '/v1/plan',
  schema: {
    tags: ['plans'],
    summary: 'The workspace plan and the preset names',
    querystring: workspaceQuery,
    response: {
      200: { type: 'object', required: ['plan', 'planStartedAt', 'presets'], properties: { plan: planDocument, planStartedAt: text, presets: { type: 'array', items: text } }, description: 'Plan' },
      ...errorResponses,
    },
  },
});

export const putPlan = defineRoute({
  method: 'PUT',
  url: '/v1/plan',
  schema: {
    tags: ['plans'],
    summary: 'Change the plan (a preset or a plan document); top-ups stay, the allocation continues (see docs/ledger.md)',
    querystring: workspaceQuery,
    body: {
      type: 'object',
      additionalProperties: false,
      minProperties: 1,
      maxProperties: 1,
      properties: {
        preset: { type: 'string', minLength: 1, maxLength: 100, description: 'A plan preset: twenty, spojit, monkedo or amplience' },
        plan: { type: 'object', description: 'A full plan document (see shared-pricing plans/types.ts)' },
      },
    },
    response: { 200: { ...workspace, description: 'The workspace with its new plan' }, ...errorResponses },
  },
});

export const getKeys = defineRoute({
  method: 'GET',
  url: '/v1/keys',
  schema: {
    tags: ['keys'],
    summary: 'The workspace\'s API keys (never the secrets)',
    querystring: workspaceQuery,
    response: { 200: { type: 'object', required: ['keys'], properties: { keys: { type: 'array', items: apiKeyRecord } }, description: 'Keys' }, ...errorResponses },
  },
});

export const postKey = defineRoute({
  method: 'POST',
  url: '/v1/keys',
  schema: {
    tags: ['keys'],
    summary: 'Create an API key; the secret is in this answer only',
    querystring: workspaceQuery,
    body: {
      type: 'object',
      required: ['role', 'name'],
      additionalProperties: false,
      properties: { role, name: { type: 'string', minLength: 1, maxLength: 100 }, memberId: { type: ['string', 'null'], minLength: 1, maxLength: 512 } },
    },
    response: {
      201: { type: 'object', required: ['key', 'record'], properties: { key: { ...text, description: 'The secret, shown once.' }, record: apiKeyRecord }, description: 'The key (shown once) and its record' },
      ...errorResponses,
    },
  },
});

export const deleteKey = defineRoute({
  method: 'DELETE',
  url: '/v1/keys/:id',
  schema: {
    tags: ['keys'],
    summary: 'Revoke an API key',
    params: idParams,
    querystring: workspaceQuery,
    response: { 200: { ...apiKeyRecord, description: 'The revoked key' }, ...errorResponses },
  },
});

export const getWorkspaces = defineRoute({
  method: 'GET',
  url: '/v1/workspaces',
  schema: {
    tags: ['admin'],
    summary: 'Workspaces this key may act on',
    response: { 200: { type: 'object', required: ['workspaces'], properties: { workspaces: { type: 'array', items: workspace } }, description: 'Workspaces' }, ...errorResponses },
  },
});

export const postWorkspace = defineRoute({
  method: 'POST',
  url: '/v1/workspaces',
  schema: {
    tags: ['admin'],
    summary: 'Create a workspace (instance-wide admin keys only)',
    body: {
      type: 'object',
      required: ['name', 'preset'],
      additionalProperties: false,
      properties: {
        id: { type: 'string', pattern: '^[A-Za-z0-9_.-]{1,100}$' },
        name: { type: 'string', minLength: 1, maxLength: 200 },
        preset: { type: 'string', minLength: 1, maxLength: 100 },
        timeZone: { type: 'string', minLength: 1, maxLength: 100 },
        anchorDay: { type: 'integer', minimum: 1, maximum: 31 },
      },
    },
    response: { 201: workspace, ...errorResponses },
  },
});
