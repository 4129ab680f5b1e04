import type { FastifyInstance } from 'fastify';
import type { Reservation, SettleInput } from '../../store/types';
import { principalOf } from '../auth';
import { memberScope, resolveWorkspace, type AppContext } from '../context';
import { ApiError, errorBody } from '../errors';
import { outcomeJson } from '../outcomes';
import { idempotencyKey, isoTime, millicredits, nullableText, okObject, usageEventProperties, workspaceQuery } from '../schemas';
import { countOutcomes } from './usage';

const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', minLength: 1, maxLength: 200 } } } as const;
const ROLES = ['admin', 'member', 'meter'] as const;

/** Reserve before an AI step, settle the measured amount after it, release on failure. */
export function reservationRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.post<{ Body: { key: string; millicredits: number; memberId?: string | null; expiresAt?: string } }>('/v1/reservations', {
    config: { roles: ROLES },
    schema: {
      tags: ['reservations'],
      summary: 'Hold credits for a step before it runs (idempotent by key)',
      description: '201 reserved, 200 when the key was already reserved, 402 when the plan refuses the hold.',
      querystring: workspaceQuery,
      body: { type: 'object', required: ['key', 'millicredits'], additionalProperties: false, properties: { key: idempotencyKey, millicredits, memberId: nullableText, expiresAt: isoTime } },
      response: { 200: okObject('Already reserved'), 201: okObject('Reserved') },
    },
  }, async (request, reply) => {
    const ws = await resolveWorkspace(ctx, request);
    const memberId = memberScope(principalOf(request), request.body.memberId) ?? null;
    const outcome = await ctx.store.reserve({ ...request.body, workspaceId: ws.id, memberId });
    if (outcome.status === 'refused') {
      return reply.status(402).send({ ...errorBody(outcome.reason, outcome.message), outcome: { status: 'refused', reason: outcome.reason, renewsAt: outcome.renewsAt, available: outcome.available } });
    }
    return reply.status(outcome.status === 'reserved' ? 201 : 200).send({ status: outcome.status, reservation: outcome.reservation, ...(outcome.status === 'reserved' ? { available: outcome.available } : {}) });
  });

  app.get<{ Params: { id: string } }>('/v1/reservations/:id', {
    config: { roles: ROLES },
    schema: { tags: ['reservations'], summary: 'One reservation', params: idParams, querystring: workspaceQuery, response: { 200: okObject('The reservation') } },
  }, async (request) => {
    const ws = await resolveWorkspace(ctx, request);
    return found(await ctx.store.getReservation(ws.id, request.params.id), request.params.id);
  });

  const settleProps: Record<string, unknown> = { ...usageEventProperties };
  app.post<{ Params: { id: string }; Body: Omit<SettleInput, 'reservationId'> }>('/v1/reservations/:id/settle', {
    config: { roles: ROLES },
    schema: {
      tags: ['reservations'],
      summary: 'Settle a held reservation with the measured amount (less or more than reserved)',
      params: idParams,
      querystring: workspaceQuery,
      body: { type: 'object', required: ['key', 'millicredits'], additionalProperties: false, properties: settleProps },
      response: { 200: okObject('Duplicate settlement'), 201: okObject('Settled') },
    },
  }, async (request, reply) => {
    const ws = await resolveWorkspace(ctx, request);
    found(await ctx.store.getReservation(ws.id, request.params.id), request.params.id);
    const memberId = memberScope(principalOf(request), request.body.memberId) ?? null;
    const outcome = await ctx.store.settle({ ...request.body, memberId, reservationId: request.params.id });
    countOutcomes(ctx, [outcome]);
    if (outcome.status === 'conflict') return reply.status(409).send(errorBody('key-conflict', outcome.message, 'key'));
    if (outcome.status === 'refused') return reply.status(402).send({ ...errorBody(outcome.reason, outcome.message), outcome: outcomeJson(outcome) });
    return reply.status(outcome.status === 'recorded' ? 201 : 200).send(outcomeJson(outcome));
  });

  app.post<{ Params: { id: string } }>('/v1/reservations/:id/release', {
    config: { roles: ROLES },
    schema: { tags: ['reservations'], summary: 'Release a held reservation (the step failed)', params: idParams, querystring: workspaceQuery, response: { 200: okObject('The released reservation') } },
  }, async (request) => {
    const ws = await resolveWorkspace(ctx, request);
    found(await ctx.store.getReservation(ws.id, request.params.id), request.params.id);
    return ctx.store.release(ws.id, request.params.id);
  });
}

function found(reservation: Reservation | null, id: string): Reservation {
  if (!reservation) throw new ApiError(404, 'unknown-reservation', `unknown reservation "${id}"`, 'id');
  return reservation;
}
