/** Contract of reservations: hold before an AI step, settle the measured amount after it, release on failure. */
import { idParams, idempotencyKey, isoTime, millicredits, nullableText, refusalReason, signedMillicredits, text, workspaceQuery } from './fields';
import { defineRoute, errorBody, errorResponses } from './route';
import { chargeOutcome, refusedCharge, usageEventProperties } from './usage';

export const reservation = {
  type: 'object',
  required: ['id', 'workspaceId', 'key', 'millicredits', 'memberId', 'state', 'expiresAt', 'createdAt', 'settledKey'],
  additionalProperties: false,
  properties: {
    id: text,
    workspaceId: text,
    key: text,
    millicredits: signedMillicredits,
    memberId: nullableText,
    state: { type: 'string', enum: ['held', 'settled', 'released', 'expired'] },
    expiresAt: text,
    createdAt: text,
    settledKey: { ...nullableText, description: 'Key of the settling entry once settled.' },
  },
  description: 'The reservation',
} as const;

/** `201 reserved` (with what is available after the hold) or `200 duplicate`. */
const reserved = {
  type: 'object',
  required: ['status', 'reservation'],
  additionalProperties: false,
  properties: { status: { type: 'string', enum: ['reserved', 'duplicate'] }, reservation, available: signedMillicredits },
} as const;

export const postReservation = defineRoute({
  method: 'POST',
  url: '/v1/reservations',
  schema: {
    tags: ['reservations'],
    summary: 'Hold credits for a step before it runs (idempotent by key)',
    description: '201 reserved, 200 when the key was already reserved, 402 when the plan refuses the hold.',
    querystring: workspaceQuery,
    body: { type: 'object', required: ['key', 'millicredits'], additionalProperties: false, properties: { key: idempotencyKey, millicredits, memberId: nullableText, expiresAt: isoTime } },
    response: {
      200: { ...reserved, description: 'Already reserved' },
      201: { ...reserved, description: 'Reserved' },
      402: {
        type: 'object',
        required: ['error', 'outcome'],
        properties: {
          error: errorBody.properties.error,
          outcome: {
            type: 'object',
            required: ['status', 'reason', 'renewsAt', 'available'],
            properties: { status: { type: 'string', enum: ['refused'] }, reason: refusalReason, renewsAt: { type: ['string', 'null'] }, available: signedMillicredits },
          },
        },
        description: 'Refused by the plan: nothing held',
      },
      ...errorResponses,
    },
  },
});

export const getReservation = defineRoute({
  method: 'GET',
  url: '/v1/reservations/:id',
  schema: { tags: ['reservations'], summary: 'One reservation', params: idParams, querystring: workspaceQuery, response: { 200: reservation, ...errorResponses } },
});

export const settleReservation = defineRoute({
  method: 'POST',
  url: '/v1/reservations/:id/settle',
  schema: {
    tags: ['reservations'],
    summary: 'Settle a held reservation with the measured amount (less or more than reserved)',
    params: idParams,
    querystring: workspaceQuery,
    body: { type: 'object', required: ['key', 'millicredits'], additionalProperties: false, properties: usageEventProperties },
    response: {
      200: { ...chargeOutcome, description: 'Duplicate settlement' },
      201: { ...chargeOutcome, description: 'Settled' },
      402: refusedCharge,
      ...errorResponses,
    },
  },
});

export const releaseReservation = defineRoute({
  method: 'POST',
  url: '/v1/reservations/:id/release',
  schema: {
    tags: ['reservations'],
    summary: 'Release a held reservation (the step failed)',
    params: idParams,
    querystring: workspaceQuery,
    response: { 200: { ...reservation, description: 'The released reservation' }, ...errorResponses },
  },
});
