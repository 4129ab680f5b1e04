import type { Reservation } from '../../store/types';
import { principalOf } from '../auth';
import { memberScope, resolveWorkspace, type AppContext } from '../context';
import { getReservation, postReservation, releaseReservation, settleReservation } from '../contract/reservations';
import { contractRoute, type LedgerApp } from '../contractRoute';
import { ApiError, errorBody } from '../errors';
import { outcomeJson } from '../outcomes';
import { countOutcomes } from './usage';

/** Reserve before an AI step, settle the measured amount after it, release on failure. */
export function reservationRoutes(app: LedgerApp, ctx: AppContext): void {
  app.post(postReservation.url, contractRoute(postReservation), async (request, reply) => {
    const ws = await resolveWorkspace(ctx, request);
    const memberId = memberScope(principalOf(request), request.body.memberId) ?? null;
    const outcome = await ctx.store.reserve({ ...request.body, workspaceId: ws.id, memberId });
    if (outcome.status === 'refused') {
      return reply.status(402).send({ ...errorBody(outcome.reason, outcome.message), outcome: { status: 'refused', reason: outcome.reason, renewsAt: outcome.renewsAt, available: outcome.available } });
    }
    return reply.status(outcome.status === 'reserved' ? 201 : 200).send({ status: outcome.status, reservation: outcome.reservation, ...(outcome.status === 'reserved' ? { available: outcome.available } : {}) });
  });

  app.get(getReservation.url, contractRoute(getReservation), async (request) => {
    const ws = await resolveWorkspace(ctx, request);
    return found(await ctx.store.getReservation(ws.id, request.params.id), request.params.id);
  });

  app.post(settleReservation.url, contractRoute(settleReservation), async (request, reply) => {
    const ws = await resolveWorkspace(ctx, request);
    found(await ctx.store.getReservation(ws.id, request.params.id), request.params.id);
    const memberId = memberScope(principalOf(request), request.body.memberId) ?? null;
    const outcome = await ctx.store.settle({ ...request.body, memberId, reservationId: request.params.id });
    countOutcomes(ctx, [outcome]);
    if (outcome.status === 'conflict') return reply.status(409).send(errorBody('key-conflict', outcome.message, 'key'));
    if (outcome.status === 'refused') return reply.status(402).send({ ...errorBody(outcome.reason, outcome.message), outcome: outcomeJson(outcome) });
    return reply.status(outcome.status === 'recorded' ? 201 : 200).send(outcomeJson(outcome));
  });

  app.post(releaseReservation.url, contractRoute(releaseReservation), async (request) => {
    const ws = await resolveWorkspace(ctx, request);
    found(await ctx.store.getReservation(ws.id, request.params.id), request.params.id);
    return ctx.store.release(ws.id, request.params.id);
  });
}

function found(reservation: Reservation | null, id: string): Reservation {
  if (!reservation) throw new ApiError(404, 'unknown-reservation', `unknown reservation "${id}"`, 'id');
  return reservation;
}
