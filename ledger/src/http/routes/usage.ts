import type { ChargeInput, ChargeOutcome } from '../../store/types';
import { isLedgerError } from '../../store/errors';
import { principalOf } from '../auth';
import { memberScope, resolveWorkspace, type AppContext } from '../context';
import { postUsage, postUsageBatch } from '../contract/usage';
import { contractRoute, type LedgerApp } from '../contractRoute';
import { ApiError, errorBody, fromLedgerError } from '../errors';
import { chargeInput, outcomeJson, tally } from '../outcomes';

export { MAX_BATCH } from '../contract/usage';

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
export function usageRoutes(app: LedgerApp, ctx: AppContext): void {
  app.post(postUsage.url, contractRoute(postUsage), async (request, reply) => {
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

  app.post(postUsageBatch.url, contractRoute(postUsageBatch), async (request) => {
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
