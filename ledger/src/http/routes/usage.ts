import type { FastifyInstance } from 'fastify';
import type { ChargeInput, ChargeOutcome } from '../../store/types';
import { isLedgerError } from '../../store/errors';
import { principalOf } from '../auth';
import { memberScope, resolveWorkspace, type AppContext } from '../context';
import { ApiError, errorBody, fromLedgerError } from '../errors';
import { chargeInput, outcomeJson, tally } from '../outcomes';
import { okObject, usageEvent, workspaceQuery } from '../schemas';

const USAGE_ROLES = ['admin', 'member', 'meter'] as const;
export const MAX_BATCH = 5000;

/** Counts outcomes in the metrics. */
export function countOutcomes(ctx: AppContext, outcomes: ChargeOutcome[]): void {
  const counts: Record<string, number> = {};
  let debited = 0;
  for (const o of outcomes) {
    counts[o.status] = (counts[o.status] ?? 0) + 1;
    if (o.status === 'recorded') debited += o.entry.millicredits;
  }
  for (const [outcome, n] of Object.entries(counts)) ctx.metrics.inc('n8n_credits_charges_total', { outcome }, n);
  if (debited > 0) ctx.metrics.inc('n8n_credits_charged_millicredits_total', {}, debited);
}

/** `POST /v1/usage` (one event) and `POST /v1/usage/batch` (up to 5,000 in one transaction). */
export function usageRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.post<{ Body: Omit<ChargeInput, 'workspaceId'> }>('/v1/usage', {
    config: { roles: USAGE_ROLES },
    schema: {
      tags: ['usage'],
      summary: 'Record one usage event (idempotent by key)',
      description: '201 when recorded, 200 when the key was already recorded with the same content, 409 when the key was recorded with different content, 402 when the plan refused it (nothing recorded).',
      querystring: workspaceQuery,
      body: usageEvent,
      response: { 200: okObject('Duplicate: acknowledged, not debited twice'), 201: okObject('Recorded') },
    },
  }, async (request, reply) => {
    const principal = principalOf(request);
    const ws = await resolveWorkspace(ctx, request);
    const outcome = await ctx.store.charge(chargeInput(ws.id, request.body, memberScope(principal, request.body.memberId)));
    countOutcomes(ctx, [outcome]);
    switch (outcome.status) {
      case 'recorded':
        return reply.status(201).send(outcomeJson(outcome));
      case 'duplicate':
        return reply.status(200).send(outcomeJson(outcome));
      case 'conflict':
        return reply.status(409).send(errorBody('key-conflict', outcome.message, 'key'));
      case 'refused':
        return reply.status(402).send({ ...errorBody(outcome.reason, outcome.message), outcome: outcomeJson(outcome) });
    }
  });

  app.post<{ Body: { events: Array<Omit<ChargeInput, 'workspaceId'>> } }>('/v1/usage/batch', {
    config: { roles: USAGE_ROLES },
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
      response: { 200: okObject('Outcomes in input order with counts') },
    },
  }, async (request) => {
    const principal = principalOf(request);
    const ws = await resolveWorkspace(ctx, request);
    const events = request.body.events;
    const inputs = new Array<ChargeInput>(events.length);
    for (let i = 0; i < events.length; i++) {
      const e = events[i]!;
      let memberId: string | null | undefined;
      try {
        memberId = memberScope(principal, e.memberId);
      } catch (err) {
        if (err instanceof ApiError) throw new ApiError(err.status, err.code, err.message, `events.${i}.${err.field}`);
        throw err;
      }
      inputs[i] = chargeInput(ws.id, e, memberId);
    }
    let outcomes: ChargeOutcome[];
    try {
      outcomes = await ctx.store.chargeBatch(inputs);
    } catch (err) {
      if (isLedgerError(err)) throw fromLedgerError(err, 'events');
      throw err;
    }
    countOutcomes(ctx, outcomes);
    return { ...tally(outcomes), outcomes: outcomes.map(outcomeJson) };
  });
}
