import type { FastifyInstance } from 'fastify';
import type { Plan } from '../../../../shared-pricing/src/plans/types';
import type { ApiKeyRole } from '../../store/types';
import { principalOf } from '../auth';
import { resolveWorkspace, type AppContext } from '../context';
import { ApiError } from '../errors';
import { generateApiKey, hashApiKey } from '../keys';
import { checkPlan, presetPlan, presetPlanNames } from '../pricing';
import { idempotencyKey, okObject, shortText, workspaceQuery } from '../schemas';

const ADMIN = { roles: ['admin'] as const };
const planBody = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  maxProperties: 1,
  properties: {
    preset: { type: 'string', minLength: 1, maxLength: 100, description: 'A plan preset: twenty, spojit, monkedo or amplience' },
    plan: { type: 'object', description: 'A full plan document (see shared-pricing plans/types.ts)' },
  },
} as const;

/** Resolves `{preset}` or `{plan}` to a plan, or a 400 naming the field. */
export function planFromBody(body: { preset?: string; plan?: unknown }): Plan {
  if (body.preset !== undefined) {
    const plan = presetPlan(body.preset);
    if (!plan) throw new ApiError(400, 'unknown-preset', `unknown plan preset "${body.preset}"; known: ${presetPlanNames().join(', ')}`, 'preset');
    return plan;
  }
  const checked = checkPlan(body.plan);
  if (!checked.ok) throw new ApiError(400, 'invalid-plan', checked.message, checked.field);
  return checked.plan;
}

/** Admin routes: top-ups, plans, keys and workspaces. Member and meter keys get 403. */
export function adminRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/v1/topups/packs', {
    config: ADMIN,
    schema: { tags: ['admin'], summary: 'The top-up packs the plan offers, with prices', querystring: workspaceQuery, response: { 200: okObject('Packs') } },
  }, async (request) => {
    const ws = await resolveWorkspace(ctx, request);
    return { packs: ws.plan.topUps.packs, lifetime: ws.plan.topUps.lifetime };
  });

  app.post<{ Body: { packId: string; key?: string } }>('/v1/topups', {
    config: ADMIN,
    schema: {
      tags: ['admin'],
      summary: 'Buy a top-up pack of the plan (idempotent when a key, e.g. a payment id, is given)',
      querystring: workspaceQuery,
      body: { type: 'object', required: ['packId'], additionalProperties: false, properties: { packId: shortText, key: idempotencyKey } },
      response: { 200: okObject('The key was used before: the same grant, nothing added'), 201: okObject('The top-up grant and the new balance') },
    },
  }, async (request, reply) => {
    const ws = await resolveWorkspace(ctx, request);
    const pack = ws.plan.topUps.packs.find((p) => p.id === request.body.packId);
    if (!pack) throw new ApiError(400, 'unknown-pack', `the plan "${ws.plan.name}" has no top-up pack "${request.body.packId}"`, 'packId');
    const { grant, created } = await ctx.store.addGrantOnce({
      workspaceId: ws.id, kind: 'topup', millicredits: pack.millicredits, key: request.body.key,
      note: `pack ${pack.id}: ${pack.price} ${pack.currency} (cents) by key ${principalOf(request).keyName}`,
    });
    // A repeated key (a re-delivered payment) is acknowledged with 200: nothing was added twice.
    return reply.status(created ? 201 : 200).send({ grant, balance: await ctx.store.balance(ws.id) });
  });

  app.get('/v1/plan', {
    config: { roles: ['admin', 'member'] },
    schema: { tags: ['plans'], summary: 'The workspace plan and the preset names', querystring: workspaceQuery, response: { 200: okObject('Plan') } },
  }, async (request) => {
    const ws = await resolveWorkspace(ctx, request);
    return { plan: ws.plan, planStartedAt: ws.planStartedAt, presets: presetPlanNames() };
  });

  app.put<{ Body: { preset?: string; plan?: unknown } }>('/v1/plan', {
    config: ADMIN,
    schema: {
      tags: ['plans'],
      summary: 'Change the plan (a preset or a plan document); top-ups stay, the allocation continues (see docs/ledger.md)',
      querystring: workspaceQuery,
      body: planBody,
      response: { 200: okObject('The workspace with its new plan') },
    },
  }, async (request) => {
    const ws = await resolveWorkspace(ctx, request);
    return ctx.store.setPlan(ws.id, planFromBody(request.body));
  });

  app.get('/v1/keys', {
    config: ADMIN,
    schema: { tags: ['keys'], summary: 'The workspace\'s API keys (never the secrets)', querystring: workspaceQuery, response: { 200: okObject('Keys') } },
  }, async (request) => {
    const ws = await resolveWorkspace(ctx, request);
    return { keys: await ctx.store.listApiKeys(ws.id) };
  });

  app.post<{ Body: { role: ApiKeyRole; name: string; memberId?: string | null } }>('/v1/keys', {
    config: ADMIN,
    schema: {
      tags: ['keys'],
      summary: 'Create an API key; the secret is in this answer only',
      querystring: workspaceQuery,
      body: {
        type: 'object',
        required: ['role', 'name'],
        additionalProperties: false,
        properties: { role: { type: 'string', enum: ['admin', 'member', 'meter'] }, name: { type: 'string', minLength: 1, maxLength: 100 }, memberId: { type: ['string', 'null'], minLength: 1, maxLength: 512 } },
      },
      response: { 201: okObject('The key (shown once) and its record') },
    },
  }, async (request, reply) => {
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

  app.delete<{ Params: { id: string } }>('/v1/keys/:id', {
    config: ADMIN,
    schema: {
      tags: ['keys'],
      summary: 'Revoke an API key',
      params: { type: 'object', required: ['id'], properties: { id: { type: 'string', minLength: 1, maxLength: 200 } } },
      querystring: workspaceQuery,
      response: { 200: okObject('The revoked key') },
    },
  }, async (request) => {
    const ws = await resolveWorkspace(ctx, request);
    const keys = await ctx.store.listApiKeys(ws.id);
    if (!keys.some((k) => k.id === request.params.id)) throw new ApiError(404, 'unknown-api-key', `unknown key "${request.params.id}"`, 'id');
    const revoked = await ctx.store.revokeApiKey(request.params.id);
    ctx.keyCache?.clear();
    return revoked;
  });

  app.get('/v1/workspaces', {
    config: ADMIN,
    schema: { tags: ['admin'], summary: 'Workspaces this key may act on', response: { 200: okObject('Workspaces') } },
  }, async (request) => {
    const principal = principalOf(request);
    const all = await ctx.store.listWorkspaces();
    return { workspaces: principal.workspaceId === null ? all : all.filter((w) => w.id === principal.workspaceId) };
  });

  app.post<{ Body: { id?: string; name: string; preset?: string; plan?: unknown; timeZone?: string; anchorDay?: number } }>('/v1/workspaces', {
    config: ADMIN,
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
      response: { 201: okObject('The workspace') },
    },
  }, async (request, reply) => {
    if (principalOf(request).workspaceId !== null) throw new ApiError(403, 'forbidden', 'only an instance-wide admin key creates workspaces');
    const b = request.body;
    const plan = planFromBody({ preset: b.preset });
    const ws = await ctx.store.createWorkspace({ id: b.id, name: b.name, plan, timeZone: b.timeZone ?? 'UTC', anchorDay: b.anchorDay ?? 1 });
    return reply.status(201).send(ws);
  });
}
