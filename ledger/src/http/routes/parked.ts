import type { ParkedExecution } from '../../store/types';
import { resolveWorkspace, type AppContext } from '../context';
import { getParked, postParked } from '../contract/parked';
import { contractRoute, type LedgerApp } from '../contractRoute';

/** A parked execution as the API shows it: everything but the resume URL. */
function parkedJson(p: ParkedExecution) {
  return {
    executionId: p.executionId, workflowId: p.workflowId, nodeName: p.nodeName, needMillicredits: p.needMillicredits, renewsAt: p.renewsAt,
    status: p.status, attempts: p.attempts, lastError: p.lastError, parkedAt: p.parkedAt, endedAt: p.endedAt,
  };
}

/** Executions a Guard parked under `pause`, resumed by the ledger once credits cover them. */
export function parkedRoutes(app: LedgerApp, ctx: AppContext): void {
  app.post(postParked.url, contractRoute(postParked), async (request, reply) => {
    const ws = await resolveWorkspace(ctx, request);
    const { parked, created } = await ctx.store.parkExecution({ ...request.body, workspaceId: ws.id });
    // Credits may already be there (a top-up raced the Guard): the resumer looks at once.
    ctx.resumer?.parked(ws.id);
    return created ? reply.status(201).send({ status: 'parked' as const, parked: parkedJson(parked) }) : reply.status(200).send({ status: 'duplicate' as const, parked: parkedJson(parked) });
  });

  app.get(getParked.url, contractRoute(getParked), async (request) => {
    const ws = await resolveWorkspace(ctx, request);
    const limit = request.query.limit ? Number(request.query.limit) : 50;
    return { parked: (await ctx.store.listParked(ws.id, limit)).map(parkedJson) };
  });
}
