import type { Plan } from '../../../../shared-pricing/src/plans/types';
import { principalOf } from '../auth';
import { resolveWorkspace, type AppContext } from '../context';
import { deleteKey, getKeys, getPlan, getTopUpPacks, getWorkspaces, postKey, postTopUp, postWorkspace, putPlan } from '../contract/admin';
import { contractRoute, type LedgerApp } from '../contractRoute';
import { ApiError } from '../errors';
import { generateApiKey, hashApiKey } from '../keys';
import { presetPlanNames } from '../pricing';
import { readPlanInput } from '../../service/planInput';

/** Resolves `{preset}` or `{plan}` to a plan, or a 400 naming the field. */
export function planFromBody(body: { preset?: string; plan?: unknown }): Plan {
  const input = readPlanInput(body);
  if (!input.ok) throw new ApiError(400, input.code, input.message, input.field);
  return input.plan;
}

/** Admin routes: top-ups, plans, keys and workspaces. Member and meter keys get 403. */
export function adminRoutes(app: LedgerApp, ctx: AppContext): void {
  app.get(getTopUpPacks.url, contractRoute(getTopUpPacks), async (request) => {
    const ws = await resolveWorkspace(ctx, request);
    return { packs: ws.plan.topUps.packs, lifetime: ws.plan.topUps.lifetime };
  });

  app.post(postTopUp.url, contractRoute(postTopUp), async (request, reply) => {
    const ws = await resolveWorkspace(ctx, request);
    const pack = ws.plan.topUps.packs.find((p) => p.id === request.body.packId);
    if (!pack) throw new ApiError(400, 'unknown-pack', `the plan "${ws.plan.name}" has no top-up pack "${request.body.packId}"`, 'packId');
    const { grant, created } = await ctx.store.addGrantOnce({
      workspaceId: ws.id, kind: 'topup', millicredits: pack.millicredits, key: request.body.key,
      note: `pack ${pack.id}: ${pack.price} ${pack.currency} (cents) by key ${principalOf(request).keyName}${request.body.reason ? `, granted without payment: ${request.body.reason}` : ''}`,
    });
    // A repeated key (a re-delivered payment) is acknowledged with 200: nothing was added twice.
    return reply.status(created ? 201 : 200).send({ grant, balance: await ctx.store.balance(ws.id) });
  });

  app.get(getPlan.url, contractRoute(getPlan), async (request) => {
    const ws = await resolveWorkspace(ctx, request);
    return { plan: ws.plan, planStartedAt: ws.planStartedAt, presets: presetPlanNames() };
  });

  app.put(putPlan.url, contractRoute(putPlan), async (request) => {
    const ws = await resolveWorkspace(ctx, request);
    return ctx.store.setPlan(ws.id, planFromBody(request.body));
  });

  app.get(getKeys.url, contractRoute(getKeys), async (request) => {
    const ws = await resolveWorkspace(ctx, request);
    return { keys: await ctx.store.listApiKeys(ws.id) };
  });

  app.post(postKey.url, contractRoute(postKey), async (request, reply) => {
    const ws = await resolveWorkspace(ctx, request);
    const { role, name, memberId } = request.body;
    if (memberId) {
      const members = await ctx.store.listMembers(ws.id);
      if (!members.some((m) => m.memberId === memberId)) await ctx.store.addMember({ workspaceId: ws.id, memberId });
    }
    const key = generateApiKey();
    const record = await ctx.store.createApiKey({ workspaceId: ws.id, role, name, hash: hashApiKey(key), prefix: key.slice(0, 10), memberId: memberId ?? null });
    return reply.status(201).send({ key, record });
  });

  app.delete(deleteKey.url, contractRoute(deleteKey), async (request) => {
    const ws = await resolveWorkspace(ctx, request);
    const keys = await ctx.store.listApiKeys(ws.id);
    if (!keys.some((k) => k.id === request.params.id)) throw new ApiError(404, 'unknown-api-key', `unknown key "${request.params.id}"`, 'id');
    const revoked = await ctx.store.revokeApiKey(request.params.id);
    ctx.keyCache?.clear();
    return revoked;
  });

  app.get(getWorkspaces.url, contractRoute(getWorkspaces), async (request) => {
    const principal = principalOf(request);
    const all = await ctx.store.listWorkspaces();
    return { workspaces: principal.workspaceId === null ? all : all.filter((w) => w.id === principal.workspaceId) };
  });

  app.post(postWorkspace.url, contractRoute(postWorkspace), async (request, reply) => {
    if (principalOf(request).workspaceId !== null) throw new ApiError(403, 'forbidden', 'only an instance-wide admin key creates workspaces');
    const b = request.body;
    const plan = planFromBody({ preset: b.preset });
    const ws = await ctx.store.createWorkspace({ id: b.id, name: b.name, plan, timeZone: b.timeZone ?? 'UTC', anchorDay: b.anchorDay ?? 1 });
    return reply.status(201).send(ws);
  });
}
